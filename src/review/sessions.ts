import { randomBytes, timingSafeEqual } from "node:crypto";
import type { ReviewerRole } from "../store/reviewer-accounts.ts";

// Browser sessions of the review server, kept in memory (they end with the server). Each session has
// its own CSRF token, put into every form of the page and checked on every POST: a page from another
// origin can make the browser send the cookie, but cannot read the token. A logged-in session names
// its account and expires after `ttlMs` without a request; logging in replaces the session (new id,
// new token), so an id planted before the login is worth nothing after it.

export interface SessionAccount {
  name: string;
  role: ReviewerRole;
}

export interface ReviewSession {
  id: string;
  csrfToken: string;
  /** The name decisions are stored under: the account's name once logged in. */
  reviewer: string;
  account: SessionAccount | null;
  lastSeenMs: number;
}

export interface SessionStore {
  /** The request's session, or a new one (isNew: the response must set the cookie; expired: a logged-in session ran out). */
  resolve(cookieHeader: string | undefined): { session: ReviewSession; isNew: boolean; expired: boolean };
  find(cookieHeader: string | undefined): ReviewSession | undefined;
  isTokenValid(session: ReviewSession, token: string | null | undefined): boolean;
  /** Ends `previous` (if any) and returns a new session for the account. */
  login(previous: ReviewSession | undefined, account: SessionAccount): ReviewSession;
  logout(session: ReviewSession): void;
  /** Ends every session of the account (it was disabled). */
  endSessionsOf(name: string): void;
  cookieFor(session: ReviewSession, options?: { secure: boolean }): string;
}

const COOKIE = "wikigen_review";
// Bounds memory when something requests pages without keeping cookies; the oldest session goes first.
const MAX_SESSIONS = 1_000;

function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

/** `cookie`: the cookie's name; servers on one host share cookies whatever their ports, so each needs its own. */
export function createSessionStore(defaultReviewer: string, options: { ttlMs?: number; now?: () => number; cookie?: string } = {}): SessionStore {
  const cookieName = options.cookie ?? COOKIE;
  const sessions = new Map<string, ReviewSession>();
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;

  const add = (session: ReviewSession): ReviewSession => {
    sessions.set(session.id, session);
    if (sessions.size > MAX_SESSIONS) {
      const oldest = sessions.keys().next().value;
      if (oldest !== undefined) sessions.delete(oldest);
    }
    return session;
  };

  /** The live session of the cookie; an expired one is removed and reported. */
  const lookup = (cookieHeader: string | undefined): { session: ReviewSession | undefined; expired: boolean } => {
    const id = readCookie(cookieHeader, cookieName);
    const session = id === undefined ? undefined : sessions.get(id);
    if (!session) return { session: undefined, expired: false };
    if (session.account && now() - session.lastSeenMs > ttlMs) {
      sessions.delete(session.id);
      return { session: undefined, expired: true };
    }
    session.lastSeenMs = now();
    return { session, expired: false };
  };

  return {
    find: (cookieHeader) => lookup(cookieHeader).session,
    resolve(cookieHeader) {
      const { session: existing, expired } = lookup(cookieHeader);
      if (existing) return { session: existing, isNew: false, expired: false };
      const session = add({ id: newSecret(), csrfToken: newSecret(), reviewer: defaultReviewer, account: null, lastSeenMs: now() });
      return { session, isNew: true, expired };
    },
    isTokenValid(session, token) {
      if (typeof token !== "string") return false;
      const expected = Buffer.from(session.csrfToken);
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    login(previous, account) {
      if (previous) sessions.delete(previous.id);
      return add({ id: newSecret(), csrfToken: newSecret(), reviewer: account.name, account, lastSeenMs: now() });
    },
    logout(session) {
      sessions.delete(session.id);
    },
    endSessionsOf(name) {
      for (const [id, session] of sessions) if (session.account?.name === name) sessions.delete(id);
    },
    cookieFor(session, cookieOptions = { secure: false }) {
      // SameSite=Strict keeps the cookie off cross-site requests as a second line behind the token.
      return `${cookieName}=${session.id}; Path=/; HttpOnly; SameSite=Strict${cookieOptions.secure ? "; Secure" : ""}`;
    },
  };
}
