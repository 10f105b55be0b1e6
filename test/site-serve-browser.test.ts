import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openServeServer } from "../src/cli/commands/serve.ts";
import { REPO_EXAMPLE_CONFIG } from "./helpers/article-fixture.ts";
import { findStructureProblems, hasChromium, launchChromium } from "./helpers/browser.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";

// `wikigen site` then `wikigen serve --site output/site`: the wiki built from a real store (the
// offline example article), served by the reader server and opened in headless Chromium. The site's
// own stylesheet and Pagefind search work under serve's CSP (no violation, no console error), an
// article page shows one breadcrumb and the "Suggest a revision" form with the article's sections,
// other pages have no form, a missing page gets the site's 404 page, and a suggestion sent through
// the form is stored (a refused one comes back on the same site page, filled in as sent).

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SLUG = "communities-of-practice";
const SPEC = path.join(REPO, "articles", `${SLUG}.yaml`);
const WIKI_TITLE = "Served Clinical Wiki";
const ARTICLE_PATH = `articles/${SLUG}.html`;
const SHOTS = path.join(REPO, "test-output", "site-serve");

/** A computed style property of the element (the page's DOM, typed here without the DOM library). */
function styleOf(locator: Locator, property: string): Promise<string> {
  return locator.evaluate((element, name) => (globalThis as unknown as { getComputedStyle(target: unknown): Record<string, string> }).getComputedStyle(element)[name] ?? "", property);
}

if (!hasChromium) console.warn("test/site-serve-browser.test.ts: skipped, /usr/bin/chromium is not installed (apt-get install chromium)");

/** Listens in every page for CSP violations (the DOM event), before any of the page's scripts run. */
const WATCH_CSP = `document.addEventListener("securitypolicyviolation", (event) => {
  console.error("CSP violation: " + event.violatedDirective + " blocked " + event.blockedURI);
});`;

