import type { ArticleSourceRow } from "../store/articles.ts";
import type { FlagDetail } from "../store/flags.ts";
import type { StoredCitation, StoredVerdict } from "../store/load-article.ts";
import type { VerdictInput } from "../store/sections.ts";
import { filterQuery, reasonPrefix, type FlagFilter } from "./flag-filters.ts";
import { renderHighlightedText, type HighlightSpan } from "./highlight-spans.ts";
import { html, type SafeHtml } from "./html.ts";
import type { SourceTextResult } from "./read-source-text.ts";
import { renderLayout } from "./render-layout.ts";
import type { ReviewSession } from "./sessions.ts";

// One flag: the claim among its block's other claims, the verdict, the citations, and the cited
// source's extracted text with the located quote and the evidence span marked, beside the decision
// form. Every value from the store goes through `html`, so source and model text are escaped.

export interface FlagPageInput {
  session: ReviewSession;
  flag: FlagDetail;
  filter: FlagFilter;
  /** Position in the filtered queue; index -1 when the flag is not (or no longer) in it. */
  queue: { index: number; total: number; previous: number | undefined; next: number | undefined };
  citationIndex: number;
  sourceText: SourceTextResult | undefined;
  notice: string | undefined;
  refusal: { message: string; verdict: VerdictInput; decision: "edit" | "replace_citation"; attempted: string; source?: number | undefined } | undefined;
  /** The team desk's assignment and comments (desk-flag-panel.ts), below the decision form. */
  desk?: SafeHtml;
}

export function renderFlagPage(input: FlagPageInput): string {
  const { flag, filter, queue } = input;
  const claim = flag.claim;
  const query = filterQuery(filter);
  const isCurrent = flag.article.version === flag.newestVersion;
  const isFlagged = claim.verdict?.is_flagged === 1;
  const isOpen = isCurrent && isFlagged && flag.decisions.length === 0;
  const citation = claim.citations[input.citationIndex];
  const body = html`<nav class="pager" aria-label="Flag navigation">
  <a href="/${query}">Open flags</a>
  ${queue.index >= 0 ? html`<span>Flag ${queue.index + 1} of ${queue.total}</span>` : html`<span>Not in the open queue</span>`}
  ${queue.previous !== undefined ? html`<a rel="prev" data-shortcut="k" aria-keyshortcuts="k" href="/flags/${queue.previous}${query}#focus">Previous <kbd>k</kbd></a>` : ""}
  ${queue.next !== undefined ? html`<a rel="next" data-shortcut="j" aria-keyshortcuts="j" href="/flags/${queue.next}${query}#focus">Next <kbd>j</kbd></a>` : ""}
</nav>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ""}
<h1>Flag #${claim.id}: <code>${reasonPrefix(claim.verdict?.reason ?? "not verified")}</code></h1>
<p class="where">${flag.article.title} <span class="muted">(${flag.article.slug} v${flag.article.version})</span> › ${flag.section.title}</p>
${renderStatus(flag, isCurrent, isFlagged)}
<div class="columns">
<div class="left">
<section aria-labelledby="claim-heading">
  <h2 id="claim-heading">Claim in its ${flag.block[0]?.block_kind.replace("_", " ") ?? "paragraph"}</h2>
  <p class="paragraph">${flag.block.map((sibling) => html`<span class="claim${sibling.id === claim.id ? " current" : ""}${sibling.is_flagged ? " flagged" : ""}">${sibling.text}</span><sup class="marker">${markerOf(sibling)}</sup> `)}</p>
  ${renderSourcedPart(claim)}
  ${renderVerdict(claim.verdict, claim.basis)}
</section>
<section aria-labelledby="citations-heading">
  <h2 id="citations-heading">Citations</h2>
  ${claim.citations.length === 0 ? html`<p>None (basis ${claim.basis}).</p>` : html`<ol class="citations">${claim.citations.map((item, index) => renderCitation(item, index, index === input.citationIndex, flag.sources, `/flags/${claim.id}${filterQuery(filter, { citation: String(index) })}#focus`))}</ol>`}
</section>
${isOpen ? renderDecisionForm(input) : ""}
${input.desk ?? ""}
</div>
<div class="right">
${citation ? renderSource(citation, flag.sources, input.sourceText) : html`<p>No cited source to show.</p>`}
</div>
</div>`;
  return renderLayout({ title: `Flag #${claim.id}`, session: input.session, returnTo: `/flags/${claim.id}${query}`, body, bodyClass: "fit" });
}

