import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { openServeServer } from "../src/cli/commands/serve.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";

// The reader form of `wikigen serve` is guarded as the review desk's forms are: a post needs the
// page's session cookie and CSRF token, an Origin of this server (when sent) and a Host naming it;
// and each client address may post only so many suggestions an hour. A refused post stores nothing.

const FIELDS = {
  article: "demo-article",
  section: "summary",
  change: "Add that facilitators protect the confidentiality of clients in peer consultation groups.",
  sources: "https://example.org/guide",
  email: "reader@example.org",
  credit: "anonymous",
};

function countRows(harness: { openDb(): { prepare(sql: string): { get(): unknown }; close(): void } }): { suggestions: number; mails: number } {
  const db = harness.openDb();
  try {
    return {
      suggestions: (db.prepare(`SELECT COUNT(*) AS n FROM suggestions`).get() as { n: number }).n,
      mails: (db.prepare(`SELECT COUNT(*) AS n FROM mail_outbox`).get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

function rawPost(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)), ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("wikigen serve: the reader form", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-revisions-serve-", project: { kind: "article" } });

  it("refuses posts without the page's token, from another origin or Host, with PHI, and beyond the rate", async () => {
    expect([0, 3]).toContain((await harness.wikigen(["generate", "demo-article"])).code);
    let stderr = "";
    const serve = harness.adopt(
      await openServeServer({ values: { port: "0", rate: "3", "no-draft": true }, io: { stdout: () => undefined, stderr: (text) => (stderr += text), env: {}, cwd: harness.dir, isStderrTty: false } }),
    );
    const base = serve.server.url;
    const pageResponse = await fetch(new URL("demo-article/", base));
    expect(pageResponse.status).toBe(200);
    const cookie = (pageResponse.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^wikigen_reader=/);
    const pageText = await pageResponse.text();
    expect(pageText).toContain("Suggest a revision");
    expect(pageText).toContain("Do not include any client-identifying information or protected health information (PHI)");
    const csrf = /name="csrf" value="([^"]+)"/.exec(pageText)?.[1] ?? "";
    expect(csrf).not.toBe("");
    const post = async (fields: Record<string, string>, headers: Record<string, string> = {}) => {
      const response = await fetch(new URL("suggest", base), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(fields), redirect: "manual" });
      return { status: response.status, text: await response.text(), retryAfter: response.headers.get("retry-after") };
    };

    // Host: a DNS-rebinding page names its own host; refused before the body is read or counted.
    const port = new URL(base).port;
    expect(await rawPost(`${base}suggest`, { host: `evil.example:${port}`, cookie }, new URLSearchParams({ ...FIELDS, csrf }).toString())).toBe(403);
    // No token, a wrong token, no cookie, another origin.
    expect((await post({ ...FIELDS }, { cookie })).status).toBe(403);
    expect((await post({ ...FIELDS, csrf: `${csrf}x` }, { cookie })).status).toBe(403);
    const foreign = await post({ ...FIELDS, csrf }, { cookie, origin: "http://evil.example" });
    expect(foreign.status).toBe(403);
    expect(foreign.text).toContain("Nothing was stored");
    expect(countRows(harness)).toEqual({ suggestions: 0, mails: 0 });

    // Rate limit 3 an hour per address: those three posts (all refused) spent it.
    const limited = await post({ ...FIELDS, csrf }, { cookie });
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(3000);
    expect(countRows(harness)).toEqual({ suggestions: 0, mails: 0 });
  });

  it("stores a good post with its receipt and answers a PHI post with the form again and nothing stored", async () => {
    let stderr = "";
    const serve = harness.adopt(
      await openServeServer({ values: { port: "0", rate: "10", "no-draft": true }, io: { stdout: () => undefined, stderr: (text) => (stderr += text), env: {}, cwd: harness.dir, isStderrTty: false } }),
    );
    const pageResponse = await fetch(new URL("demo-article/", serve.server.url));
    const cookie = (pageResponse.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const csrf = /name="csrf" value="([^"]+)"/.exec(await pageResponse.text())?.[1] ?? "";
    const post = async (fields: Record<string, string>) => {
      const response = await fetch(new URL("suggest", serve.server.url), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: serve.server.url.replace(/\/$/, "") }, body: new URLSearchParams({ csrf, ...fields }) });
      return { status: response.status, text: await response.text() };
    };
    const phi = await post({ ...FIELDS, change: "My client Jane, phone (555) 123-4567, found the group helpful after her divorce." });
    expect(phi.status).toBe(422);
    expect(phi.text).toContain("Not stored: change: the text contains");
    expect(phi.text).toMatch(/Not stored: change: the text contains[^<]*phone/i);
    expect(phi.text).toContain('<meta name="wikigen-article" content="demo-article">');
    expect(countRows(harness)).toEqual({ suggestions: 0, mails: 0 });

    const good = await post({ ...FIELDS });
    expect(good.status).toBe(200);
    expect(good.text).toContain("Suggestion #1 was received");
    await serve.idle();
    expect(countRows(harness)).toEqual({ suggestions: 1, mails: 1 });
    expect(stderr).toContain("1 mail(s) wait in the outbox: no mail.host configured");
  });
});
