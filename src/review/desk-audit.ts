import { listDecisionAudit } from "../store/decision-audit.ts";
import type { DeskContext, DeskRequest } from "./desk-context.ts";
import { decisionsToCsv, decisionsToJsonl } from "./desk-export.ts";
import { html } from "./html.ts";
import { send, sendHtml } from "./http-io.ts";
import { renderLayout } from "./render-layout.ts";
import type { ReviewSession } from "./sessions.ts";

// The audit page (every decision ever stored: who, when, what, on which claim; newest first) and the
// same rows as downloads, oldest first as the store holds them.

export function auditPage(ctx: DeskContext, request: DeskRequest, session: ReviewSession): void {
  const rows = listDecisionAudit(ctx.db).reverse();
  const body = html`<h1>Decisions</h1>
<p role="status" aria-label="Decision count"><strong>${rows.length}</strong> ${rows.length === 1 ? "decision" : "decisions"} stored. Export: <a href="/export/decisions.jsonl" download>JSONL</a> · <a href="/export/decisions.csv" download>CSV</a></p>
${
  rows.length === 0
    ? html`<p>No decisions yet.</p>`
    : html`<table class="flags audit">
<thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Decision</th><th scope="col">Flag</th><th scope="col">Article</th><th scope="col">Claim</th><th scope="col">Note</th></tr></thead>
<tbody>${rows.map(
        (row) => html`<tr>
  <td><time>${row.decided_at}</time></td>
  <td>${row.reviewer}</td>
  <td>${row.decision.replace("_", " ")}</td>
  <td class="num"><a href="/flags/${row.claim_id}">#${row.claim_id}</a></td>
  <td>${row.slug} <span class="muted">v${row.version}</span></td>
  <td>${row.claim_text}</td>
  <td>${row.note ?? ""}</td>
</tr>`,
      )}</tbody></table>`
}`;
  sendHtml(request.res, 200, renderLayout({ title: "Decisions", session, returnTo: "/audit", body }));
}

export function exportDecisions(ctx: DeskContext, request: DeskRequest, format: "jsonl" | "csv"): void {
  const rows = listDecisionAudit(ctx.db);
  const stamp = ctx.now().toISOString().slice(0, 10);
  const body = format === "csv" ? decisionsToCsv(rows) : decisionsToJsonl(rows);
  send(request.res, 200, body, {
    "content-type": format === "csv" ? "text/csv; charset=utf-8; header=present" : "application/x-ndjson; charset=utf-8",
    "content-disposition": `attachment; filename="wikigen-decisions-${stamp}.${format}"`,
  });
}
