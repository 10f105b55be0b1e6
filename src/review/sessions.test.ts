import { describe, expect, it } from "vitest";
import { createSessionStore } from "./sessions.ts";

const MINUTE = 60_000;

function cookieOf(header: string): string {
  return header.split(";")[0] ?? "";
}

describe("review sessions", () => {
  it("ends a logged-in session after the TTL without a request, and each request extends it", () => {
    const clock = { now: 0 };
    const store = createSessionStore("local", { ttlMs: 30 * MINUTE, now: () => clock.now });
    const anonymous = store.resolve(undefined).session;
    const session = store.login(anonymous, { name: "alice", role: "reviewer" });
    const cookie = cookieOf(store.cookieFor(session));
    clock.now += 29 * MINUTE;
    expect(store.find(cookie)?.reviewer).toBe("alice");
    clock.now += 29 * MINUTE;
    expect(store.find(cookie)?.account).toEqual({ name: "alice", role: "reviewer" });
    clock.now += 30 * MINUTE + 1;
    const after = store.resolve(cookie);
    expect([after.expired, after.isNew, after.session.account]).toEqual([true, true, null]);
    expect(store.find(cookie)).toBeUndefined();
  });

  it("replaces the session at login and ends it at logout", () => {
    const store = createSessionStore("local", { ttlMs: MINUTE, now: () => 0 });
    const anonymous = store.resolve(undefined).session;
    const before = cookieOf(store.cookieFor(anonymous));
    const session = store.login(anonymous, { name: "ed", role: "editor" });
    expect(session.id).not.toBe(anonymous.id);
    expect(session.csrfToken).not.toBe(anonymous.csrfToken);
    // The id planted before the login no longer names any session.
    expect(store.find(before)).toBeUndefined();
    const cookie = cookieOf(store.cookieFor(session));
    expect(store.find(cookie)?.reviewer).toBe("ed");
    store.logout(session);
    expect(store.find(cookie)).toBeUndefined();
  });

  it("keeps the no-login session of a server without accounts however long it idles", () => {
    const clock = { now: 0 };
    const store = createSessionStore("local", { ttlMs: MINUTE, now: () => clock.now });
    const session = store.resolve(undefined).session;
    clock.now += 24 * 60 * MINUTE;
    expect(store.find(cookieOf(store.cookieFor(session)))?.reviewer).toBe("local");
  });

  it("marks the cookie Secure only when the request came over https", () => {
    const store = createSessionStore("local");
    const session = store.resolve(undefined).session;
    expect(store.cookieFor(session)).toBe(`wikigen_review=${session.id}; Path=/; HttpOnly; SameSite=Strict`);
    expect(store.cookieFor(session, { secure: true })).toBe(`wikigen_review=${session.id}; Path=/; HttpOnly; SameSite=Strict; Secure`);
  });
});
