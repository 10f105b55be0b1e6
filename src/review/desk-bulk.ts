import { listOpenFlags, type OpenFlag } from "../store/flags.ts";
import type { ReviewDecision } from "../store/reviews.ts";
import { decideFlag } from "./decide-flag.ts";
import { acceptPost, type DeskContext, type DeskRequest } from "./desk-context.ts";
import { FILTER_KEYS, filterQuery, parseFilter, reasonPrefix, type FlagFilter } from "./flag-filters.ts";
import { html, type SafeHtml } from "./html.ts";
import { redirect, sendHtml } from "./http-io.ts";
import { renderLayout, renderMessage } from "./render-layout.ts";
import type { ReviewSession } from "./sessions.ts";

// Bulk approve or reject of the filtered queue. The queue page's form lists the flags it SHOWED
// (claim id and article version each); the confirmation page names how many of those are still
// open and lists them; only those are decided, through the same check-and-insert as one decision, so
// a flag that appeared after the page was drawn is never swept in, and one decided meanwhile is
// skipped and counted.

export const BULK_DECISIONS = ["approve", "reject"] as const;
type BulkDecision = (typeof BULK_DECISIONS)[number];
const MAX_BULK = 1_000;

function filterFields(filter: FlagFilter): SafeHtml {
  return html`${Object.entries(filter).map(([key, value]) => html`<input type="hidden" name="${key}" value="${value}">`)}`;
}

function shownFields(flags: readonly { claim_id: number; article_version_id: number }[]): SafeHtml {
  return html`${flags.map((flag) => html`<input type="hidden" name="shown" value="${flag.claim_id}:${flag.article_version_id}">`)}`;
}

/** The queue page's bulk form: decide every flag shown, after a confirmation. */
export function renderBulkForm(session: ReviewSession, shown: readonly OpenFlag[], filter: FlagFilter): SafeHtml {
  if (shown.length === 0) return html``;
  const isFiltered = FILTER_KEYS.some((key) => filter[key] !== undefined);
  return html`<form class="bulk" method="post" action="/bulk/confirm" aria-label="Bulk decision">
  <input type="hidden" name="csrf" value="${session.csrfToken}">
  ${filterFields(filter)}
  ${shownFields(shown.slice(0, MAX_BULK))}
  <span>All ${Math.min(shown.length, MAX_BULK)} ${isFiltered ? "filtered " : ""}flags shown:</span>
  <button type="submit" name="decision" value="approve">Approve all…</button>
  <button type="submit" name="decision" value="reject">Reject all…</button>
</form>`;
}

function parseShown(form: URLSearchParams): { claimId: number; versionId: number }[] {
  return form
    .getAll("shown")
    .slice(0, MAX_BULK)
    .flatMap((value) => {
      const match = /^(\d{1,12}):(\d{1,12})$/.exec(value);
      return match ? [{ claimId: Number(match[1]), versionId: Number(match[2]) }] : [];
    });
}

/** The shown flags that are still open in the version that was shown, in the order shown. */
function stillOpen(ctx: DeskContext, shown: { claimId: number; versionId: number }[]): OpenFlag[] {
  const open = new Map(listOpenFlags(ctx.db).map((flag) => [flag.claim_id, flag]));
  return shown.flatMap(({ claimId, versionId }) => {
    const flag = open.get(claimId);
    return flag && flag.article_version_id === versionId ? [flag] : [];
  });
}

function readDecision(form: URLSearchParams): BulkDecision | undefined {
  const decision = form.get("decision");
  return BULK_DECISIONS.find((candidate) => candidate === decision);
}

