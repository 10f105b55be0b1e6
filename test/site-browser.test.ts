import Database from "better-sqlite3";
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openExistingStore } from "../src/store/open-store.ts";
import { REPO_EXAMPLE_CONFIG } from "./helpers/article-fixture.ts";
import { findStructureProblems, hasChromium, launchChromium } from "./helpers/browser.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";
import { decideAllSeedFlags, FLAGGED_NOT_SUPPORTED, SEED_SLUG, seedRenderArticle } from "./fixtures/render/seed-article.ts";

// `wikigen site` end to end: the offline example article generated into a real store, plus the
// seeded render-demo article (first with undecided flags, then decided, then a second version that
// rewords a sentence and names the example in its problems), built into a site served by a small
// node:http server and opened in headless Chromium. Screenshots go to test-output/site/;
// docs/site-*.png are written when missing or with WIKIGEN_UPDATE_DOCS=1.

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHOTS = path.join(REPO, "test-output", "site");
const EXAMPLE_SLUG = "communities-of-practice";
const EXAMPLE_SPEC = path.join(REPO, "articles", `${EXAMPLE_SLUG}.yaml`);
const WIKI_TITLE = "Test Clinical Wiki";
const REWORDED_BEFORE = "Which part of your practice do you learn from colleagues?";
const REWORDED_AFTER = "Which part of your practice do you learn from your peers and colleagues?";

if (!hasChromium) console.warn("test/site-browser.test.ts: skipped, /usr/bin/chromium is not installed (apt-get install chromium)");

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".xml": "application/xml", ".png": "image/png" };

/** A static file server for the site folder on 127.0.0.1, answering a missing path with 404.html, as static hosts do. */
async function serveFolder(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    let file = path.join(dir, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    let status = 200;
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      file = path.join(dir, "404.html");
      status = 404;
    }
    response.writeHead(status, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/** Every file under the folder with its bytes and mtime, by path from the folder. */
function snapshotFolder(dir: string): Map<string, { bytes: Buffer; mtimeMs: number }> {
  const files = new Map<string, { bytes: Buffer; mtimeMs: number }>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), { bytes: readFileSync(file), mtimeMs: statSync(file).mtimeMs });
  }
  return files;
}

interface BuildReport {
  articles: number;
  excluded: { slug: string; version: number; reason: string }[];
  written: string[];
  unchanged: number;
  removed: string[];
  feed_and_sitemap: boolean;
}

