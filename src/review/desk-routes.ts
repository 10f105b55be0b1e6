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

type Handler = (ctx: DeskContext, request: DeskRequest) => void | Promise<void>;

const GET_PAGES: Record<string, (ctx: DeskContext, request: DeskRequest, session: ReviewSession) => void> = {
  "/audit": auditPage,
  "/publish": (ctx, request, session) => publishPage(ctx, request, session),
  "/accounts": (ctx, request, session) => accountsPage(ctx, request, session),
};

const GET_FILES: Record<string, Handler> = {
  "/export/decisions.jsonl": (ctx, request) => exportDecisions(ctx, request, "jsonl"),
  "/export/decisions.csv": (ctx, request) => exportDecisions(ctx, request, "csv"),
};

const POSTS: Record<string, Handler> = {
  "/bulk/confirm": handleBulkConfirm,
  "/bulk/apply": handleBulkApply,
  "/publish": handlePublish,
  "/accounts/add": (ctx, request) => handleAccountsPost(ctx, request, "add"),
  "/accounts/disable": (ctx, request) => handleAccountsPost(ctx, request, "disable"),
};

const FLAG_PANEL_ROUTE = /^\/flags\/(\d{1,12})\/(?:(assign)|comments(?:\/(\d{1,12})\/(resolve))?)$/;

/** Answers the desk's routes; false when the request is for another route. */
export async function handleDeskRoute(ctx: DeskContext, request: DeskRequest): Promise<boolean> {
  const { method, url } = request;
  const path = url.pathname;
  if (method === "GET") {
    const page = GET_PAGES[path];
    if (page) {
      const { session, isNew } = ctx.sessions.resolve(request.req.headers.cookie);
      if (isNew) request.res.setHeader("set-cookie", ctx.sessions.cookieFor(session, cookieOptions(request.origin)));
      page(ctx, request, session);
      return true;
    }
    const file = GET_FILES[path];
    if (file) await file(ctx, request);
    return file !== undefined;
  }
  if (method !== "POST") return false;
  const post = POSTS[path];
  if (post) {
    await post(ctx, request);
    return true;
  }
  const panel = FLAG_PANEL_ROUTE.exec(path);
  if (!panel) return false;
  const claimId = Number(panel[1]);
  if (panel[2]) await handleFlagPanelPost(ctx, request, { claimId, action: "assign" });
  else if (panel[4]) await handleFlagPanelPost(ctx, request, { claimId, action: "resolve", commentId: Number(panel[3]) });
  else await handleFlagPanelPost(ctx, request, { claimId, action: "comment" });
  return true;
}
