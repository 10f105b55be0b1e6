import type { StoredArticle } from "../store/load-article.ts";
import { buildArticleView, citationsBySource, OFFLINE_MODEL_NOTE, WORDS_PER_MINUTE, type ArticleView, type ViewBlock, type ViewSection } from "./build-article-view.ts";
import { computeEvidenceBasis, describeEvidenceBasis } from "./evidence-basis.ts";
import type { ViewClaim } from "./view-claim.ts";
import { FIGURE_NOTES, FIGURE_TAGS } from "./render-concept-figure.ts";
import { renderBreadcrumbMarkdown, renderResourcesMarkdown, renderWatchMarkdown } from "./render-page-links.ts";
import { describeFlag, flagHeading, DISCLAIMER, DISCLAIMER_DETAIL, EXAMPLE_LABEL, formatReadTime, formatTimestamp, MODE_NOTES, TABLE_COLUMNS } from "./render-text.ts";

// output/<slug>/index.md: the same content and provenance as the HTML page, for editors and wikis
// that take Markdown. Sources are footnotes ([^1]); model-written sentences carry `LLM`.

/**
 * Escapes Markdown syntax in text from sources, specs and the model. Inline punctuation that starts
 * emphasis, links, code, HTML or table cells is always escaped; characters that only matter at the
 * start of a line (headings, list items, quotes) are escaped there.
 */
