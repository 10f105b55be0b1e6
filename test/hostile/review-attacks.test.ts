import { request } from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../helpers/browser.ts";
import { useIntegrationHarness } from "../helpers/integration-harness.ts";
import {
  claimIdOf,
  claimIdsByText,
  FIRST_SCRIPT,
  generateScripted,
  MARKUP_QUOTE_CLAIM,
  openReviewSession,
  reviewsOfClaim,
  SCRIPT_SOURCE,
  startReview,
  YEAR_CLAIM,
} from "../helpers/review-seed.ts";

// Attacks on the review server, over a store seeded through `wikigen generate` (fake Anthropic API,
// offline verifier; one source holds `<script>` markup as text): escaping and CSP, CSRF and a
// foreign Origin, a Host header naming another site (DNS rebinding), path traversal, and oversized
// or non-form bodies. The escaping, CSRF and Host tests moved here from test/review-server.test.ts,
// the <script> page test from test/review-browser.test.ts (issue 17: the hostile suite); their
// set-up is the set-up of those files.

/** A GET with the path sent exactly as written (fetch would resolve the dot segments first). */
function rawGet(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: rawPath, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      let body = "";
      res.setEncoding("latin1");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A POST on its own connection (a refused body ends the connection), written chunk by chunk. */
function rawPost(port: number, rawPath: string, headers: Record<string, string>, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method: "POST", path: rawPath, agent: false, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("review server under attack", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-review-attacks-", project: { kind: "review", slugs: ["demo-article"] }, fake: {} });
  let review: Awaited<ReturnType<typeof startReview>>;
  let first: Map<string, number>;

  const id = claimIdOf;
  const reviewsOf = (claimId: number) => reviewsOfClaim(harness, claimId);

  beforeAll(async () => {
    await generateScripted({ harness, script: FIRST_SCRIPT, slug: "demo-article" });
    first = claimIdsByText(harness.dbFile, "demo-article");
    review = harness.adopt(await startReview(harness.dir));
  }, 120_000);

  it("binds 127.0.0.1, sends a strict CSP and escapes source and model text", async () => {
    expect(review.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(review.stderr()).not.toContain("warning");
    const client = await openReviewSession(review.server.url);
    const page = await client.get(`/flags/${id(first, MARKUP_QUOTE_CLAIM.text)}`);
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.text).toContain("&lt;script&gt;window.__wikigenPwned = true;");
    expect(page.text).toContain("Supervision handout with &lt;b&gt;markup&lt;/b&gt;");
    expect(page.text).not.toContain("<script>window");
    expect(page.text).not.toContain("<b>markup");
    // The only script element is the same-origin file.
    expect(page.text.match(/<script/g)).toHaveLength(1);
  });

  it("answers 403 to a POST without this session's CSRF token, and stores nothing", async () => {
    const a = await openReviewSession(review.server.url);
    const b = await openReviewSession(review.server.url);
    const claimId = id(first, YEAR_CLAIM.text);
    const seen = await a.seenFields(claimId);
    const post = (cookie: string | undefined, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(new URL(`/flags/${claimId}/decide`, review.server.url), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}), ...headers },
        body: new URLSearchParams({ decision: "approve", ...seen, ...fields }),
        redirect: "manual",
      });
    const attempts = [
      await post(a.cookie, {}), // no token
      await post(a.cookie, { csrf: "not-the-token" }),
      await post(a.cookie, { csrf: b.csrf }), // another session's token
      await post(undefined, { csrf: a.csrf }), // token without its session cookie
      await post(a.cookie, { csrf: a.csrf }, { origin: "http://evil.example" }),
    ];
    expect(attempts.map((response) => response.status)).toEqual([403, 403, 403, 403, 403]);
    expect(await attempts[0]?.text()).toContain("Nothing was stored");
    expect(reviewsOf(claimId)).toEqual([]);
    // The reviewer-name form is state-changing too.
    const rename = await fetch(new URL("/session/reviewer", review.server.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: a.cookie },
      body: new URLSearchParams({ reviewer: "mallory", csrf: "x" }),
      redirect: "manual",
    });
    expect(rename.status).toBe(403);
    expect((await a.get("/")).text).toContain('value="tester"');
  });

  it("refuses a request naming another host (DNS rebinding)", async () => {
    const { port } = review.server;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/", headers: { host: `evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it("serves no file outside its routes, whatever the path says (traversal)", async () => {
    const { port } = review.server;
    const attempts = [
      "/../../../../etc/passwd",
      "/assets/../../../../etc/passwd",
      "/assets/..%2f..%2f..%2f..%2fetc%2fpasswd",
      "/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/assets/..\\..\\..\\etc\\passwd",
      "/flags/1/../../../../etc/passwd",
      "/flags/..%2f..%2fruns.db",
      "/assets/review.css/../../runs.db",
      "/runs.db",
      "/wikigen.config.yaml",
      "/sources/",
      "//etc/passwd",
      "/assets/review.js%00.png",
    ];
    const answers = await Promise.all(attempts.map((attempt) => rawGet(port, attempt)));
    expect(answers.map((answer) => answer.status)).toEqual(attempts.map(() => 404));
    for (const answer of answers) {
      expect(answer.body).toBe("not found\n");
    }
    // A flag page's citation parameter picks a citation by index; a path there is ignored.
    const claimId = id(first, YEAR_CLAIM.text);
    const page = await rawGet(port, `/flags/${claimId}?citation=../../../../etc/passwd`);
    expect(page.status).toBe(200);
    expect(page.body).not.toMatch(/root:.*:0:0:/);
    expect(page.body).not.toContain("SQLite format");
  });

  it("answers 413 to an oversized form and 415 to a body that is not a form, storing nothing", async () => {
    const client = await openReviewSession(review.server.url);
    const claimId = id(first, YEAR_CLAIM.text);
    const seen = await client.seenFields(claimId);
    const form = (fields: Record<string, string>) => new URLSearchParams({ csrf: client.csrf, ...fields }).toString();
    const formHeaders = { cookie: client.cookie, "content-type": "application/x-www-form-urlencoded" };
    // The cap is 64 KiB. Bodies of about 100 kB fit the loopback socket buffers, so the whole body is
    // written before the server answers and closes the connection without reading the rest.
    const rename = await rawPost(review.server.port, "/session/reviewer", formHeaders, [form({ reviewer: "mallory", padding: "x".repeat(100_000) })]);
    expect(rename).toEqual({ status: 413, body: "form too large\n" });
    const decide = await rawPost(review.server.port, `/flags/${claimId}/decide`, formHeaders, [form({ decision: "approve", note: "n".repeat(100_000), ...seen })]);
    expect(decide).toEqual({ status: 413, body: "form too large\n" });
    // In chunks with no Content-Length: only counting what arrives can stop it.
    const chunks = [form({ decision: "approve", ...seen }), ...Array.from({ length: 25 }, (_, index) => `&note${index}=${"z".repeat(4_000)}`)];
    const chunked = await rawPost(review.server.port, `/flags/${claimId}/decide`, { ...formHeaders, "transfer-encoding": "chunked" }, chunks);
    expect(chunked).toEqual({ status: 413, body: "form too large\n" });
    const json = await rawPost(review.server.port, `/flags/${claimId}/decide`, { cookie: client.cookie, "content-type": "application/json" }, [JSON.stringify({ csrf: client.csrf, decision: "approve", ...seen })]);
    expect(json).toEqual({ status: 415, body: "expected a form (application/x-www-form-urlencoded)\n" });
    expect(reviewsOf(claimId)).toEqual([]);
    expect((await client.get("/")).text).toContain('value="tester"');
  });
});

