import { accountsPage, handleAccountsPost } from "./auth-accounts-page.ts";
import { auditPage, exportDecisions } from "./desk-audit.ts";
import { handleBulkApply, handleBulkConfirm } from "./desk-bulk.ts";
import { cookieOptions, type DeskContext, type DeskRequest } from "./desk-context.ts";
import { handleFlagPanelPost } from "./desk-flag-panel.ts";
import { handlePublish, publishPage } from "./desk-publish.ts";
import type { ReviewSession } from "./sessions.ts";

// The team desk's routes beside the queue and flag pages: bulk decisions, comments and assignment,
// the audit page and exports, publishing, and accounts. The server calls this after the login gate,
// so every request here has a logged-in session whenever login is required.

/** Answers the desk's routes; false when the request is for another route. */
export async function handleDeskRoute(ctx: DeskContext, request: DeskRequest): Promise<boolean> {
  const { method, url } = request;
  const path = url.pathname;
  if (method === "GET") {
    if (path === "/audit") return withPage(ctx, request, (session) => auditPage(ctx, request, session));
    if (path === "/export/decisions.jsonl") return done(exportDecisions(ctx, request, "jsonl"));
    if (path === "/export/decisions.csv") return done(exportDecisions(ctx, request, "csv"));
    if (path === "/publish") return withPage(ctx, request, (session) => publishPage(ctx, request, session));
    if (path === "/accounts") return withPage(ctx, request, (session) => accountsPage(ctx, request, session));
    return false;
  }
  if (method !== "POST") return false;
  if (path === "/bulk/confirm") return done(await handleBulkConfirm(ctx, request));
  if (path === "/bulk/apply") return done(await handleBulkApply(ctx, request));
  if (path === "/publish") return done(await handlePublish(ctx, request));
  if (path === "/accounts/add") return done(await handleAccountsPost(ctx, request, "add"));
  if (path === "/accounts/disable") return done(await handleAccountsPost(ctx, request, "disable"));
  const flagRoute = /^\/flags\/(\d{1,12})\/(comments|assign)(?:\/(\d{1,12})\/resolve)?$/.exec(path);
  if (flagRoute) {
    const claimId = Number(flagRoute[1]);
    if (flagRoute[2] === "assign" && flagRoute[3] === undefined) return done(await handleFlagPanelPost(ctx, request, { claimId, action: "assign" }));
    if (flagRoute[2] === "comments") {
      const action = flagRoute[3] === undefined ? "comment" : "resolve";
      return done(await handleFlagPanelPost(ctx, request, { claimId, action, commentId: Number(flagRoute[3]) }));
    }
  }
  return false;
}

function done(_answered: void): true {
  return true;
}

/** A GET page with the request's session (setting the cookie when it is new). */
function withPage(ctx: DeskContext, request: DeskRequest, build: (session: ReviewSession) => void): true {
  const { session, isNew } = ctx.sessions.resolve(request.req.headers.cookie);
  if (isNew) request.res.setHeader("set-cookie", ctx.sessions.cookieFor(session, cookieOptions(request.origin)));
  build(session);
  return true;
}
