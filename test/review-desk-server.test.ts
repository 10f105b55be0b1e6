import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, beforeAll } from "vitest";
import { openStore } from "../src/store/open-store.ts";
import { assertCompiledCliIsCurrent } from "./helpers/compiled-cli.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import { addAccount } from "./helpers/review-desk.ts";
import { startReview } from "./helpers/review-seed.ts";

// The desk's server-side rules over HTTP: `wikigen review --host 0.0.0.0` refused without an account
// (the spawned CLI, exit 1) and asking for a login with one; passwords from stdin; login lockouts per
// account and per client address; and X-Forwarded-* believed only under review.trust_proxy (for the
// address that is rate-limited, the Secure cookie and the Host check).

interface Answer {
  status: number;
  text: string;
  location: string | null;
  setCookie: string | null;
}

async function request(base: string, pathname: string, init: { method?: string; headers?: Record<string, string>; form?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(new URL(pathname, base), {
    method: init.method ?? (init.form ? "POST" : "GET"),
    headers: { ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}), ...init.headers },
    ...(init.form ? { body: new URLSearchParams(init.form) } : {}),
    redirect: "manual",
  });
  return { status: response.status, text: await response.text(), location: response.headers.get("location"), setCookie: response.headers.get("set-cookie") };
}

/** Opens the login page and posts the form, as a browser would, with the given extra headers on both. */
async function tryLogin(base: string, name: string, password: string, headers: Record<string, string> = {}): Promise<Answer> {
  const page = await request(base, "/login", { headers });
  const cookie = (page.setCookie ?? "").split(";")[0] ?? "";
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? "";
  return request(base, "/login", { headers: { cookie, ...headers }, form: { csrf, name, password } });
}

