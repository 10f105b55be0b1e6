import { findReviewerAccount } from "../store/reviewer-accounts.ts";
import { verifyPassword, verifyToken } from "./auth-passwords.ts";
import { describeLockout } from "./auth-rate-limit.ts";
import { acceptPost, cookieOptions, type DeskContext, type DeskRequest } from "./desk-context.ts";
import { html } from "./html.ts";
import { redirect, sendHtml } from "./http-io.ts";
import { renderLayout } from "./render-layout.ts";
import { toSameOriginPath } from "./same-origin-path.ts";
import type { ReviewSession } from "./sessions.ts";

// Login and logout of the review desk, and the gate in front of every other page: when login is
// required, a request without a logged-in session is sent to /login (a GET) or refused (a POST).

const MAX_NAME_CHARS = 40;
const MAX_SECRET_CHARS = 1_024;

/** Answers /login and /logout; false when the request is for another route. */
export async function handleAuthRoute(ctx: DeskContext, request: DeskRequest): Promise<boolean> {
  const { method, url } = request;
  if (url.pathname === "/login" && method === "GET") {
    loginPage(ctx, request);
    return true;
  }
  if (url.pathname === "/login" && method === "POST") {
    await login(ctx, request);
    return true;
  }
  if (url.pathname === "/logout" && method === "POST") {
    const accepted = await acceptPost(ctx, request);
    if (!accepted) return true;
    ctx.sessions.logout(accepted.session);
    const fresh = ctx.sessions.resolve(undefined);
    redirect(request.res, "/login?logged_out=1", { "set-cookie": ctx.sessions.cookieFor(fresh.session, cookieOptions(request.origin)) });
    return true;
  }
  return false;
}

/**
 * When login is required and the request's session is not logged in: sends GETs to the login page
 * (saying so when the session expired) and refuses anything else with 401. True when it answered.
 */
export function gateLogin(ctx: DeskContext, request: DeskRequest): boolean {
  if (!ctx.isLoginRequired()) return false;
  let { session, isNew, expired } = ctx.sessions.resolve(request.req.headers.cookie);
  if (session.account) {
    // An account disabled (or its role changed) by `wikigen reviewers` while the server runs takes
    // effect on its next request, not when its session would have expired.
    const stored = findReviewerAccount(ctx.db, session.account.name);
    if (stored && stored.disabled_at === null) {
      session.account.role = stored.role;
      return false;
    }
    ctx.sessions.logout(session);
    ({ session, isNew } = ctx.sessions.resolve(undefined));
    expired = true;
  }
  const headers: Record<string, string> = isNew ? { "set-cookie": ctx.sessions.cookieFor(session, cookieOptions(request.origin)) } : {};
  const next = toSameOriginPath(`${request.url.pathname}${request.url.search}`);
  const query = new URLSearchParams({ ...(next === "/" ? {} : { next }), ...(expired ? { expired: "1" } : {}) }).toString();
  if (request.method === "GET") {
    redirect(request.res, `/login${query ? `?${query}` : ""}`, headers);
    return true;
  }
  const body = renderPage(session, { status: "Log in first: this server records every decision under a reviewer account. Nothing was stored.", next });
  sendHtml(request.res, 401, body, headers);
  return true;
}

function loginPage(ctx: DeskContext, request: DeskRequest): void {
  const { session, isNew, expired } = ctx.sessions.resolve(request.req.headers.cookie);
  if (session.account || !ctx.isLoginRequired()) return redirect(request.res, "/");
  const params = request.url.searchParams;
  const status = expired || params.has("expired") ? "Your session expired; log in again." : params.has("logged_out") ? "You are logged out." : undefined;
  const headers: Record<string, string> = isNew ? { "set-cookie": ctx.sessions.cookieFor(session, cookieOptions(request.origin)) } : {};
  sendHtml(request.res, 200, renderPage(session, { status, next: toSameOriginPath(params.get("next")) }), headers);
}

async function login(ctx: DeskContext, request: DeskRequest): Promise<void> {
  const accepted = await acceptPost(ctx, request);
  if (!accepted) return;
  const { session, form } = accepted;
  const next = toSameOriginPath(form.get("next"));
  if (!ctx.isLoginRequired()) return redirect(request.res, next);
  const name = (form.get("name") ?? "").trim().slice(0, MAX_NAME_CHARS);
  const secret = (form.get("password") ?? "").slice(0, MAX_SECRET_CHARS);
  const fail = (status: number, message: string): void => sendHtml(request.res, status, renderPage(session, { alert: message, next, name }));
  if (name === "" || secret === "") return fail(400, "Enter your account name and your password or token.");
  const gate = ctx.limiter.check(name, request.origin.address);
  if (gate.kind === "locked") {
    ctx.log(`review: login of "${name}" from ${request.origin.address} refused: locked (${gate.scope})`);
    return fail(429, describeLockout(gate));
  }
  const account = findReviewerAccount(ctx.db, name);
  const isPasswordRight = await verifyPassword(secret, account?.password_hash);
  const isTokenRight = verifyToken(secret, account?.token_sha256);
  if (!account || account.disabled_at !== null || !(isPasswordRight || isTokenRight)) {
    ctx.limiter.recordFailure(name, request.origin.address);
    ctx.log(`review: failed login for "${name}" from ${request.origin.address}`);
    return fail(401, "Wrong account name or password (or the account is disabled).");
  }
  ctx.limiter.recordSuccess(name);
  const fresh = ctx.sessions.login(session, { name: account.name, role: account.role });
  redirect(request.res, next, { "set-cookie": ctx.sessions.cookieFor(fresh, cookieOptions(request.origin)) });
}

function renderPage(session: ReviewSession, args: { status?: string | undefined; alert?: string; next: string; name?: string }): string {
  const body = html`<h1>Log in</h1>
${args.status ? html`<p class="notice" role="status">${args.status}</p>` : ""}
${args.alert ? html`<p class="message" role="alert">${args.alert}</p>` : ""}
<form class="login" method="post" action="/login">
  <input type="hidden" name="csrf" value="${session.csrfToken}">
  <input type="hidden" name="next" value="${args.next}">
  <label>Account <input name="name" value="${args.name ?? ""}" autocomplete="username" maxlength="${MAX_NAME_CHARS}" required></label>
  <label>Password or token <input name="password" type="password" autocomplete="current-password" maxlength="${MAX_SECRET_CHARS}" required></label>
  <button type="submit">Log in</button>
</form>
<p class="muted">Accounts are made with <code>wikigen reviewers add NAME</code>, or by an editor on the accounts page.</p>`;
  return renderLayout({ title: "Log in", session, returnTo: "/login", body, bare: true });
}
