import { html } from "./html.ts";
import { renderLayout } from "./render-layout.ts";
import type { RevisionView } from "./revision-desk.ts";
import type { ReviewSession } from "./sessions.ts";

// The revisions queue of the review desk: readers' suggestions with their drafted sections, and one
// page per suggestion with the verified sentences and the approve / reject form.

const STATUS_LABEL: Record<RevisionView["status"], string> = {
  received: "waiting for its draft",
  drafted: "drafted, waiting for a decision",
  draft_failed: "draft failed",
  approved: "approved",
  rejected: "rejected",
};

export function renderRevisionList(args: { session: ReviewSession; revisions: RevisionView[]; notice: string | undefined }): string {
  const waiting = args.revisions.filter((revision) => revision.status === "drafted" || revision.status === "draft_failed");
  const rows = args.revisions.map(
    (revision) => html`<tr>
      <td class="num">${revision.id}</td>
      <td>${revision.article}</td>
      <td>${revision.section}</td>
      <td>${STATUS_LABEL[revision.status]}</td>
      <td><a href="/revisions/${revision.id}">${revision.change.length > 90 ? `${revision.change.slice(0, 89)}…` : revision.change}</a></td>
    </tr>`,
  );
  const body = html`<h1>Reader revisions</h1>
<p><a href="/">Open flags</a></p>
${args.notice ? html`<p class="notice" role="status">${args.notice}</p>` : ""}
<p class="count" role="status" aria-label="Revision count"><strong>${waiting.length}</strong> waiting for a decision, ${args.revisions.length} in all</p>
${
  args.revisions.length === 0
    ? html`<p>No suggestions yet.</p>`
    : html`<table class="flags"><thead><tr><th scope="col">Suggestion</th><th scope="col">Article</th><th scope="col">Section</th><th scope="col">Status</th><th scope="col">Proposed change</th></tr></thead><tbody>${rows}</tbody></table>`
}`;
  return renderLayout({ title: "Reader revisions", session: args.session, returnTo: "/revisions", body });
}

export function renderRevisionPage(args: { session: ReviewSession; revision: RevisionView; notice?: string | undefined; refusal?: string | undefined }): string {
  const { revision } = args;
  const isOpen = revision.status === "drafted" || revision.status === "draft_failed";
  const claims = revision.claims.map(
    (claim) => html`<li class="claim${claim.isFlagged ? " flagged" : ""}">${claim.isFlagged ? html`<strong>⚑ Flagged</strong> ` : ""}${claim.text}
      <sup class="marker">${claim.basis === "source" ? claim.sources.join(",") : claim.basis === "llm" ? "LLM" : "example"}</sup>
      ${claim.verdict ? html`<span class="muted"> · ${claim.verdict.replace(/_/g, " ")}${claim.reason ? html` · <code>${claim.reason}</code>` : ""}</span>` : ""}</li>`,
  );
  const body = html`<p><a href="/revisions">All reader revisions</a></p>
<h1>Suggestion #${revision.id}</h1>
${args.notice ? html`<p class="notice" role="status">${args.notice}</p>` : ""}
${args.refusal ? html`<p class="warning" role="alert">${args.refusal}</p>` : ""}
<dl class="verdict">
  <dt>Article</dt><dd>${revision.article} › ${revision.section}</dd>
  <dt>Status</dt><dd>${STATUS_LABEL[revision.status]}${revision.resultVersion ? ` (version ${revision.resultVersion})` : ""}${revision.decidedBy ? ` by ${revision.decidedBy}` : ""}</dd>
  <dt>Received</dt><dd><time>${revision.receivedAt}</time></dd>
  <dt>Credit</dt><dd>${revision.creditedAs ?? "no credit"}</dd>
</dl>
<h2>Proposed change</h2>
<blockquote class="cited-quote">${revision.change}</blockquote>
<h2>Reader's sources</h2>
<ul>${revision.sources.map((source) => html`<li>${source.number !== null ? `[${source.number}] ` : ""}<code>${source.url}</code>${source.error ? html` <span class="warning">not read: ${source.error}</span>` : ""}</li>`)}</ul>
<h2>Drafted section</h2>
${revision.draftError ? html`<p class="warning">The draft failed: ${revision.draftError}</p>` : ""}
${claims.length > 0 ? html`<ol class="revision-claims">${claims}</ol>` : html`<p>No drafted sentences.</p>`}
${
  isOpen
    ? html`<form class="decide" method="post" action="/revisions/${revision.id}/decide">
  <input type="hidden" name="csrf" value="${args.session.csrfToken}">
  <label>Note to the reader (optional) <textarea name="note" rows="2" maxlength="2000"></textarea></label>
  ${revision.status === "drafted" ? html`<button type="submit" name="decision" value="approve">Approve: store a new version</button>` : ""}
  <button type="submit" name="decision" value="reject">Reject</button>
</form>`
    : ""
}`;
  return renderLayout({ title: `Suggestion #${revision.id}`, session: args.session, returnTo: `/revisions/${revision.id}`, body });
}
