import type { IncomingMessage, ServerResponse } from "node:http";
import type { Store } from "../store/open-store.ts";
import type { RequestOrigin } from "./auth-request.ts";
import type { LoginRateLimiter } from "./auth-rate-limit.ts";
import { BodyError, readForm, send, sendHtml } from "./http-io.ts";
import { renderMessage } from "./render-layout.ts";
import type { ReviewSession, SessionStore } from "./sessions.ts";

// What the desk's route files (auth-routes.ts, desk-routes.ts) share with the server: the store, the
// sessions, the clock, and the one way every POST is accepted (form body, Origin, CSRF token).

/** Re-renders the published article as `wikigen render --publish` does (composed by the CLI). */
export type PublishArticle = (slug: string) => Promise<
  | { kind: "written"; version: number; files: string[]; undecidedFlags: number }
  | { kind: "refused"; version: number; undecidedFlags: number }
  | { kind: "not_found" }
>;

export interface DeskContext {
  db: Store;
  sessions: SessionStore;
  limiter: LoginRateLimiter;
  now: () => Date;
  /** Whether a request must come from a logged-in session (accounts exist, or bound beyond loopback). */
  isLoginRequired: () => boolean;
  publish: PublishArticle | undefined;
  log: (line: string) => void;
}

export interface DeskRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  origin: RequestOrigin;
}

export function cookieOptions(origin: RequestOrigin): { secure: boolean } {
  return { secure: origin.proto === "https" };
}

/**
 * Reads a POST's form and checks it came from this server's own page: the session cookie, an Origin
 * (when sent) naming this server, and the session's CSRF token. Answers the refusal itself and
 * returns undefined when it does not.
 */
export async function acceptPost(ctx: DeskContext, request: DeskRequest): Promise<{ session: ReviewSession; form: URLSearchParams } | undefined> {
  const { req, res, origin } = request;
  const session = ctx.sessions.find(req.headers.cookie);
  let form: URLSearchParams;
  try {
    form = await readForm(req);
  } catch (error) {
    if (error instanceof BodyError) {
      send(res, error.status, `${error.message}\n`, { "content-type": "text/plain; charset=utf-8" });
      return undefined;
    }
    throw error;
  }
  const sentOrigin = req.headers.origin;
  const isSameOrigin = sentOrigin === undefined || sentOrigin === `${origin.proto}://${origin.host}`;
  if (!session || !isSameOrigin || !ctx.sessions.isTokenValid(session, form.get("csrf"))) {
    const fresh = ctx.sessions.resolve(req.headers.cookie);
    const headers: Record<string, string> = fresh.isNew ? { "set-cookie": ctx.sessions.cookieFor(fresh.session, cookieOptions(origin)) } : {};
    const message = "This request did not carry this session's form token (the page may be from an earlier server run, or from another site). Nothing was stored; reload the page and try again.";
    sendHtml(res, 403, renderMessage({ title: "Forbidden", session: fresh.session, message, back: "/" }), headers);
    return undefined;
  }
  return { session, form };
}

/** A refusal page for a logged-in user who lacks the role (403). */
export function refuseRole(request: DeskRequest, session: ReviewSession, what: string): void {
  const message = `${what} needs the editor role; ${session.account?.name ?? "this session"} is a ${session.account?.role ?? "reviewer"}. Nothing was changed.`;
  sendHtml(request.res, 403, renderMessage({ title: "Forbidden", session, message, back: "/" }));
}

/** Editors, and the single local user of a server without accounts (who could run `wikigen render --publish` anyway). */
export function isEditor(session: ReviewSession): boolean {
  return session.account === null || session.account.role === "editor";
}