export function escapeMarkdown(text: string): string {
  const inline = text
    .replace(/\s+/g, " ")
    .replace(/[\\`*_[\]<>|~]/g, (character) => `\\${character}`)
    // "&" matters only where it would start an entity such as &amp; or &#60;.
    .replace(/&(?=#?[a-z0-9]+;)/gi, "\\&");
  // A line start is only syntax when followed by a space (or the end): "# x", "- x", "1. x".
  return inline.replace(/^(\s*)([#+\-=]|\d+(?=[.)]))(?=[.)]?(?:\s|$))/, (_, space: string, lead: string) => `${space}${/^\d/.test(lead) ? `${lead}\\` : `\\${lead}`}`);
}

function markerOf(claim: ViewClaim): string {
  if (claim.basis === "source") {
    const notes = citationsBySource(claim).map(({ source }) => `[^${source}]`).join("");
    // "4 LLM": the sentence rests on source 4 with the model's own framing.
    return claim.elaborated ? `${notes} \`LLM\`` : notes;
  }
  return claim.basis === "llm" ? " `LLM`" : " `example`";
}

function annotationOf(claim: ViewClaim, view: ArticleView): string {
  const decision = view.mode === "review" && claim.decision ? ` Reviewer decision: ${claim.decision.decision.replace("_", " ")}.` : "";
  if (claim.flag) {
    const heading = flagHeading(view.mode, claim.decision !== null);
    return ` **⚑ ${heading} ${escapeMarkdown(describeFlag(claim.flag))}.${decision}**`;
  }
  return decision ? ` *(${decision.trim()})*` : "";
}

function claimText(claim: ViewClaim, view: ArticleView): string {
  return `${escapeMarkdown(claim.text)}${markerOf(claim)}${annotationOf(claim, view)}`;
}

function renderTable(rows: ViewBlock[], view: ArticleView): string {
  const last = TABLE_COLUMNS.length - 1;
  const lines = rows.map((row) => {
    const cells = TABLE_COLUMNS.map((_, column) => {
      const claims = row.claims.filter((claim) => Math.min(claim.index, last) === column);
      return claims.length > 0 ? claims.map((claim) => claimText(claim, view)).join(" ") : "—";
    });
    return `| ${cells.join(" | ")} |`;
  });
  return [`| ${TABLE_COLUMNS.join(" | ")} |`, `| ${TABLE_COLUMNS.map(() => "---").join(" | ")} |`, ...lines].join("\n");
}

function renderBlock(block: ViewBlock, view: ArticleView): string {
  const claims = block.claims.map((claim) => claimText(claim, view));
  switch (block.kind) {
    case "list":
    case "question":
      return claims.map((claim) => `- ${claim}`).join("\n");
    case "example":
      return [`> **${EXAMPLE_LABEL}.**`, ">", `> ${claims.join(" ")}`].join("\n");
    default:
      return claims.join(" ");
  }
}

function renderSection(section: ViewSection, view: ArticleView): string {
  const parts = [`## ${escapeMarkdown(section.title)}`];
  if (section.figure) {
    // The SVG stays in index.html; here the figure is its description, with the same tag.
    const { figure } = section;
    parts.push(`> **Concept figure** \`${FIGURE_TAGS[figure.origin].text}\` ${FIGURE_NOTES[figure.origin]}\n>\n> ${escapeMarkdown(figure.alt)}`);
  }
  if (section.placeholder) parts.push(`*${escapeMarkdown(section.placeholder)}*`);
  let rows: ViewBlock[] = [];
  for (const block of section.blocks) {
    if (block.kind === "table_row") {
      rows.push(block);
      continue;
    }
    if (rows.length > 0) parts.push(renderTable(rows, view));
    rows = [];
    parts.push(renderBlock(block, view));
  }
  if (rows.length > 0) parts.push(renderTable(rows, view));
  if (section.templateNote) parts.push(`*${escapeMarkdown(section.templateNote)}* \`template text\``);
  return parts.join("\n\n");
}

function renderMetadata(view: ArticleView): string {
  const lines: string[] = [];
  const evidenceLine = escapeMarkdown(describeEvidenceBasis(computeEvidenceBasis(view.sections, view.sources)));
  const item = (term: string, value: string | string[]): void => {
    lines.push(`- **${term}:** ${Array.isArray(value) ? value.map(escapeMarkdown).join("; ") : escapeMarkdown(value)}`);
  };
  const meta = view.metadata;
  if (meta) {
    item("Type", meta.type);
    if (meta.subtype) item("Subtype", meta.subtype);
    item("Discipline", meta.discipline);
    const status = escapeMarkdown(meta.evidence_status);
    lines.push(`- **Evidence status:** ${status}${/[.!?]$/.test(status) ? "" : "."} ${evidenceLine}`);
    if (meta.populations.length > 0) item("Populations", meta.populations);
    if (meta.problems.length > 0) item("Problems", meta.problems);
    if (meta.key_figures.length > 0) item("Key figures", meta.key_figures);
  } else {
    lines.push(`- **Evidence:** ${evidenceLine}`);
  }
  if (view.watch.length > 0) lines.push(`- **Watch:** ${renderWatchMarkdown(view.watch, escapeMarkdown)}`);
  item("Read time", `${view.readMinutes} min`);
  return ["## Key facts", lines.join("\n")].join("\n\n");
}

function sourceLine(source: ArticleView["sources"][number]): string {
  const url = source.href ? `<${source.href.replace(/[<>\s]/g, encodeURIComponent)}>` : escapeMarkdown(source.url);
  const error = source.error ? ` Not fetched: ${escapeMarkdown(source.error)}.` : "";
  return `**${escapeMarkdown(source.title)}.** ${url}. Tier ${escapeMarkdown(source.tier)}.${error}`;
}

function renderProvenance(view: ArticleView): string {
  const { provenance, counts } = view;
  const model = provenance.isOffline
    ? `${escapeMarkdown(provenance.modelReported ?? provenance.modelRequested)} (${escapeMarkdown(OFFLINE_MODEL_NOTE)})`
    : provenance.modelReported
      ? `${escapeMarkdown(provenance.modelReported)} (as reported by the API; requested ${escapeMarkdown(provenance.modelRequested)} through ${escapeMarkdown(provenance.provider)})`
      : `not reported by the API (requested ${escapeMarkdown(provenance.modelRequested)} through ${escapeMarkdown(provenance.provider)})`;
  const removed = counts.removed > 0 ? `, ${counts.removed} removed in review` : "";
  return [
    "## About this article",
    [
      `- **Model:** ${model}`,
      `- **Article version:** ${view.version} (spec version ${provenance.specVersion}, status ${escapeMarkdown(provenance.status)})`,
      `- **Last generated:** ${formatTimestamp(provenance.generatedAt)}`,
      `- **Read time:** ${formatReadTime(view.words, view.readMinutes, WORDS_PER_MINUTE)}`,
      `- **Sources:** ${view.sources.length}`,
      `- **Sentences:** ${counts.source} sourced, ${counts.llm} model-written (LLM), ${counts.example} in examples; ${counts.flagged} flagged${removed}`,
      `- **Verifier:** ${escapeMarkdown(provenance.verifier)}`,
      `- **Pipeline version:** wikigen ${escapeMarkdown(provenance.pipelineVersion)}`,
      `- **Rendering:** ${MODE_NOTES[view.mode]}`,
    ].join("\n"),
  ].join("\n\n");
}

export function renderArticleMarkdown(article: StoredArticle, options: Parameters<typeof buildArticleView>[1]): string {
  const view = buildArticleView(article, options);
  const breadcrumb = renderBreadcrumbMarkdown(view.breadcrumb, escapeMarkdown);
  const flagged = view.counts.flagged > 0 ? ` ${view.counts.flagged} flagged sentence${view.counts.flagged === 1 ? "" : "s"} below.` : "";
  const parts = [
    `> **${DISCLAIMER}** ${DISCLAIMER_DETAIL}\n>\n> ${MODE_NOTES[view.mode]}${flagged}`,
    ...(breadcrumb ? [breadcrumb] : []),
    `# ${escapeMarkdown(view.title)}`,
    `*Version ${view.version} · generated ${formatTimestamp(view.provenance.generatedAt)} · ${view.readMinutes} min read · ${view.sources.length} sources*`,
  ];
  const [first, ...rest] = view.sections;
  // As on the page: the summary first, then the metadata box, then the other sections in order, with
  // Resources after Key Terms (or after the last section).
  const body = first?.id === "summary" ? rest : view.sections;
  const resourcesAt = body.find((section) => section.id === "key-terms")?.id ?? body[body.length - 1]?.id;
  const sectionParts = body.flatMap((section) => [
    renderSection(section, view),
    ...(view.resources.length > 0 && section.id === resourcesAt ? [renderResourcesMarkdown(view.resources, escapeMarkdown)] : []),
  ]);
  if (view.resources.length > 0 && resourcesAt === undefined) sectionParts.push(renderResourcesMarkdown(view.resources, escapeMarkdown));
  if (first?.id === "summary") parts.push(renderSection(first, view), renderMetadata(view), ...sectionParts);
  else parts.push(renderMetadata(view), ...sectionParts);
  parts.push("## Sources", view.sources.map((source) => `- \\[${source.number}\\] ${sourceLine(source)}`).join("\n"));
  parts.push(renderProvenance(view));
  // Footnote definitions last: Markdown renderers collect them at the end of the document anyway.
  parts.push(view.sources.map((source) => `[^${source.number}]: ${sourceLine(source)}`).join("\n"));
  return `${parts.join("\n\n")}\n`;
}
