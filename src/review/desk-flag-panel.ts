import { assignFlag, findFlagAssignment } from "../store/flag-assignments.ts";
import { addFlagComment, listFlagComments, resolveFlagComment } from "../store/flag-comments.ts";
import type { FlagDetail } from "../store/flags.ts";
import { listReviewerAccounts } from "../store/reviewer-accounts.ts";
import { acceptPost, type DeskContext, type DeskRequest } from "./desk-context.ts";
import { filterQuery, parseFilter, type FlagFilter } from "./flag-filters.ts";
import { html, type SafeHtml } from "./html.ts";
import { redirect, sendHtml } from "./http-io.ts";
import { renderMessage } from "./render-layout.ts";
import type { ReviewSession } from "./sessions.ts";

// The desk's part of a flag page: who the flag is assigned to (with a form to change it), and its
// comments, each resolvable once. Both hang on the claim key, so they follow the claim into later
// versions as decisions do.

const MAX_COMMENT_CHARS = 2_000;

function filterFields(filter: FlagFilter): SafeHtml {
  return html`${Object.entries(filter).map(([key, value]) => html`<input type="hidden" name="${key}" value="${value}">`)}`;
}

export function renderFlagPanel(ctx: DeskContext, session: ReviewSession, flag: FlagDetail, filter: FlagFilter): SafeHtml {
  const claimId = flag.claim.id;
  const assignment = findFlagAssignment(ctx.db, flag.claim.claim_key);
  const accounts = listReviewerAccounts(ctx.db).filter((account) => account.disabled_at === null);
  const comments = listFlagComments(ctx.db, flag.claim.claim_key);
  const open = comments.filter((comment) => comment.resolved_at === null).length;
  const hidden = html`<input type="hidden" name="csrf" value="${session.csrfToken}">${filterFields(filter)}`;
  const assign =
    accounts.length === 0
      ? html`<p class="muted">Assignment needs reviewer accounts (<code>wikigen reviewers add NAME</code>).</p>`
      : html`<form class="assign" method="post" action="/flags/${claimId}/assign">
  ${hidden}
  <label>Assign to <select name="assignee">
    <option value="">nobody</option>
    ${accounts.map((account) => html`<option value="${account.name}"${assignment?.assignee === account.name ? html` selected` : ""}>${account.name} (${account.role})</option>`)}
  </select></label>
  <button type="submit">Assign</button>
</form>`;
  const items = comments.map(
    (comment) => html`<li class="comment${comment.resolved_at ? " resolved" : ""}">
    <p><strong>${comment.author}</strong> <time>${comment.created_at}</time>${comment.resolved_at ? html` · <span class="muted">resolved by ${comment.resolved_by} at <time>${comment.resolved_at}</time></span>` : ""}</p>
    <p class="comment-body">${comment.body}</p>
    ${
      comment.resolved_at
        ? ""
        : html`<form method="post" action="/flags/${claimId}/comments/${comment.id}/resolve">${hidden}<button type="submit" aria-label="Resolve comment ${comment.id}">Resolve</button></form>`
    }
  </li>`,
  );
  return html`<section aria-labelledby="assign-heading">
  <h2 id="assign-heading">Assignment</h2>
  <p role="status" aria-label="Assignee">${assignment ? html`Assigned to <strong>${assignment.assignee}</strong> by ${assignment.assigned_by} at <time>${assignment.assigned_at}</time>` : "Not assigned."}</p>
  ${assign}
</section>
<section aria-labelledby="comments-heading" id="comments">
  <h2 id="comments-heading">Comments (${open} open)</h2>
  ${comments.length === 0 ? html`<p class="muted">No comments.</p>` : html`<ol class="comments">${items}</ol>`}
  <form class="decide" method="post" action="/flags/${claimId}/comments">
    ${hidden}
    <label>Comment <textarea name="body" rows="2" maxlength="${MAX_COMMENT_CHARS}" required></textarea></label>
    <div class="buttons"><button type="submit">Add comment</button></div>
  </form>
</section>`;
}

/** POST /flags/:id/comments, /flags/:id/comments/:cid/resolve and /flags/:id/assign. */
export async function handleFlagPanelPost(ctx: DeskContext, request: DeskRequest, route: { claimId: number; action: "comment" | "resolve" | "assign"; commentId?: number }): Promise<void> {
  const accepted = await acceptPost(ctx, request);
  if (!accepted) return;
  const { session, form } = accepted;
  const filter = parseFilter(form);
  const back = `/flags/${route.claimId}${filterQuery(filter)}`;
  const fail = (status: number, title: string, message: string): void => sendHtml(request.res, status, renderMessage({ title, session, message, back }));
  const now = ctx.now();
  if (route.action === "comment") {
    const body = (form.get("body") ?? "").trim();
    if (body === "") return fail(400, "Bad request", "The comment is empty; nothing was stored.");
    if (body.length > MAX_COMMENT_CHARS) return fail(400, "Bad request", `The comment is longer than ${MAX_COMMENT_CHARS} characters; nothing was stored.`);
    if (!addFlagComment(ctx.db, { claimId: route.claimId, author: session.reviewer, body, now })) return fail(404, "No such flag", `There is no flag #${route.claimId}.`);
  } else if (route.action === "resolve") {
    if (!resolveFlagComment(ctx.db, { commentId: route.commentId ?? -1, claimId: route.claimId, resolvedBy: session.reviewer, now })) {
      return fail(409, "Conflict", `Comment ${route.commentId ?? "?"} is not an open comment of flag #${route.claimId} (resolved meanwhile?); nothing was changed.`);
    }
  } else {
    const assignee = (form.get("assignee") ?? "").trim();
    const accounts = listReviewerAccounts(ctx.db);
    if (assignee !== "" && !accounts.some((account) => account.name === assignee && account.disabled_at === null)) {
      return fail(400, "Bad request", `"${assignee}" is not an enabled reviewer account; nothing was changed.`);
    }
    if (!assignFlag(ctx.db, { claimId: route.claimId, assignee: assignee === "" ? null : assignee, assignedBy: session.reviewer, now })) {
      return fail(404, "No such flag", `There is no flag #${route.claimId}.`);
    }
  }
  redirect(request.res, `${back}#${route.action === "assign" ? "assign-heading" : "comments"}`);
}