function renderStatus(flag: FlagDetail, isCurrent: boolean, isFlagged: boolean): SafeHtml {
  const decisions = flag.decisions.map(
    (decision) =>
      html`<li><strong>${decision.decision.replace("_", " ")}</strong> by ${decision.reviewer} at <time>${decision.decided_at}</time> (on v${decisionVersion(flag, decision.article_version_id)})${decision.note ? html`: ${decision.note}` : ""}</li>`,
  );
  return html`${!isCurrent ? html`<p class="warning" role="status">This claim is from version ${flag.article.version}; version ${flag.newestVersion} is the newest, so it is not in the queue.</p>` : ""}
${!isFlagged ? html`<p class="notice" role="status">This claim is not flagged.</p>` : ""}
${decisions.length > 0 ? html`<div class="decided" role="status"><p>Decided (the decision applies to every version with this claim key):</p><ul>${decisions}</ul></div>` : ""}`;
}

function decisionVersion(flag: FlagDetail, articleVersionId: number): string {
  return articleVersionId === flag.article.id ? String(flag.article.version) : `#${articleVersionId}`;
}

function verdictRows(verdict: StoredVerdict | VerdictInput): SafeHtml {
  return html`<dt>Verdict</dt><dd><strong>${verdict.verdict.replace(/_/g, " ")}</strong></dd>
    <dt>Score</dt><dd>${verdict.score.toFixed(3)}</dd>
    <dt>Reason</dt><dd><code>${verdict.reason}</code></dd>
    <dt>Verifier</dt><dd>${verdict.verifier_id} ${verdict.verifier_version}</dd>`;
}

function renderVerdict(verdict: StoredVerdict | null, basis: string): SafeHtml {
  if (!verdict) return html`<p>Basis <strong>${basis}</strong>; not verified.</p>`;
  return html`<dl class="verdict"><dt>Basis</dt><dd>${basis}</dd>${verdictRows(verdict)}<dt>Verified</dt><dd><time>${verdict.created_at}</time></dd></dl>`;
}

/** A sibling's marker as the article shows it: its sources, "N LLM" when elaborated, "LLM" or "example". */
function markerOf(claim: { basis: string; elaborated: number; source_numbers: number[] }): string {
  if (claim.basis === "llm") return "LLM";
  if (claim.basis !== "source") return "example";
  return claim.elaborated === 1 ? `${claim.source_numbers.join(",")} LLM` : claim.source_numbers.join(",");
}

/** For an elaborated claim: the part its quote was checked against, apart from the model's framing. */
function renderSourcedPart(claim: { elaborated: number; sourced_text: string | null }): SafeHtml | string {
  if (claim.elaborated !== 1 || !claim.sourced_text) return "";
  return html`<p class="sourced-part">Elaborated: only <mark class="sourced">${claim.sourced_text}</mark> was checked against the quote; the rest of the sentence is the model's framing (shown as "LLM" beside the source number).</p>`;
}

function quoteStatus(verdict: StoredVerdict | null): string {
  if (!verdict?.quote_status) return "not located";
  const similarity = verdict.quote_similarity ?? 0;
  if (verdict.quote_status === "fuzzy") return `fuzzy match (similarity ${similarity.toFixed(2)})`;
  if (verdict.quote_status === "not_found") return `not found in the source (best similarity ${similarity.toFixed(2)})`;
  return `${verdict.quote_status} match`;
}

function renderCitation(citation: StoredCitation, index: number, isShown: boolean, sources: ArticleSourceRow[], href: string): SafeHtml {
  const source = sources.find((candidate) => candidate.source_number === citation.source_number);
  const verdict = citation.verdict;
  return html`<li${isShown ? html` class="shown"` : ""}>
    <p>Source <strong>${citation.source_number}</strong>${source ? html` · ${source.title} (${source.tier})` : " (not in this version's sources)"}
      ${isShown ? html`<span class="muted">shown beside</span>` : html`<a href="${href}">Show source ${index + 1}</a>`}</p>
    <blockquote class="cited-quote">${citation.quote}</blockquote>
    <p class="muted">Quote: ${quoteStatus(verdict)}${verdict ? html` · ${verdict.verdict.replace(/_/g, " ")} ${verdict.score.toFixed(2)} · <code>${verdict.reason}</code>` : ""}</p>
  </li>`;
}