function waitForExit(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("review desk server", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-review-desk-server-", project: { kind: "review" } });

  beforeAll(() => {
    openStore(harness.dbFile).close();
  });

  it("refuses to listen on 0.0.0.0 without an account (exit 1), takes a password on stdin, then asks every request for a login", async () => {
    assertCompiledCliIsCurrent();
    const refused = await waitForExit(harness.spawnWikigen(["review", "--host", "0.0.0.0", "--port", "0"]));
    expect(refused).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "wikigen review: --host 0.0.0.0: refusing to listen beyond loopback without a login, and runs.db has no enabled reviewer account; add one with `wikigen reviewers add NAME --role editor`, or bind 127.0.0.1\n" +
        "usage: wikigen review [--port N] [--host 127.0.0.1] [--reviewer NAME] [--verifier offline|llm|cascade] [--db runs.db]\n(see wikigen review --help)\n",
    });

    const short = harness.spawnWikigen(["reviewers", "add", "ed", "--role", "editor", "--password-stdin"]);
    short.stdin.end("too short\n");
    expect((await waitForExit(short)).stderr).toContain("--password-stdin: the password is shorter than 12 characters");
    const add = harness.spawnWikigen(["reviewers", "add", "ed", "--role", "editor", "--password-stdin"]);
    add.stdin.end("a long enough passphrase\n");
    expect(await waitForExit(add)).toEqual({ code: 0, stdout: "added ed (editor)\n", stderr: "" });
    const list = await harness.wikigen(["reviewers", "list", "--json"]);
    expect(JSON.parse(list.stdout)).toEqual([{ name: "ed", role: "editor", credential: "password", created_at: expect.stringMatching(/^\d{4}-/) as unknown, disabled_at: null }]);

    const server = harness.spawnWikigen(["review", "--host", "0.0.0.0", "--port", "0"]);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        server.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const match = /wikigen review: http:\/\/0\.0\.0\.0:(\d+)\//.exec(out);
          if (match) resolve(`http://127.0.0.1:${match[1]}/`);
        });
        server.on("close", (code) => reject(new Error(`review exited ${code}`)));
      });
      expect(await request(url, "/")).toMatchObject({ status: 303, location: "/login" });
      expect(await request(url, "/export/decisions.csv")).toMatchObject({ status: 303, location: "/login?next=%2Fexport%2Fdecisions.csv" });
      expect(await tryLogin(url, "ed", "a long enough passphrase!")).toMatchObject({ status: 401 });
      const login = await tryLogin(url, "ed", "a long enough passphrase");
      expect(login).toMatchObject({ status: 303, location: "/" });
      const cookie = (login.setCookie ?? "").split(";")[0] ?? "";
      const queue = await request(url, "/", { headers: { cookie } });
      expect([queue.status, queue.text.includes("Signed in as <strong>ed</strong> (editor)")]).toEqual([200, true]);
    } finally {
      server.kill("SIGTERM");
    }
  }, 60_000);

  it("locks an account and an address after failed logins, ignoring X-Forwarded-For unless the proxy is trusted", async () => {
    const passwords = { alice: await addAccount(harness, "alice", "reviewer"), bob: await addAccount(harness, "bob", "reviewer") };
    const base = readFileSync(path.join(harness.dir, "wikigen.config.yaml"), "utf8");
    const limits = ["review:", "  login_failures_per_account: 3", "  login_failures_per_address: 4", "  login_window_minutes: 15"];
    writeFileSync(path.join(harness.dir, "direct.yaml"), [base, ...limits, ""].join("\n"));
    writeFileSync(path.join(harness.dir, "proxied.yaml"), [base, ...limits, "  trust_proxy: true", "  allowed_hosts: [review.example.org]", ""].join("\n"));

    const direct = harness.adopt(await startReview(harness.dir, { config: "direct.yaml" }));
    const url = direct.server.url;
    // Each attempt claims another client address; without trust_proxy they all count as 127.0.0.1.
    for (const forwarded of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) {
      expect((await tryLogin(url, "alice", "wrong password", { "x-forwarded-for": forwarded })).status).toBe(401);
    }
    const locked = await tryLogin(url, "alice", passwords.alice, { "x-forwarded-for": "203.0.113.4" });
    expect(locked.status).toBe(429);
    expect(locked.text).toContain("Too many failed logins for this account; logins are locked for 15 more minutes. Nothing was checked.");
    expect((await tryLogin(url, "bob", "wrong password")).status).toBe(401);
    const byAddress = await tryLogin(url, "bob", passwords.bob, { "x-forwarded-for": "198.51.100.7" });
    expect([byAddress.status, byAddress.text.includes("Too many failed logins from your address")]).toEqual([429, true]);
    // An https claim and a foreign X-Forwarded-Host are not believed either: no Secure cookie, and the Host header counts.
    const page = await request(url, "/login", { headers: { "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" } });
    expect([page.status, page.setCookie?.includes("Secure")]).toEqual([200, false]);

    const proxied = harness.adopt(await startReview(harness.dir, { config: "proxied.yaml" }));
    const viaProxy = { "x-forwarded-proto": "https", "x-forwarded-host": "review.example.org" };
    const purl = proxied.server.url;
    for (let attempt = 0; attempt < 4; attempt++) {
      expect((await tryLogin(purl, `nobody${attempt}`, "wrong password", { ...viaProxy, "x-forwarded-for": "203.0.113.9" })).status).toBe(401);
    }
    // The proxy appends the address it saw: a client-written entry before it does not escape the lock.
    const spoofed = await tryLogin(purl, "bob", passwords.bob, { ...viaProxy, "x-forwarded-for": "192.0.2.1, 203.0.113.9" });
    expect([spoofed.status, spoofed.text.includes("from your address")]).toEqual([429, true]);
    const other = await tryLogin(purl, "bob", passwords.bob, { ...viaProxy, "x-forwarded-for": "203.0.113.10", origin: "https://review.example.org" });
    expect(other).toMatchObject({ status: 303, location: "/" });
    expect(other.setCookie).toMatch(/^wikigen_review=[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Secure$/);
    expect((await request(purl, "/login", { headers: { "x-forwarded-host": "evil.example" } })).status).toBe(403);
    // The Origin check compares with the forwarded scheme and host: the proxied page's own origin passes, plain http does not.
    const cookie = (other.setCookie ?? "").split(";")[0] ?? "";
    const queue = await request(purl, "/", { headers: { cookie, ...viaProxy } });
    const csrf = /name="csrf" value="([^"]+)"/.exec(queue.text)?.[1] ?? "";
    const foreign = await request(purl, "/logout", { headers: { cookie, ...viaProxy, origin: "http://review.example.org" }, form: { csrf } });
    expect(foreign.status).toBe(403);
    const own = await request(purl, "/logout", { headers: { cookie, ...viaProxy, origin: "https://review.example.org" }, form: { csrf } });
    expect(own).toMatchObject({ status: 303, location: "/login?logged_out=1" });
  }, 120_000);

  it("logs in with a token, and ends the session of an account disabled while the server runs", async () => {
    const added = await harness.wikigen(["reviewers", "add", "bot", "--token"]);
    const token = /^token \(shown only now; log in with it as the password\): (wgr_\S+)$/m.exec(added.stdout)?.[1] ?? "";
    expect([added.code, token.length]).toEqual([0, 47]);
    const db = harness.openDb();
    const stored = db.prepare("SELECT role, password_hash, token_sha256 FROM reviewer_accounts WHERE name = 'bot'").get() as Record<string, string | null>;
    db.close();
    expect(stored).toEqual({ role: "reviewer", password_hash: null, token_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown });
    expect(JSON.stringify(stored)).not.toContain(token);

    const review = harness.adopt(await startReview(harness.dir));
    const login = await tryLogin(review.server.url, "bot", token);
    expect(login).toMatchObject({ status: 303, location: "/" });
    const cookie = (login.setCookie ?? "").split(";")[0] ?? "";
    expect((await request(review.server.url, "/audit", { headers: { cookie } })).status).toBe(200);
    expect(await harness.wikigen(["reviewers", "disable", "bot"])).toMatchObject({ code: 0, stdout: "disabled bot; a running review server ends their session on their next request\n" });
    expect(await request(review.server.url, "/audit", { headers: { cookie } })).toMatchObject({ status: 303, location: "/login?next=%2Faudit&expired=1" });
    expect((await tryLogin(review.server.url, "bot", token)).status).toBe(401);
    expect(await harness.wikigen(["reviewers", "disable", "bot"])).toMatchObject({ code: 1, stderr: 'wikigen reviewers: there is no enabled account "bot" (see wikigen reviewers list)\n' });
  }, 60_000);
});
