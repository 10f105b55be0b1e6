import { citationsBySource, type RenderMode, type ViewBlock, type ViewSection, type ViewSource } from "./build-article-view.ts";
import type { ViewClaim } from "./view-claim.ts";
import { describeFlag, ELABORATED_TITLE, flagHeading, escapeHtml, EXAMPLE_LABEL, EXAMPLE_TITLE, LLM_TITLE, TABLE_CAPTION, TABLE_COLUMNS } from "./render-text.ts";

// The body of one section: blocks, claims and their markers. Every claim element carries exactly one
// `.marker` (source numbers, LLM or example), which the browser test counts.

interface ClaimContext {
  mode: RenderMode;
  sources: Map<number, ViewSource>;
}

function sourceMarker(claim: ViewClaim, context: ClaimContext): string {
  const links = citationsBySource(claim).map(({ source, quotes }) => {
    const entry = context.sources.get(source);
    if (!entry) return `<span class="cite cite-missing">${source}?</span>`;
    // The quote is a CSS tooltip on hover/focus (no script) and the link's accessible description.
    const tooltipId = `quote-${claim.id}-${source}`;
    const quoteText = quotes.map((quote) => `“${escapeHtml(quote)}”`).join(" … ");
    return (
      `<span class="cite"><a href="#source-${source}" aria-label="Source ${source}" aria-describedby="${tooltipId}">${source}</a>` +
      `<span class="quote" role="tooltip" id="${tooltipId}"><span class="quote-source">Source ${source}, ${escapeHtml(entry.title)}:</span> ${quoteText}</span></span>`
    );
  });
  // An elaborated sentence rests on its sources with the model's own framing: "4 LLM", as on the reference page.
  if (claim.elaborated) {
    return `<sup class="marker marker-source marker-elaborated">${links.join('<span class="cite-sep">,</span>')} <span class="tag-llm" title="${ELABORATED_TITLE}">LLM</span></sup>`;
  }
  return `<sup class="marker marker-source">${links.join('<span class="cite-sep">,</span>')}</sup>`;
}

function markerOf(claim: ViewClaim, context: ClaimContext): string {
  if (claim.basis === "source") return sourceMarker(claim, context);
  if (claim.basis === "llm") return `<span class="marker tag tag-llm" title="${LLM_TITLE}">LLM</span>`;
  return `<span class="marker tag tag-example" title="${EXAMPLE_TITLE}">example</span>`;
}

function annotationOf(claim: ViewClaim, context: ClaimContext): string {
  const decision = context.mode === "review" && claim.decision ? ` Reviewer decision: ${escapeHtml(claim.decision.decision.replace("_", " "))}.` : "";
  if (claim.flag) {
    const heading = flagHeading(context.mode, claim.decision !== null);
    return ` <span class="flag"><strong>⚑ ${heading}</strong> ${escapeHtml(describeFlag(claim.flag))}.${decision}</span>`;
  }
  return decision ? ` <span class="decision">${decision.trim()}</span>` : "";
}

export function renderClaimHtml(claim: ViewClaim, context: ClaimContext): string {
  const classes = ["claim", `claim-${claim.basis}`, ...(claim.elaborated ? ["claim-elaborated"] : []), ...(claim.flag ? ["is-flagged"] : [])].join(" ");
  return (
    `<span class="${classes}" id="claim-${claim.id}" data-claim-key="${escapeHtml(claim.key)}" data-basis="${claim.basis}">` +
    `${escapeHtml(claim.text)}${markerOf(claim, context)}${annotationOf(claim, context)}</span>`
  );
}

function renderTable(rows: ViewBlock[], context: ClaimContext): string {
  const header = TABLE_COLUMNS.map((column) => `<th scope="col">${column}</th>`).join("");
  const body = rows
    .map((row) => {
      // Cells are positional (goal, objective, mechanism); a cell removed in review stays empty, and
      // a stray fourth claim joins the last cell rather than vanishing.
      const last = TABLE_COLUMNS.length - 1;
      const cells = TABLE_COLUMNS.map((_, column) =>
        row.claims.filter((claim) => Math.min(claim.index, last) === column).map((claim) => renderClaimHtml(claim, context)),
      );
      return `<tr>${cells.map((cell) => (cell.length > 0 ? `<td>${cell.join(" ")}</td>` : `<td class="empty">—</td>`)).join("")}</tr>`;
    })
    .join("\n");
  return `<div class="table-wrap"><table class="smart"><caption>${TABLE_CAPTION}</caption>\n<thead><tr>${header}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

function renderBlock(block: ViewBlock, context: ClaimContext): string {
  const claims = block.claims.map((claim) => renderClaimHtml(claim, context));
  switch (block.kind) {
    case "list":
      return `<ul>${claims.map((claim) => `<li>${claim}</li>`).join("")}</ul>`;
    case "question":
      return `<ul class="questions">${claims.map((claim) => `<li>${claim}</li>`).join("")}</ul>`;
    case "framing":
      // The model's framing line under a table (smart-objectives): one llm claim.
      return `<p class="framing">${claims.join(" ")}</p>`;
    case "example":
      return `<figure class="example"><figcaption>${EXAMPLE_LABEL}</figcaption><p>${claims.join(" ")}</p></figure>`;
    default:
      return `<p>${claims.join(" ")}</p>`;
  }
}

/** The blocks of a section, consecutive table rows gathered into one table; or its placeholder. */
export function renderSectionBodyHtml(section: ViewSection, context: ClaimContext): string {
  const parts: string[] = [];
  if (section.placeholder) parts.push(`<p class="placeholder status-${section.status}">${escapeHtml(section.placeholder)}</p>`);
  let rows: ViewBlock[] = [];
  const flushRows = (): void => {
    if (rows.length > 0) parts.push(renderTable(rows, context));
    rows = [];
  };
  for (const block of section.blocks) {
    if (block.kind === "table_row") {
      rows.push(block);
      continue;
    }
    flushRows();
    parts.push(renderBlock(block, context));
  }
  flushRows();
  return parts.join("\n");
}