describe.skipIf(!hasChromium)("wikigen site served by wikigen serve --site (headless Chromium)", { timeout: 120_000 }, () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-site-serve-", project: { kind: "prompts-only" } });
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let stderr = "";
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const failedLoads: string[] = [];
  const workers: string[] = [];

  beforeAll(async () => {
    writeFileSync(path.join(harness.dir, "wikigen.config.yaml"), `${REPO_EXAMPLE_CONFIG}site:\n  title: ${WIKI_TITLE}\n`);
    const generated = await harness.wikigen(["generate", SPEC, "--offline"]);
    if (generated.code !== 0 && generated.code !== 3) throw new Error(`generate failed (${generated.code}): ${generated.stderr}`);
    const site = await harness.wikigen(["site"]);
    if (site.code !== 0) throw new Error(`wikigen site failed (${site.code}): ${site.stderr}`);
    const serve = harness.adopt(
      await openServeServer({ values: { port: "0", site: "output/site", "no-draft": true }, io: { stdout: () => undefined, stderr: (text) => void (stderr += text), env: {}, cwd: harness.dir, isStderrTty: false } }),
    );
    base = serve.server.url;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await context.addInitScript(WATCH_CSP);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(pathname: string, status = 200): Promise<Page> {
    const page = await context.newPage();
    const documentUrl = new URL(pathname, base).href;
    page.on("console", (message) => {
      // Chromium logs a page answered with an error status (the 404 page, a refused post's 422) as a failed load.
      const isDocumentStatus = message.location().url === page.url() && /^Failed to load resource: the server responded with a status of (404|422) /.test(message.text());
      if ((message.type() === "error" || message.type() === "warning") && !isDocumentStatus) consoleErrors.push(`${pathname}: ${message.text()} (${message.location().url})`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400 && !(response.request().isNavigationRequest() && [documentUrl, new URL("suggest", base).href].includes(response.url()))) failedLoads.push(`${response.status()} ${response.url()}`);
    });
    page.on("pageerror", (error) => consoleErrors.push(`${pathname}: ${error.message}`));
    page.on("request", (request) => {
      if (!request.url().startsWith(base)) foreignRequests.push(request.url());
    });
    page.on("worker", (worker) => workers.push(worker.url()));
    const response = await page.goto(new URL(pathname, base).href);
    expect(response?.status(), pathname).toBe(status);
    return page;
  }

  function storedSections(): { id: string; title: string }[] {
    const db = harness.openDb();
    try {
      return db
        .prepare(
          `SELECT s.section_id AS id, s.title FROM sections s JOIN article_versions v ON v.id = s.article_version_id
           WHERE v.slug = ? AND v.version = (SELECT MAX(version) FROM article_versions WHERE slug = ?) ORDER BY s.position`,
        )
        .all(SLUG, SLUG) as { id: string; title: string }[];
    } finally {
      db.close();
    }
  }

  it("an article page has the site's stylesheet, one breadcrumb, and the form with the article's sections inside <main>", async () => {
    const page = await open(ARTICLE_PATH);
    const csp = (await page.request.get(new URL(ARTICLE_PATH, base).href)).headers()["content-security-policy"];
    expect(csp).toContain("default-src 'none'");
    // assets/site.css applied: the header's border and the wiki name's serif face come only from it.
    expect(await styleOf(page.locator("header.wiki-header"), "borderBottomStyle")).toBe("solid");
    expect(await styleOf(page.locator(".wiki-header-inner"), "display")).toBe("flex");
    expect(await styleOf(page.locator(".wiki-name"), "fontFamily")).toContain("Georgia");
    expect(await page.locator(".wiki-name").textContent()).toBe(WIKI_TITLE);
    expect(await page.locator('nav[aria-label="Breadcrumb"], .breadcrumb').count()).toBe(1);
    expect((await page.locator(".breadcrumb li").allTextContents())[0]).toBe("Home");

    const form = page.locator("main #suggest-a-revision");
    expect(await form.count()).toBe(1);
    expect(await form.isVisible()).toBe(true);
    expect(await page.locator("#h-suggest").textContent()).toBe("Suggest a revision");
    const sections = storedSections();
    expect(sections.length).toBeGreaterThan(3);
    const options = await page.locator("#suggest-section option").evaluateAll((items) => items.map((item) => ({ id: item.getAttribute("value"), title: item.textContent })));
    expect(options).toEqual(sections);
    // The form sits in the article's column: as wide as the article text at most, never past it.
    const [formBox, mainBox] = [await form.boundingBox(), await page.locator("main").boundingBox()];
    expect(formBox && mainBox && formBox.x >= mainBox.x && formBox.x + formBox.width <= mainBox.x + mainBox.width + 1).toBe(true);
    expect(await findStructureProblems(page)).toEqual([]);
    mkdirSync(SHOTS, { recursive: true });
    await form.screenshot({ path: path.join(SHOTS, "article-form.png") });
    await page.screenshot({ path: path.join(SHOTS, "article.png"), fullPage: true });
  });

  it("search works through serve: the header's search finds the article by a word of its text", async () => {
    const page = await open(ARTICLE_PATH);
    await page.locator("#wiki-q").fill("peripheral");
    await page.locator(".wiki-search button").click();
    await page.waitForURL(/search\.html\?q=peripheral/);
    const result = page.locator(".pagefind-ui__result-link").first();
    await result.waitFor({ timeout: 20_000 });
    expect(await result.getAttribute("href")).toBe(`/${ARTICLE_PATH}`);
    expect(await result.textContent()).toContain("Communities of Practice");
    expect(await page.locator("#suggest-a-revision").count()).toBe(0);
    // Pagefind searches in its Web Worker; were the worker refused it would fall back to WebAssembly
    // in the page, which the page's CSP allows too ('wasm-unsafe-eval').
    expect(workers).toContain(new URL("pagefind/pagefind-worker.js", base).href);
    const compiled = await page.evaluate(`WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => "compiled", (error) => "refused: " + String(error))`);
    expect(compiled).toBe("compiled");
  });

  it("the home, facet, history and search pages have no form", async () => {
    for (const pathname of ["", "index.html", "facets/type/index.html", "facets/problems/index.html", `history/${SLUG}.html`, "search.html"]) {
      const page = await open(pathname);
      expect(await page.locator(".wiki-name").textContent(), pathname).toBe(WIKI_TITLE);
      expect(await page.locator("#suggest-a-revision, form[action='/suggest']").count(), pathname).toBe(0);
      await page.close();
    }
    const home = await open("index.html");
    await home.locator(".article-link", { hasText: "Communities of Practice" }).click();
    expect(home.url()).toBe(new URL(ARTICLE_PATH, base).href);
    expect(await home.locator("#suggest-a-revision").count()).toBe(1);
  });

  it("a missing page gets the site's 404 page (status 404) whose links lead to served pages", async () => {
    const page = await open("facets/no-such-page/deeper/x.html", 404);
    expect(await page.locator("h1").textContent()).toBe("Page not found");
    const links = await page.locator("main a").evaluateAll((anchors) => anchors.map((anchor) => (anchor as unknown as { href: string }).href));
    expect(links).toEqual([new URL("index.html", base).href, new URL("search.html", base).href]);
    for (const link of links) expect((await page.request.get(link)).status(), link).toBe(200);
    expect(await page.locator("#suggest-a-revision").count()).toBe(0);
  });

  it("a refused suggestion comes back on the site's article page filled in; a good one is stored and credited nowhere yet", async () => {
    const page = await open(ARTICLE_PATH);
    const section = storedSections()[1] as { id: string; title: string };
    await page.selectOption("#suggest-section", section.id);
    await page.fill("#suggest-change", "My client Jane, phone (555) 123-4567, found the community of practice helpful.");
    await page.fill("#suggest-sources", "https://example.org/cop-guide");
    await page.fill("#suggest-email", "reader@example.org");
    await page.check('input[name="credit"][value="anonymous"]');
    await Promise.all([page.waitForURL(/\/suggest$/), page.click(".suggest button[type=submit]")]);
    expect(await page.locator(".suggest .refusal").textContent()).toMatch(/Not stored: change: the text contains[^]*phone/i);
    // The same site page as before: its stylesheet, one breadcrumb, and what was typed.
    expect(await styleOf(page.locator("header.wiki-header"), "borderBottomStyle")).toBe("solid");
    expect(await page.locator(".breadcrumb").count()).toBe(1);
    expect(await page.locator("#suggest-section").inputValue()).toBe(section.id);
    expect(await page.locator("#suggest-sources").inputValue()).toBe("https://example.org/cop-guide");

    const change = "Add that newcomers move from peripheral to full participation through shared practice.";
    await page.fill("#suggest-change", change);
    await Promise.all([page.waitForURL(/\/suggest$/), page.click(".suggest button[type=submit]")]);
    expect(await page.locator("h1").textContent()).toBe("Thank you");
    expect(await page.locator("main").textContent()).toContain("Suggestion #1 was received");
    const db = harness.openDb();
    try {
      expect(db.prepare(`SELECT channel, article_slug, section_id, change_text, source_urls, email, credit, status FROM suggestions`).all()).toEqual([
        { channel: "form", article_slug: SLUG, section_id: section.id, change_text: change, source_urls: JSON.stringify(["https://example.org/cop-guide"]), email: "reader@example.org", credit: "anonymous", status: "received" },
      ]);
    } finally {
      db.close();
    }
    expect(stderr).toContain(`suggestion #1 received for ${SLUG} / ${section.id}`);

    // Back to the article: the site's page (not a path serve made up), crediting nobody yet.
    await page.locator("a", { hasText: "Back to the article" }).click();
    expect(page.url()).toBe(new URL(ARTICLE_PATH, base).href);
    expect(await page.locator("#suggest-a-revision").count()).toBe(1);
    expect(await page.locator(".reader-credit").count()).toBe(0);
    expect(await page.content()).not.toContain("reader@example.org");
  });

  // Last: what every page above logged and loaded.
  it("no page logged a console error or CSP violation, or loaded anything from another origin", () => {
    expect(consoleErrors.join("\n")).toBe("");
    expect(failedLoads.join("\n")).toBe("");
    expect(foreignRequests).toEqual([]);
  });
});
