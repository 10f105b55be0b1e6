import { randomBytes, timingSafeEqual } from "node:crypto";

// Browser sessions of the review server, kept in memory (they end with the server). Each session has
// its own CSRF token, put into every form of the page and checked on every POST: a page from another
// origin can make the browser send the cookie, but cannot read the token.

export interface ReviewSession {
  id: string;
  csrfToken: string;
  reviewer: string;
}

export interface SessionStore {
  /** The request's session, or a new one (isNew: the response must set the cookie). */
  resolve(cookieHeader: string | undefined): { session: ReviewSession; isNew: boolean };
  find(cookieHeader: string | undefined): ReviewSession | undefined;
  isTokenValid(session: ReviewSession, token: string | null | undefined): boolean;
  cookieFor(session: ReviewSession): string;
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
export function createSessionStore(defaultReviewer: string, options: { cookie?: string } = {}): SessionStore {
  const cookieName = options.cookie ?? COOKIE;
  const sessions = new Map<string, ReviewSession>();

  const find = (cookieHeader: string | undefined): ReviewSession | undefined => {
    const id = readCookie(cookieHeader, cookieName);
    return id === undefined ? undefined : sessions.get(id);
  };

  return {
    find,
    resolve(cookieHeader) {
      const existing = find(cookieHeader);
      if (existing) return { session: existing, isNew: false };
      const session = { id: newSecret(), csrfToken: newSecret(), reviewer: defaultReviewer };
      sessions.set(session.id, session);
      if (sessions.size > MAX_SESSIONS) {
        const oldest = sessions.keys().next().value;
        if (oldest !== undefined) sessions.delete(oldest);
      }
      return { session, isNew: true };
    },
    isTokenValid(session, token) {
      if (typeof token !== "string") return false;
      const expected = Buffer.from(session.csrfToken);
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    cookieFor(session) {
      // SameSite=Strict keeps the cookie off cross-site requests as a second line behind the token.
      return `${cookieName}=${session.id}; Path=/; HttpOnly; SameSite=Strict`;
    },
  };
}
