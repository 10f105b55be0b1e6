import type { StoredArticle } from "../store/load-article.ts";
import { ARTICLE_PAGE_CSS } from "./article-page-style.ts";
import { buildArticleView, OFFLINE_MODEL_NOTE, WORDS_PER_MINUTE, type ArticleView, type ReaderCreditLine, type RenderOptions, type ViewSection, type ViewSource } from "./build-article-view.ts";
import { computeEvidenceBasis, describeEvidenceBasis } from "./evidence-basis.ts";
import { renderSectionBodyHtml } from "./render-blocks-html.ts";
import { renderConceptFigureHtml } from "./render-concept-figure.ts";
import { renderBreadcrumbHtml, renderResourcesHtml, renderWatchHtml, RESOURCES_TITLE } from "./render-page-links.ts";
import { DISCLAIMER, DISCLAIMER_DETAIL, escapeHtml, formatReadTime, formatTimestamp, MODE_NOTES, TEMPLATE_NOTE_TITLE } from "./render-text.ts";

// output/<slug>/index.html: one self-contained page of the clinical wiki, a pure function of stored
// rows and reviewer decisions. No script and no network: styles are inline, quotes show on
// hover/focus through CSS, and a print stylesheet drops the hover-only parts.

function renderMetadata(view: ArticleView): string {
  // A { html } value is markup built here from escaped parts (the Watch links).
  const rows: [string, string | string[] | { html: string }][] = [];
  const evidence = describeEvidenceBasis(computeEvidenceBasis(view.sections, view.sources));
  if (view.metadata) {
    const meta = view.metadata;
    rows.push(["Type", meta.type]);
    if (meta.subtype) rows.push(["Subtype", meta.subtype]);
    rows.push(["Discipline", meta.discipline], ["Evidence status", [meta.evidence_status, evidence]]);
    if (meta.populations.length > 0) rows.push(["Populations", meta.populations]);
    if (meta.problems.length > 0) rows.push(["Problems", meta.problems]);
    if (meta.key_figures.length > 0) rows.push(["Key figures", meta.key_figures]);
  } else {
    rows.push(["Evidence", evidence]);
  }
  if (view.watch.length > 0) rows.push(["Watch", { html: renderWatchHtml(view.watch) }]);
  rows.push(["Read time", `${view.readMinutes} min`]);
  const items = rows.map(([term, value]) => {
    // The evidence line: the spec's evidence status, then what the article rests on.
    if (term === "Evidence status" && Array.isArray(value)) {
      return `<dt>${term}</dt><dd>${escapeHtml(value[0] ?? "")}<span class="evidence-basis">${escapeHtml(value[1] ?? "")}</span></dd>`;
    }
    const detail = Array.isArray(value)
      ? `<ul>${value.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`
      : typeof value === "string"
        ? escapeHtml(value)
        : value.html;
    return `<dt>${term}</dt><dd>${detail}</dd>`;
  });
  return `<section class="infobox" aria-labelledby="key-facts"><h2 id="key-facts">Key facts</h2><dl>${items.join("")}</dl></section>`;
}

function renderSection(section: ViewSection, view: ArticleView, sources: Map<number, ViewSource>): string {
  const id = escapeHtml(section.id);
  const figure = section.figure ? `${renderConceptFigureHtml(section.figure, `figure-${section.id}`)}\n` : "";
  const note = section.templateNote
    ? `\n<p class="template-note">${escapeHtml(section.templateNote)} <span class="tag tag-template" title="${TEMPLATE_NOTE_TITLE}">template text</span></p>`
    : "";
  return `<section class="article-section" id="section-${id}">\n<h2 id="h-${id}">${escapeHtml(section.title)}</h2>\n${figure}${renderSectionBodyHtml(section, { mode: view.mode, sources })}${note}\n</section>`;
}

/** Resources sit after Key Terms, as on the reference page, or after the last section. */
function resourcesAfter(sections: ViewSection[]): string | undefined {
  return sections.find((section) => section.id === "key-terms")?.id ?? sections[sections.length - 1]?.id;
}

function renderSources(view: ArticleView): string {
  const items = view.sources.map((source) => {
    const title = escapeHtml(source.title);
    const link = source.href ? `<a href="${escapeHtml(source.href)}">${title}</a>` : title;
    const error = source.error ? ` <span class="source-error">Not fetched: ${escapeHtml(source.error)}</span>` : "";
    return (
      `<li id="source-${source.number}" value="${source.number}">${link} <span class="tier" title="Source tier">Tier ${escapeHtml(source.tier)}</span>` +
      `${error}<span class="source-url">${escapeHtml(source.url)}</span></li>`
    );
  });
  return `<section class="article-section" id="sources" aria-labelledby="h-sources">\n<h2 id="h-sources">Sources</h2>\n<ol class="sources">\n${items.join("\n")}\n</ol>\n</section>`;
}

