import type { Crumb, ViewLink } from "./page-parts.ts";
import { escapeHtml } from "./render-text.ts";

// The breadcrumb and the spec's links, in HTML and Markdown. A link from a spec opens without
// handing the page to the target (rel="noopener noreferrer") and always shows its host, so a reader
// sees where it leads before following it.

export const BREADCRUMB_SEPARATOR = "›";
export const RESOURCES_TITLE = "Resources";
export const RESOURCES_NOTE = "Links chosen by the content team; not sources of this article and not checked.";
const FACET_NAMES = { type: "Type", discipline: "Discipline", subtype: "Subtype" } as const;
const KIND_LABELS: Record<string, string> = { video: "Video", reading: "Reading", tool: "Tool", guideline: "Guideline" };

/** The article page's own breadcrumb, as text (the static site draws a linked one around the body). */
export function renderBreadcrumbHtml(crumbs: readonly Crumb[]): string {
  if (crumbs.length === 0) return "";
  const items = crumbs.map((crumb) => `<li data-facet="${crumb.facet}" title="${FACET_NAMES[crumb.facet]}"><span>${escapeHtml(crumb.value)}</span></li>`);
  return `<nav class="breadcrumb" aria-label="Breadcrumb: type, discipline and subtype"><ol>${items.join(`<li class="sep" aria-hidden="true">${BREADCRUMB_SEPARATOR}</li>`)}</ol></nav>`;
}

export function renderBreadcrumbMarkdown(crumbs: readonly Crumb[], escape: (text: string) => string): string {
  return crumbs.map((crumb) => escape(crumb.value)).join(` ${BREADCRUMB_SEPARATOR} `);
}

function linkHtml(link: ViewLink): string {
  return `<a href="${escapeHtml(link.url)}" rel="noopener noreferrer">${escapeHtml(link.title)}</a> <span class="link-host">(${escapeHtml(link.host)})</span>`;
}

/** The Watch row of the metadata box: one link, or a list of them. */
export function renderWatchHtml(watch: readonly ViewLink[]): string {
  if (watch.length === 1) return `<span class="watch">${linkHtml(watch[0] as ViewLink)}</span>`;
  return `<ul class="watch">${watch.map((link) => `<li>${linkHtml(link)}</li>`).join("")}</ul>`;
}

export function renderResourcesHtml(resources: readonly ViewLink[]): string {
  const items = resources.map((link) => {
    const kind = link.kind ? `<span class="resource-kind">${escapeHtml(KIND_LABELS[link.kind] ?? link.kind)}</span> ` : "";
    return `<li data-kind="${escapeHtml(link.kind ?? "")}">${kind}${linkHtml(link)}</li>`;
  });
  return (
    `<section class="article-section" id="resources" aria-labelledby="h-resources">\n<h2 id="h-resources">${RESOURCES_TITLE}</h2>\n` +
    `<p class="note">${RESOURCES_NOTE}</p>\n<ul class="resources">\n${items.join("\n")}\n</ul>\n</section>`
  );
}

function linkMarkdown(link: ViewLink, escape: (text: string) => string): string {
  return `[${escape(link.title)}](<${link.url.replace(/[<>\s]/g, encodeURIComponent)}>) (${escape(link.host)})`;
}

export function renderWatchMarkdown(watch: readonly ViewLink[], escape: (text: string) => string): string {
  return watch.map((link) => linkMarkdown(link, escape)).join("; ");
}

export function renderResourcesMarkdown(resources: readonly ViewLink[], escape: (text: string) => string): string {
  const items = resources.map((link) => `- ${link.kind ? `**${KIND_LABELS[link.kind] ?? escape(link.kind)}:** ` : ""}${linkMarkdown(link, escape)}`);
  return [`## ${RESOURCES_TITLE}`, `*${RESOURCES_NOTE}*`, items.join("\n")].join("\n\n");
}