function reportOf(run: CliRun): BuildReport {
  if (run.code !== 0) throw new Error(`wikigen site failed (${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout) as BuildReport;
}

describe("wikigen site on a real store", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-site-", project: { kind: "prompts-only" } });
  let siteDir: string;
  let origin: string;
  let server: Server;
  const runs: Record<string, CliRun> = {};
  let before: Map<string, { bytes: Buffer; mtimeMs: number }>;
  let after: Map<string, { bytes: Buffer; mtimeMs: number }>;

  beforeAll(async () => {
    writeFileSync(path.join(harness.dir, "wikigen.config.yaml"), `${REPO_EXAMPLE_CONFIG}site:\n  title: ${WIKI_TITLE}\n`);
    const generated = await harness.wikigen(["generate", EXAMPLE_SPEC, "--offline"]);
    if (generated.code !== 0 && generated.code !== 3) throw new Error(`generate failed (${generated.code}): ${generated.stderr}`);
    let db = openExistingStore(harness.dbFile);
    seedRenderArticle(db);
    db.close();

    // render-demo v1 has three undecided flags: shown under --allow-undecided, then left out and its pages removed.
    const undecidedDir = path.join(harness.dir, "undecided-site");
    runs.allowUndecided = await harness.wikigen(["site", "--out", undecidedDir, "--allow-undecided", "--json"]);
    runs.allowUndecidedPage = { code: 0, stdout: readFileSync(path.join(undecidedDir, "articles", `${SEED_SLUG}.html`), "utf8"), stderr: "" };
    runs.leftOut = await harness.wikigen(["site", "--out", undecidedDir, "--json"]);
    runs.leftOutText = await harness.wikigen(["site", "--out", undecidedDir]);

    // Decided, then a second version: one sentence reworded, and a problem that names the example article.
    db = openExistingStore(harness.dbFile);
    decideAllSeedFlags(db);
    const version = seedRenderArticle(db);
    const v2 = db.prepare("SELECT id, spec_json FROM article_versions WHERE slug = ? AND version = ?").get(SEED_SLUG, version) as { id: number; spec_json: string };
    db.prepare("UPDATE claims SET text = ?, claim_key = 'reworded-in-v2' WHERE text = ? AND section_row_id IN (SELECT id FROM sections WHERE article_version_id = ?)").run(REWORDED_AFTER, REWORDED_BEFORE, v2.id);
    const spec = JSON.parse(v2.spec_json) as { metadata: { problems: string[] } };
    spec.metadata.problems.push("Communities of Practice");
    db.prepare("UPDATE article_versions SET spec_json = ? WHERE id = ?").run(JSON.stringify(spec), v2.id);
    db.close();

    siteDir = path.join(harness.dir, "public");
    mkdirSync(siteDir);
    ({ server, origin } = await serveFolder(siteDir));
    runs.first = await harness.wikigen(["site", "--out", siteDir, "--base-url", `${origin}/`, "--json"]);
    // Old mtimes on every file: a file the second build rewrites, even with the same bytes, shows it.
    for (const file of snapshotFolder(siteDir).keys()) utimesSync(path.join(siteDir, file), new Date("2001-01-01T00:00:00Z"), new Date("2001-01-01T00:00:00Z"));
    before = snapshotFolder(siteDir);
    runs.second = await harness.wikigen(["site", "--out", siteDir, "--base-url", `${origin}/`, "--json"]);
    after = snapshotFolder(siteDir);
  }, 180_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it("shows an article with undecided flags only under --allow-undecided, and otherwise leaves it out, says why and removes its pages", () => {
    const shown = reportOf(runs.allowUndecided as CliRun);
    expect(shown.articles).toBe(2);
    expect(shown.excluded).toEqual([]);
    expect(runs.allowUndecidedPage?.stdout).toContain("⚑ Flagged");
    expect(runs.allowUndecidedPage?.stdout).toContain("Published with 3 flagged sentences that no reviewer has decided on yet");
    const leftOut = reportOf(runs.leftOut as CliRun);
    expect(leftOut.articles).toBe(1);
    expect(leftOut.excluded).toEqual([{ slug: SEED_SLUG, version: 1, reason: expect.stringContaining("3 flagged claims without a review decision") }]);
    expect(leftOut.removed).toEqual(expect.arrayContaining([`articles/${SEED_SLUG}.html`, `history/${SEED_SLUG}.html`]));
    expect(existsSync(path.join(harness.dir, "undecided-site", "articles", `${SEED_SLUG}.html`))).toBe(false);
    expect(runs.leftOutText?.stdout).toContain(`left out: ${SEED_SLUG} v1: 3 flagged claims without a review decision`);
    expect(runs.leftOutText?.stdout).toContain("feed.xml and sitemap.xml: not written");
  });

  it("a second build writes nothing: every file keeps its bytes and its mtime", () => {
    const first = reportOf(runs.first as CliRun);
    expect(first.articles).toBe(2);
    expect(first.feed_and_sitemap).toBe(true);
    const second = reportOf(runs.second as CliRun);
    expect(second.written).toEqual([]);
    expect(second.removed).toEqual([]);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(after.size).toBeGreaterThan(30);
    expect([...after.keys()].some((file) => file.startsWith("pagefind/"))).toBe(true);
    for (const [file, now] of after) {
      const old = before.get(file);
      expect(now.mtimeMs, file).toBe(old?.mtimeMs);
      expect(now.bytes.equals(old?.bytes ?? Buffer.alloc(0)), file).toBe(true);
    }
  });

  // Generous timeouts: Chromium on a shared 2-CPU machine; no figure here is a timing.
  describe.skipIf(!hasChromium)("in headless Chromium", { timeout: 120_000 }, () => {
    let browser: Browser;
    const requests: string[] = [];

    async function open(url: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      const page = await context.newPage();
      page.on("request", (request) => requests.push(request.url()));
      const response = await page.goto(url);
      if (url.startsWith("http") && !url.includes("no-such-page")) expect(response?.status(), url).toBe(200);
      return page;
    }

    /** Every link on the page that stays in the site, resolved. */
    async function siteLinks(page: Page, selector = "a[href]"): Promise<string[]> {
      const base = await page.evaluate(() => (globalThis as unknown as { document: { baseURI: string } }).document.baseURI);
      const hrefs = (await page.locator(selector).evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""))).map((href) => new URL(href, base).href);
      return hrefs.filter((href) => href.startsWith(origin) || href.startsWith("file:"));
    }

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
    });

    it("home lists the articles grouped by type, under the configured wiki name", async () => {
      const page = await open(`${origin}/index.html`);
      expect(await page.locator(".wiki-name").textContent()).toBe(WIKI_TITLE);
      const groups = await page.locator(".type-group h2").allTextContents();
      expect(groups).toEqual(["Professional learning format", "Social learning theory"]);
      expect(await page.locator(".type-group").nth(1).locator(".article-link").textContent()).toContain("Communities of Practice");
      expect(await page.locator(".type-group").nth(0).locator(".article-link").textContent()).toBe("Peer Consultation Groups");
      expect(await findStructureProblems(page)).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, "home.png"), fullPage: true });
      if (!existsSync(path.join(REPO, "docs", "site-home.png")) || process.env.WIKIGEN_UPDATE_DOCS === "1") await page.screenshot({ path: path.join(REPO, "docs", "site-home.png") });
      await page.locator(".type-group").nth(0).locator(".article-link").click();
      expect(page.url()).toBe(`${origin}/articles/${SEED_SLUG}.html`);
    });

    it("a facet value's page lists every article with that value, and the facet index lists its values", async () => {
      const page = await open(`${origin}/facets/problems/professional-isolation.html`);
      expect(await page.locator("h1").textContent()).toBe("Problem: Professional isolation");
      expect((await page.locator(".article-link").allTextContents()).map((text) => text.slice(0, 20))).toEqual(["Communities of Pract", "Peer Consultation Gr"]);
      const index = await open(`${origin}/facets/key-figures/index.html`);
      const values = await index.locator(".facet-values a").allTextContents();
      expect(values).toEqual(expect.arrayContaining(["Jean Lave", "Etienne Wenger", "Etienne Wenger-Trayner"]));
      for (const link of await siteLinks(index, ".facet-values a")) expect((await index.request.get(link)).status(), link).toBe(200);
    });

    it("an article page has the wiki header, a breadcrumb of facet pages, facet links, a link to the article its problem names, and the published text", async () => {
      const page = await open(`${origin}/articles/${SEED_SLUG}.html`);
      expect(await page.locator("header .wiki-name").textContent()).toBe(WIKI_TITLE);
      expect(await page.locator(".breadcrumb li").allTextContents()).toEqual(["Home", "Professional learning format", "Clinical supervision"]);
      const crumbs = await siteLinks(page, ".breadcrumb a");
      expect(crumbs).toEqual([`${origin}/index.html`, `${origin}/facets/type/professional-learning-format.html`, `${origin}/facets/discipline/clinical-supervision.html`]);
      for (const link of [...crumbs, ...(await siteLinks(page, ".wiki-links a"))]) expect((await page.request.get(link)).status(), link).toBe(200);
      expect(await siteLinks(page, ".wiki-links a:not(.article-ref)")).toEqual(
        expect.arrayContaining([`${origin}/facets/populations/therapists.html`, `${origin}/facets/problems/professional-isolation.html`, `${origin}/facets/key-figures/etienne-wenger.html`]),
      );
      expect(await siteLinks(page, ".article-ref")).toEqual([`${origin}/articles/${EXAMPLE_SLUG}.html`]);
      // Published: the rejected sentence is gone, no flag is left, and markup in a claim stayed text.
      const text = await page.locator("main").textContent();
      expect(text).not.toContain(FLAGGED_NOT_SUPPORTED);
      expect(await page.locator("main .flag").count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(await page.locator("footer.provenance").textContent()).toContain("1 removed in review");
      expect(await findStructureProblems(page)).toEqual([]);

      const example = await open(`${origin}/articles/${EXAMPLE_SLUG}.html`);
      expect(await example.locator(".breadcrumb li").first().textContent()).toBe("Home");
      expect(await example.locator(".breadcrumb a").nth(1).textContent()).toBe("Social learning theory");
      expect(await example.locator("h1").textContent()).toContain("Communities of Practice");
      await example.screenshot({ path: path.join(SHOTS, "article.png"), fullPage: true });
      if (!existsSync(path.join(REPO, "docs", "site-article.png")) || process.env.WIKIGEN_UPDATE_DOCS === "1") await example.screenshot({ path: path.join(REPO, "docs", "site-article.png") });
    });

    it("the history page lists both versions with date, model and trigger, and what changed", async () => {
      const page = await open(`${origin}/history/${SEED_SLUG}.html`);
      const rows = page.locator("table.history tbody tr");
      expect(await rows.count()).toBe(2);
      expect(await rows.nth(0).locator("th").textContent()).toBe("v2");
      const cells = await rows.nth(0).locator("td").allTextContents();
      expect(cells.slice(0, 4)).toEqual(["2026-03-14 09:26", "claude-sonnet-5-5", "manual", "partial"]);
      expect(cells[5]).toContain("claims added, 0 removed, 1 reworded");
      expect(await rows.nth(1).locator("td").last().textContent()).toBe("First version.");
      expect(await page.locator(".claims-reworded").textContent()).toBe(`${REWORDED_BEFORE} → ${REWORDED_AFTER}`);
      expect(await findStructureProblems(page)).toEqual([]);
    });

    it("search finds an article by a word of its text, served over http", async () => {
      const page = await open(`${origin}/index.html`);
      await page.locator("#wiki-q").fill("peripheral");
      await page.locator(".wiki-search button").click();
      await page.waitForURL(/search\.html\?q=peripheral/);
      const result = page.locator(".pagefind-ui__result-link").first();
      await result.waitFor({ timeout: 15_000 });
      expect(await result.getAttribute("href")).toBe(`/articles/${EXAMPLE_SLUG}.html`);
      await page.locator(".pagefind-ui__search-input").fill("consultation");
      await expect.poll(async () => page.locator(".pagefind-ui__result-link").evaluateAll((links) => links.map((link) => link.getAttribute("href"))), { timeout: 15_000 }).toContain(`/articles/${SEED_SLUG}.html`);
    });

    it("the feed and the sitemap are well-formed XML with an entry per article and absolute URLs that resolve", async () => {
      const page = await open(`${origin}/index.html`);
      // Parsed by the browser's own XML parser (a string, so no DOM types are needed here).
      const parse = (url: string) =>
        page.evaluate(`(async () => {
          const doc = new DOMParser().parseFromString(await (await fetch(${JSON.stringify(url)})).text(), "application/xml");
          return {
            error: doc.getElementsByTagName("parsererror").length,
            root: doc.documentElement.namespaceURI + " " + doc.documentElement.localName,
            entries: [...doc.getElementsByTagName("entry")].map((entry) => ({
              title: entry.getElementsByTagName("title")[0]?.textContent ?? "",
              link: entry.getElementsByTagName("link")[0]?.getAttribute("href") ?? "",
            })),
            locs: [...doc.getElementsByTagName("loc")].map((loc) => loc.textContent ?? ""),
          };
        })()`) as Promise<{ error: number; root: string; entries: { title: string; link: string }[]; locs: string[] }>;
      const feed = await parse(`${origin}/feed.xml`);
      expect(feed.error).toBe(0);
      expect(feed.root).toBe("http://www.w3.org/2005/Atom feed");
      expect(feed.entries.map((entry) => entry.link).sort()).toEqual([`${origin}/articles/${EXAMPLE_SLUG}.html`, `${origin}/articles/${SEED_SLUG}.html`]);
      expect(feed.entries.find((entry) => entry.link.endsWith(`${SEED_SLUG}.html`))?.title).toBe("Peer Consultation Groups (updated to version 2)");
      const sitemap = await parse(`${origin}/sitemap.xml`);
      expect(sitemap.error).toBe(0);
      expect(sitemap.root).toBe("http://www.sitemaps.org/schemas/sitemap/0.9 urlset");
      expect(sitemap.locs).toEqual(expect.arrayContaining([`${origin}/`, `${origin}/articles/${SEED_SLUG}.html`, `${origin}/history/${EXAMPLE_SLUG}.html`, `${origin}/facets/problems/professional-isolation.html`]));
      for (const loc of sitemap.locs) expect((await page.request.get(loc)).status(), loc).toBe(200);
    });

    it("a missing page gets the 404 page, whose links resolve from the site root", async () => {
      const page = await open(`${origin}/facets/no-such-page/deeper/x.html`);
      expect(await page.locator("h1").textContent()).toBe("Page not found");
      expect(await siteLinks(page, "main a")).toEqual([`${origin}/index.html`, `${origin}/search.html`]);
    });

    it("works from file://: links resolve to files, and search says it needs http because Pagefind cannot load there", async () => {
      const home = pathToFileURL(path.join(siteDir, "index.html")).href;
      const page = await open(home);
      await page.locator(".wiki-nav a", { hasText: "Problems" }).click();
      expect(page.url()).toBe(pathToFileURL(path.join(siteDir, "facets", "problems", "index.html")).href);
      await page.locator(".facet-values a", { hasText: "Professional isolation" }).click();
      await page.locator(".article-link", { hasText: "Peer Consultation" }).click();
      expect(await page.locator("h1").first().textContent()).toBe("Peer Consultation Groups");
      for (const link of await siteLinks(page)) expect(existsSync(fileURLToPath(link.split("#")[0] as string)), link).toBe(true);
      await page.locator("#wiki-q").fill("peripheral");
      await page.locator(".wiki-search button").click();
      expect(await page.locator("#search-note").textContent()).toContain("Search needs the site served over http(s)");
      // The reason: Pagefind's loader module cannot be imported from a file:// page.
      // (A string, so the test runner's transform leaves this import() alone.)
      const loads = await page.evaluate(`import("./pagefind/pagefind.js").then(() => "loaded", (error) => "refused: " + String(error))`);
      expect(loads).toMatch(/^refused/);
    });

    // Last in the block: the request log of every page opened above, Pagefind's own loads included.
    it("no page made a request to another origin", () => {
      expect(requests.some((url) => url.startsWith(`${origin}/pagefind/`))).toBe(true);
      expect(requests.some((url) => url.startsWith("file://"))).toBe(true);
      const foreign = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith("file://"));
      expect(foreign).toEqual([]);
    });
  });
});

describe("wikigen site refuses bad input with exit 1", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-site-bad-", project: { kind: "prompts-only" } });

  it("an --out that is a file, a folder of other files, a bad base URL and a missing store", async () => {
    writeFileSync(path.join(harness.dir, "notes.txt"), "mine");
    mkdirSync(path.join(harness.dir, "mine"));
    writeFileSync(path.join(harness.dir, "mine", "keep.html"), "mine");
    const db = new Database(path.join(harness.dir, "runs.db"));
    db.close();
    const cases: [string[], string][] = [
      [["site", "--out", "notes.txt"], "--out notes.txt: "],
      [["site", "--out", "mine"], "holds files that wikigen site did not write"],
      [["site", "--base-url", "wiki.example.org"], '--base-url: "wiki.example.org" is not an absolute URL'],
      [["site", "--base-url", "ftp://wiki.example.org/"], "is not an http(s) URL"],
      [["site", "--db", "missing.db"], "no store at missing.db"],
    ];
    for (const [args, message] of cases) {
      const run = await harness.wikigen(args);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stderr, args.join(" ")).toContain(message);
    }
    expect(readFileSync(path.join(harness.dir, "mine", "keep.html"), "utf8")).toBe("mine");
    expect(readdirSync(path.join(harness.dir, "mine"))).toEqual(["keep.html"]);
  });
});