function renderProvenance(view: ArticleView, credits: readonly ReaderCreditLine[]): string {
  const { provenance, counts } = view;
  const model = provenance.isOffline
    ? `${escapeHtml(provenance.modelReported ?? provenance.modelRequested)} <span class="note">(${escapeHtml(OFFLINE_MODEL_NOTE)})</span>`
    : provenance.modelReported
      ? `${escapeHtml(provenance.modelReported)} <span class="note">(as reported by the API; requested ${escapeHtml(provenance.modelRequested)} through ${escapeHtml(provenance.provider)})</span>`
      : `not reported by the API <span class="note">(requested ${escapeHtml(provenance.modelRequested)} through ${escapeHtml(provenance.provider)})</span>`;
  const sentences = `${counts.source} sourced, ${counts.llm} model-written (LLM), ${counts.example} in examples; ${counts.flagged} flagged${
    counts.removed > 0 ? `, ${counts.removed} removed in review` : ""
  }`;
  const rows: [string, string][] = [
    ["Model", model],
    ["Article version", `${view.version} <span class="note">(spec version ${provenance.specVersion}, status ${escapeHtml(provenance.status)})</span>`],
    ["Last generated", `<time datetime="${escapeHtml(provenance.generatedAt)}">${escapeHtml(formatTimestamp(provenance.generatedAt))}</time>`],
    ["Read time", escapeHtml(formatReadTime(view.words, view.readMinutes, WORDS_PER_MINUTE))],
    ["Sources", String(view.sources.length)],
    ["Sentences", sentences],
    ["Verifier", escapeHtml(provenance.verifier)],
    ["Pipeline version", `wikigen ${escapeHtml(provenance.pipelineVersion)}`],
    ["Rendering", MODE_NOTES[view.mode]],
  ];
  if (credits.length > 0) rows.push(["Reader revisions", renderReaderCredits(credits)]);
  const items = rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join("\n");
  return `<footer class="provenance"><div class="provenance-inner">\n<h2 id="h-about">About this article</h2>\n<dl>\n${items}\n</dl>\n</div></footer>`;
}

function renderReaderCredits(credits: readonly ReaderCreditLine[]): string {
  const items = credits.map((credit) => {
    const by = credit.creditedAs === null ? "from a reader's suggestion" : `from a suggestion by ${escapeHtml(credit.creditedAs)}`;
    return `<li class="reader-credit">${escapeHtml(credit.sectionTitle)}: revised in version ${credit.version} ${by}</li>`;
  });
  return `<ul class="reader-credits">${items.join("")}</ul>`;
}

function renderContents(sections: ViewSection[], view: ArticleView): string {
  const after = view.resources.length > 0 ? resourcesAfter(sections) : undefined;
  const entries = sections.flatMap((section) => [
    [`section-${section.id}`, section.title] as const,
    ...(section.id === after ? [["resources", RESOURCES_TITLE] as const] : []),
  ]);
  if (view.resources.length > 0 && after === undefined) entries.push(["resources", RESOURCES_TITLE]);
  const links = [...entries, ["sources", "Sources"] as const]
    .map(([target, title]) => `<li><a href="#${escapeHtml(target)}">${escapeHtml(title)}</a></li>`)
    .join("");
  return `<nav class="toc" aria-labelledby="h-contents"><h2 id="h-contents">Contents</h2><ol>${links}</ol></nav>`;
}

export function renderArticleHtml(article: StoredArticle, options: RenderOptions): string {
  const view = buildArticleView(article, options);
  const sources = new Map(view.sources.map((source) => [source.number, source]));
  // The summary section sits beside the metadata box, as on the reference page; the rest follow in
  // template (stored position) order.
  const [first, ...rest] = view.sections;
  const summary = first?.id === "summary" ? first : undefined;
  const body = summary ? rest : view.sections;
  const generated = formatTimestamp(view.provenance.generatedAt);
  const resourcesAt = view.resources.length > 0 ? resourcesAfter(body) : undefined;
  const bodyHtml = body.map((section) => renderSection(section, view, sources) + (section.id === resourcesAt ? `\n${renderResourcesHtml(view.resources)}` : ""));
  if (view.resources.length > 0 && resourcesAt === undefined) bodyHtml.push(renderResourcesHtml(view.resources));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="wikigen ${escapeHtml(view.provenance.pipelineVersion)}">
<meta name="wikigen-article" content="${escapeHtml(view.slug)}">
<title>${escapeHtml(view.title)} (draft v${view.version})</title>
<style>${ARTICLE_PAGE_CSS}</style>
</head>
<body class="mode-${view.mode}">
<a class="skip" href="#content">Skip to the article</a>
<header class="site"><div class="site-inner">
<p class="site-name">Clinical wiki · model-drafted article</p>
<div class="banner" role="note"><strong>${DISCLAIMER}</strong><p>${DISCLAIMER_DETAIL}</p></div>
<p class="mode">${MODE_NOTES[view.mode]}${view.counts.flagged > 0 ? ` ${view.counts.flagged} flagged sentence${view.counts.flagged === 1 ? "" : "s"} on this page.` : ""}</p>
</div></header>
<main id="content" class="page">
<article>
${options.breadcrumb === "omit" ? "" : renderBreadcrumbHtml(view.breadcrumb)}
<h1>${escapeHtml(view.title)}</h1>
<p class="byline">Version ${view.version} · generated ${escapeHtml(generated)} · ${view.readMinutes} min read · ${view.sources.length} sources</p>
<div class="lead">
<div class="lead-text">${summary ? renderSection(summary, view, sources) : ""}</div>
${renderMetadata(view)}
</div>
${renderContents(body, view)}
${bodyHtml.join("\n")}
${renderSources(view)}
</article>
</main>
${renderProvenance(view, options.readerCredits ?? [])}
</body>
</html>
`;
}