export async function handleBulkConfirm(ctx: DeskContext, request: DeskRequest): Promise<void> {
  const accepted = await acceptPost(ctx, request);
  if (!accepted) return;
  const { session, form } = accepted;
  const filter = parseFilter(form);
  const decision = readDecision(form);
  const back = `/${filterQuery(filter)}`;
  if (!decision) return sendHtml(request.res, 400, renderMessage({ title: "Bad request", session, message: "Bulk decisions are approve or reject.", back }));
  const shown = parseShown(form);
  const flags = stillOpen(ctx, shown);
  const gone = shown.length - flags.length;
  const verb = decision === "approve" ? "Approve" : "Reject";
  const count = `${flags.length} ${flags.length === 1 ? "flag" : "flags"}`;
  const rows = flags.map(
    (flag) => html`<tr><td class="num">${flag.claim_id}</td><td>${flag.slug} <span class="muted">v${flag.version}</span></td><td><code>${reasonPrefix(flag.reason)}</code></td><td>${flag.text}</td></tr>`,
  );
  const body = html`<h1>${verb} ${count}?</h1>
${gone > 0 ? html`<p class="warning" role="status">${gone} of the ${shown.length} flags shown ${gone === 1 ? "is" : "are"} no longer open (decided meanwhile, or replaced by a newer version) and ${gone === 1 ? "is" : "are"} left out.</p>` : ""}
${
  flags.length === 0
    ? html`<p>Nothing left to decide.</p><p><a href="${back}">Back to the queue</a></p>`
    : html`<p role="status" aria-label="Bulk count">This records <strong>${decision}</strong> for exactly these ${count}, as ${session.reviewer}. Flags that appeared since the queue was shown are not included.</p>
<table class="flags"><thead><tr><th scope="col">Flag</th><th scope="col">Article</th><th scope="col">Reason</th><th scope="col">Claim</th></tr></thead><tbody>${rows}</tbody></table>
<form class="decide" method="post" action="/bulk/apply">
  <input type="hidden" name="csrf" value="${session.csrfToken}">
  <input type="hidden" name="decision" value="${decision}">
  ${filterFields(filter)}
  ${shownFields(flags)}
  <label>Note for every decision (optional) <textarea name="note" rows="2" maxlength="2000"></textarea></label>
  <div class="buttons"><button type="submit">${verb} these ${count}</button> <a href="${back}">Cancel</a></div>
</form>`
}`;
  sendHtml(request.res, 200, renderLayout({ title: `${verb} ${count}?`, session, returnTo: back, body }));
}

export async function handleBulkApply(ctx: DeskContext, request: DeskRequest): Promise<void> {
  const accepted = await acceptPost(ctx, request);
  if (!accepted) return;
  const { session, form } = accepted;
  const filter = parseFilter(form);
  const decision = readDecision(form);
  if (!decision) return sendHtml(request.res, 400, renderMessage({ title: "Bad request", session, message: "Bulk decisions are approve or reject.", back: `/${filterQuery(filter)}` }));
  const note = (form.get("note") ?? "").trim();
  let stored = 0;
  let skipped = 0;
  for (const { claimId, versionId } of parseShown(form)) {
    const outcome = await decideFlag({
      db: ctx.db,
      sourcesDir: "",
      checkClaim: undefined,
      input: { claimId, decision: decision as ReviewDecision, note: note === "" ? null : note, reviewer: session.reviewer, seenArticleVersionId: versionId, seenDecisionCount: 0 },
      now: ctx.now(),
    });
    if (outcome.kind === "stored") stored++;
    else skipped++;
  }
  ctx.log(`review: bulk ${decision} by ${session.reviewer}: ${stored} stored, ${skipped} skipped`);
  redirect(request.res, `/${filterQuery(filter, { bulk: decision, stored: String(stored), skipped: String(skipped) })}`);
}

/** "Bulk reject: 3 flags recorded for alice; 1 skipped (decided meanwhile)." from the redirect's query. */
export function bulkNotice(params: URLSearchParams, reviewer: string): string | undefined {
  const decision = BULK_DECISIONS.find((candidate) => candidate === params.get("bulk"));
  const stored = Number(params.get("stored"));
  const skipped = Number(params.get("skipped"));
  if (!decision || !Number.isInteger(stored) || !Number.isInteger(skipped)) return undefined;
  return `Bulk ${decision}: ${stored} ${stored === 1 ? "flag" : "flags"} recorded for ${reviewer}${skipped > 0 ? `; ${skipped} skipped (decided meanwhile or no longer open)` : ""}.`;
}