describe("review page in headless Chromium under attack", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-review-browser-attacks-", project: { kind: "review" }, fake: {} });
  let review: Awaited<ReturnType<typeof startReview>>;
  let browser: Browser;
  let page: Page;
  let ids: Map<string, number>;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];

  const idOf = (text: string): number => ids.get(text) as number;
  const url = (pathname: string) => new URL(pathname, review.server.url).href;

  beforeAll(async () => {
    await generateScripted({ harness, script: FIRST_SCRIPT });
    ids = claimIdsByText(harness.dbFile);
    review = harness.adopt(await startReview(harness.dir));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Fail within a test's time with the step that failed, rather than at the test timeout.
    page.setDefaultTimeout(8_000);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("shows source text containing <script> as text and never runs it", async () => {
    await page.goto(url(`/flags/${idOf(MARKUP_QUOTE_CLAIM.text)}#focus`));
    await page.waitForLoadState("load");
    const source = page.getByRole("region", { name: "Source text" });
    expect(await source.textContent()).toContain(SCRIPT_SOURCE[0]);
    expect(await source.locator("mark#focus").textContent()).toBe(SCRIPT_SOURCE[0]);
    expect(await source.locator("script").count()).toBe(0);
    expect(await page.getByText("Supervision handout with <b>markup</b>").first().isVisible()).toBe(true);
    // The tests compile without the DOM library, so the page's globals are described here.
    const state = await page.evaluate(() => {
      const scope = globalThis as unknown as { __wikigenPwned?: boolean; document: { title: string } };
      return { pwned: scope.__wikigenPwned, title: scope.document.title };
    });
    expect(state).toEqual({ pwned: undefined, title: `Flag #${idOf(MARKUP_QUOTE_CLAIM.text)} · wikigen review` });
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