function renderSource(citation: StoredCitation, sources: ArticleSourceRow[], read: SourceTextResult | undefined): SafeHtml {
  const source = sources.find((candidate) => candidate.source_number === citation.source_number);
  const verdict = citation.verdict;
  const spans: HighlightSpan[] = [];
  if (verdict?.quote_start != null && verdict.quote_end != null) spans.push({ start: verdict.quote_start, end: verdict.quote_end, kind: "quote" });
  if (verdict?.evidence_start != null && verdict.evidence_end != null) spans.push({ start: verdict.evidence_start, end: verdict.evidence_end, kind: "evidence" });
  const url = source?.url ?? "";
  // Only web addresses become links: a javascript: or data: URL in a spec must never be clickable.
  const urlHtml = /^https?:\/\//i.test(url) ? html`<a href="${url}" rel="noreferrer noopener" target="_blank">${url}</a>` : html`<code>${url}</code>`;
  return html`<section aria-labelledby="source-heading">
  <h2 id="source-heading">Source ${citation.source_number}${source ? html`: ${source.title}` : ""}</h2>
  <dl class="source-meta">
    <dt>URL</dt><dd>${urlHtml}</dd>
    <dt>Tier</dt><dd>${source?.tier ?? "?"}</dd>
    <dt>Snapshot</dt><dd><time>${source?.fetched_at ?? "never fetched"}</time>${source?.text_sha256 ? html` · <code>${source.text_sha256.slice(0, 12)}</code>` : ""}${source?.extractor_id ? html` · ${source.extractor_id} ${source.extractor_version}` : ""}</dd>
  </dl>
  <p class="legend"><mark class="quote">cited quote</mark> <mark class="evidence">evidence span</mark>${verdict?.quote_status === "not_found" ? html` <strong>The quote was not found in this text.</strong>` : ""}</p>
  ${read === undefined || read.text === null
    ? html`<p class="warning">Source text unavailable: ${read?.problem ?? "no snapshot"}.</p>`
    : html`<div class="source-text" role="region" aria-label="Source text" tabindex="0"><pre>${renderHighlightedText(read.text, spans)}</pre></div>`}
</section>`;
}

function renderDecisionForm(input: FlagPageInput): SafeHtml {
  const { flag, session, filter, refusal } = input;
  const claim = flag.claim;
  const hidden = html`<input type="hidden" name="csrf" value="${session.csrfToken}">
  <input type="hidden" name="version" value="${flag.article.id}">
  <input type="hidden" name="seen" value="${flag.decisions.length}">
  ${Object.entries(filter).map(([key, value]) => html`<input type="hidden" name="${key}" value="${value}">`)}`;
  const editText = refusal?.decision === "edit" ? refusal.attempted : claim.text;
  const quoteText = refusal?.decision === "replace_citation" ? refusal.attempted : "";
  return html`<section aria-labelledby="decide-heading">
  <h2 id="decide-heading">Decide</h2>
  ${refusal ? html`<div class="refusal" role="alert"><p>${refusal.message}</p><dl class="verdict">${verdictRows(refusal.verdict)}</dl></div>` : ""}
  <form method="post" action="/flags/${claim.id}/decide" class="decide">
  ${hidden}
  <label>Note (optional) <textarea name="note" rows="2" maxlength="2000"></textarea></label>
  <div class="buttons">
    <button type="submit" name="decision" value="approve" data-shortcut="a" aria-keyshortcuts="a">Approve <kbd>a</kbd></button>
    <button type="submit" name="decision" value="reject" data-shortcut="r" aria-keyshortcuts="r">Reject <kbd>r</kbd></button>
    <button type="submit" name="decision" value="retag">Retag as model-written</button>
  </div>
  <fieldset>
    <legend>Replace the citation (verified again before it counts)</legend>
    <label>Source <select name="source">${flag.sources.map((source) => html`<option value="${source.source_number}"${refusal?.source === source.source_number ? html` selected` : ""}>${source.source_number} · ${source.title} (${source.tier})</option>`)}</select></label>
    <label>Quote <textarea name="quote" rows="3" maxlength="1000">${quoteText}</textarea></label>
    <button type="submit" name="decision" value="replace_citation">Replace citation</button>
  </fieldset>
  <fieldset>
    <legend>Edit the sentence (verified again before it counts)</legend>
    <label>Sentence <textarea name="text" rows="3" maxlength="600">${editText}</textarea></label>
    <button type="submit" name="decision" value="edit">Save edit</button>
  </fieldset>
  </form>
  <p class="keys">Keys: <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>j</kbd> next · <kbd>k</kbd> previous</p>
</section>`;
}
