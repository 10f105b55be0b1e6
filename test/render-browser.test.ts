import Database from "better-sqlite3";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../src/store/open-store.ts";
import { REPO_EXAMPLE_CONFIG } from "./helpers/article-fixture.ts";
import { findStructureProblems, hasChromium, launchChromium } from "./helpers/browser.ts";
import { runWikigen } from "./helpers/run-cli.ts";
import { SCRIPT_CLAIM, SEED_FIGURE, SEED_MODEL_REPORTED, SEED_SLUG, SEED_TEMPLATE_NOTE, seedRenderArticle } from "./fixtures/render/seed-article.ts";

// index.html in real headless Chromium: the offline example article as `generate` writes it, and the
// seeded article (table, LLM tags, example box, flags, markup in a claim) as `render` writes it.
// Screenshots go to test-output/render/; docs/article-page.png is refreshed when missing or when
// WIKIGEN_UPDATE_DOCS=1, so ordinary runs do not rewrite a committed file.

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHOTS = path.join(REPO, "test-output", "render");
const EXAMPLE_SLUG = "communities-of-practice";

if (!hasChromium) console.warn("test/render-browser.test.ts: skipped, /usr/bin/chromium is not installed (apt-get install chromium)");

interface StoredFacts {
  claims: number;
  sourceClaims: number;
  modelReported: string;
  finishedAt: string;
  firstQuote: { claimId: number; source: number; quote: string };
  sectionTitles: string[];
}

function readFacts(dbFile: string, slug: string): StoredFacts {
  const db = new Database(dbFile, { readonly: true });
  try {
    const version = db.prepare("SELECT id, model_reported, finished_at FROM article_versions WHERE slug = ? ORDER BY version DESC LIMIT 1").get(slug) as { id: number; model_reported: string; finished_at: string };
    const count = (basis: string | null): number =>
      (db.prepare(`SELECT COUNT(*) AS n FROM claims c JOIN sections s ON s.id = c.section_row_id WHERE s.article_version_id = ? AND (? IS NULL OR c.basis = ?)`).get(version.id, basis, basis) as { n: number }).n;
    const firstQuote = db
      .prepare(`SELECT ci.claim_id AS claimId, ci.source_number AS source, ci.quote FROM citations ci JOIN claims c ON c.id = ci.claim_id JOIN sections s ON s.id = c.section_row_id WHERE s.article_version_id = ? ORDER BY s.position, c.block_index, c.claim_index LIMIT 1`)
      .get(version.id) as StoredFacts["firstQuote"];
    const sectionTitles = (db.prepare("SELECT title FROM sections WHERE article_version_id = ? ORDER BY position").all(version.id) as { title: string }[]).map((row) => row.title);
    return { claims: count(null), sourceClaims: count("source"), modelReported: version.model_reported, finishedAt: version.finished_at, firstQuote, sectionTitles };
  } finally {
    db.close();
  }
}

describe.skipIf(!hasChromium)("index.html in headless Chromium", () => {
  let browser: Browser;
  let example: { url: string; facts: StoredFacts };
  let seeded: { url: string; facts: StoredFacts };
  const requests: string[] = [];

  async function open(url: string, options: { width?: number; javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1100, height: 900 }, javaScriptEnabled: options.javaScriptEnabled ?? true });
    const page = await context.newPage();
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(url);
    return page;
  }

  beforeAll(async () => {
    const exampleDir = mkdtempSync(path.join(tmpdir(), "wikigen-browser-"));
    writeFileSync(path.join(exampleDir, "wikigen.config.yaml"), REPO_EXAMPLE_CONFIG);
    const generated = await runWikigen(["generate", path.join(REPO, "articles", `${EXAMPLE_SLUG}.yaml`), "--offline"], { cwd: exampleDir, env: {} });
    if (generated.code !== 0 && generated.code !== 3) throw new Error(`generate failed (${generated.code}): ${generated.stderr}`);
    example = { url: pathToFileURL(path.join(exampleDir, "output", EXAMPLE_SLUG, "index.html")).href, facts: readFacts(path.join(exampleDir, "runs.db"), EXAMPLE_SLUG) };

    const seedDir = mkdtempSync(path.join(tmpdir(), "wikigen-browser-seed-"));
    const db = openStore(path.join(seedDir, "runs.db"));
    seedRenderArticle(db);
    db.close();
    const rendered = await runWikigen(["render", SEED_SLUG], { cwd: seedDir });
    if (rendered.code !== 0) throw new Error(`render failed (${rendered.code}): ${rendered.stderr}`);
    seeded = { url: pathToFileURL(path.join(seedDir, "output", SEED_SLUG, "index.html")).href, facts: readFacts(path.join(seedDir, "runs.db"), SEED_SLUG) };

    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("renders the example article: title, every stored section in order, placeholders, every claim, and no network", async () => {
    const page = await open(example.url);
    expect(await page.locator("h1").textContent()).toBe("Communities of Practice: A Clinician's Guide to Situated Professional Learning");
    const headings = await page.locator("article h2").allTextContents();
    expect(headings.filter((heading) => example.facts.sectionTitles.includes(heading))).toEqual(example.facts.sectionTitles);
    expect(await page.locator("#section-smart-objectives .placeholder").textContent()).toMatch(/^Not drafted offline: the extractive provider does not write table_row blocks/);
    expect(await page.locator("#section-reflective-questions .placeholder").isVisible()).toBe(true);
    expect(await page.locator(".claim").count()).toBe(example.facts.claims);
    expect(await page.locator(".banner").textContent()).toContain("Generated by a language model — verify before clinical use");
    expect(await page.locator(".infobox dt").allTextContents()).toEqual(["Type", "Subtype", "Discipline", "Evidence status", "Populations", "Problems", "Key figures", "Watch", "Read time"]);
    expect(requests.filter((url) => url !== example.url)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "example-page.png"), fullPage: true });
    const docsShot = path.join(REPO, "docs", "article-page.png");
    if (!existsSync(docsShot) || process.env.WIKIGEN_UPDATE_DOCS === "1") await page.screenshot({ path: docsShot, fullPage: true });
    await page.context().close();
  });

  it("shows the rest of the reference page: breadcrumb, Watch, Resources, the concept figure and the template's framing note", async () => {
    const page = await open(example.url);
    const breadcrumb = page.getByRole("navigation", { name: "Breadcrumb: type, discipline and subtype" });
    expect(await breadcrumb.locator("li[data-facet]").allTextContents()).toEqual([
      "Social learning theory",
      "Education and learning sciences",
      "Professional development and knowledge-sharing framework",
    ]);
    expect(await breadcrumb.locator("a").count()).toBe(0);

    const watch = page.locator(".infobox dd .watch a");
    expect(await watch.textContent()).toBe("Etienne Wenger-Trayner on communities of practice (video search)");
    expect(await watch.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await watch.getAttribute("href")).toMatch(/^https:\/\/www\.youtube\.com\//);
    expect(await page.locator(".infobox dd .watch .link-host").textContent()).toBe("(youtube.com)");

    const resources = page.locator("section#resources");
    expect(await resources.locator("h2").textContent()).toBe("Resources");
    expect(await page.locator(".toc a[href='#resources']").count()).toBe(1);
    expect(await resources.locator("li .link-host").allTextContents()).toEqual(["(wenger-trayner.com)", "(doi.org)", "(doi.org)", "(youtube.com)"]);
    for (const link of await resources.locator("li a").all()) {
      expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
      expect(await link.getAttribute("href")).toMatch(/^https:\/\//);
    }
    // Resources follow Key Terms, as on the reference page.
    expect(await page.locator("#section-key-terms + section#resources").count()).toBe(1);

    const figure = page.locator("#section-core-principles figure.concept-figure");
    const svg = figure.locator("svg[role=img]");
    const alt = "Diagram: Communities of Practice at the centre, linked to Domain, Community and Shared practice.";
    expect(await svg.isVisible()).toBe(true);
    expect(await svg.getAttribute("aria-label")).toBe(alt);
    expect(await svg.locator("title").textContent()).toBe(alt);
    expect(await svg.locator(".figure-item").count()).toBe(3);
    const box = await svg.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.width).toBeLessThanOrEqual(660);
    // Built offline: tagged as such, not as LLM (no model was called for this page).
    expect(await figure.locator("figcaption .tag").textContent()).toBe("offline");
    expect(await figure.locator("figcaption").textContent()).toContain("not checked as a claim");

    const note = page.locator("#section-smart-objectives .template-note");
    expect(await note.textContent()).toMatch(/^Objectives are examples to adapt with each client.*template text$/);
    expect(requests.filter((url) => url !== example.url)).toEqual([]);
    await figure.screenshot({ path: path.join(SHOTS, "example-figure.png") });
    const docsFigure = path.join(REPO, "docs", "article-figure.png");
    if (!existsSync(docsFigure) || process.env.WIKIGEN_UPDATE_DOCS === "1") await figure.screenshot({ path: docsFigure });
    await page.context().close();

    const seededPage = await open(seeded.url);
    const seededFigure = seededPage.locator("#section-core-principles figure.concept-figure");
    expect(await seededFigure.locator("figcaption .tag").textContent()).toBe("LLM");
    expect(await seededFigure.locator("svg").getAttribute("aria-label")).toBe(`Diagram: ${SEED_FIGURE.center} at the centre, linked to Domain & scope, Community, Practice and <script>alert(1)</script>.`);
    expect(await seededFigure.locator("svg text").allTextContents()).toContain("<script>alert(1)</script>");
    expect(await seededPage.locator("svg script, svg foreignObject").count()).toBe(0);
    expect(await seededPage.locator(".infobox .watch a").textContent()).toBe("Peer groups <i>explained</i>");
    expect(await seededPage.locator("#section-smart-objectives .template-note").textContent()).toBe(`${SEED_TEMPLATE_NOTE} template text`);
    await seededFigure.screenshot({ path: path.join(SHOTS, "seeded-figure.png") });
    await seededPage.context().close();
  });

  it("gives every claim element exactly one marker, matching its basis", async () => {
    for (const [target, facts] of [[example.url, example.facts], [seeded.url, seeded.facts]] as const) {
      const page = await open(target);
      expect(await page.locator(".claim").count()).toBe(facts.claims);
      expect(await page.locator(".claim:not(:has(> .marker))").count()).toBe(0);
      expect(await page.locator(".claim:has(> .marker ~ .marker)").count()).toBe(0);
      expect(await page.locator(".claim[data-basis=source] > .marker-source").count()).toBe(facts.sourceClaims);
      expect(await page.locator(".claim[data-basis=llm] > .marker:not(.tag-llm), .claim[data-basis=example] > .marker:not(.tag-example)").count()).toBe(0);
      await page.context().close();
    }
    const page = await open(seeded.url);
    expect(await page.locator(".claim[data-basis=llm] > .marker").first().textContent()).toBe("LLM");
    expect(await page.locator("figure.example figcaption").textContent()).toBe("Illustrative example — written by the model, not a clinical guideline");
    expect(await page.locator("figure.example .claim").count()).toBe(2);
    await page.context().close();
  });

  it("links every superscript number to an existing source entry, and shows the quote on hover and focus without scripts", async () => {
    const page = await open(example.url, { javaScriptEnabled: false });
    const hrefs = await Promise.all((await page.locator(".marker-source a").all()).map((link) => link.getAttribute("href")));
    expect(hrefs.length).toBeGreaterThanOrEqual(example.facts.sourceClaims);
    for (const href of new Set(hrefs)) {
      expect(href).toMatch(/^#source-\d+$/);
      expect(await page.locator(`ol.sources > li${href ?? ""}`).count()).toBe(1);
    }
    const { claimId, source, quote } = example.facts.firstQuote;
    const cite = page.locator(`#claim-${claimId} .cite`).filter({ has: page.locator(`a[href="#source-${source}"]`) });
    const tooltip = cite.locator(".quote");
    expect(await tooltip.isVisible()).toBe(false);
    await cite.locator("a").hover();
    expect(await tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toContain(quote);
    await page.mouse.move(0, 0);
    expect(await tooltip.isVisible()).toBe(false);
    await cite.locator("a").focus();
    expect(await tooltip.isVisible()).toBe(true);
    await cite.locator("a").click();
    expect(new URL(page.url()).hash).toBe(`#source-${source}`);
    expect(await page.locator(`li#source-${source}`).isVisible()).toBe(true);
    await page.context().close();
  });

  it("gives the SMART table column header cells with scope", async () => {
    const page = await open(seeded.url);
    const table = page.getByRole("table");
    expect(await table.locator("thead th[scope=col]").allTextContents()).toEqual(["Goal", "Objective", "Mechanism"]);
    expect(await page.getByRole("columnheader").count()).toBe(3);
    expect(await table.locator("tbody tr").count()).toBe(2);
    expect(await table.locator("tbody tr:first-child td").allTextContents()).toEqual([
      "Reduce professional isolation.LLM",
      "Within three months, attend six peer consultation meetings.LLM",
      expect.stringMatching(/^Regular case discussion with colleagues\.2/),
    ]);
    await page.context().close();
  });

  it("shows markup from claims, quotes and source titles as text and never runs it", async () => {
    const page = await open(seeded.url);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    const claim = page.locator(".claim", { hasText: "<script>window.__pwned=1</script>" });
    expect(await claim.isVisible()).toBe(true);
    expect(await claim.textContent()).toBe(`${SCRIPT_CLAIM}LLM`);
    expect(await page.locator("body script, img").count()).toBe(0);
    expect(await page.locator("#source-2 a").textContent()).toBe('Peer consultation <b>handout</b> & "notes"');
    expect(await page.locator("#source-3 a").count()).toBe(0);
    await page.context().close();
  });

  it("shows flags in words, and the model and date from the store in the footer", async () => {
    const page = await open(seeded.url);
    const flags = await page.locator(".flag").allTextContents();
    expect(flags).toHaveLength(3);
    expect(flags.every((flag) => flag.startsWith("⚑ Flagged: "))).toBe(true);
    const footer = page.getByRole("contentinfo");
    expect(await footer.textContent()).toContain(`Model${SEED_MODEL_REPORTED} (as reported by the API`);
    expect(await footer.locator("time").getAttribute("datetime")).toBe(seeded.facts.finishedAt);
    expect(await footer.locator("time").textContent()).toBe("2026-03-14 09:26 UTC");
    await page.context().close();

    const examplePage = await open(example.url);
    const exampleFooter = examplePage.getByRole("contentinfo");
    expect(await exampleFooter.textContent()).toContain(example.facts.modelReported);
    expect(await exampleFooter.locator("time").getAttribute("datetime")).toBe(example.facts.finishedAt);
    expect(await exampleFooter.locator("time").textContent()).toBe(`${example.facts.finishedAt.slice(0, 10)} ${example.facts.finishedAt.slice(11, 16)} UTC`);
    expect(await exampleFooter.textContent()).toMatch(/Read time\d+ min \(\d+ words at 200 words per minute\)/);
    await examplePage.context().close();
  });

  it("passes the structural accessibility checks", async () => {
    for (const target of [example.url, seeded.url]) {
      const page = await open(target);
      expect(await findStructureProblems(page)).toEqual([]);
      await page.context().close();
    }
  });

  it("has a structural checker that finds each kind of problem it claims to", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent(
      `<html><head><title>t</title></head><body><p>stray</p><main><h2>First</h2><h4>Deep</h4><a href="#x"></a><img src="data:,">` +
        `<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>` +
        `<span id="d"></span><span id="d" aria-describedby="gone"></span></main></body></html>`,
    );
    expect(await findStructureProblems(page)).toEqual([
      "expected one banner landmark, found 0",
      "expected one contentinfo landmark, found 0",
      'content outside landmarks: paragraph ""',
      "expected exactly one h1",
      "the first heading is not an h1",
      'heading "Deep" skips from h2 to h4',
      "a link has no accessible name (depth 1)",
      "an image has no alt attribute",
      "a table header cell has no scope",
      "a table has no column header cells",
      "a table row has 2 cells for 0 column headers",
      "the page has no lang attribute",
      'duplicate id "d"',
      'aria reference to missing id "gone"',
    ]);
    await context.close();
  });

  it("prints without the hover-only parts and without horizontal overflow", async () => {
    const page = await open(seeded.url, { width: 794 });
    await page.emulateMedia({ media: "print" });
    await page.locator(".cite a").first().focus();
    expect(await page.locator(".quote").first().isVisible()).toBe(false);
    expect(await page.locator(".toc").isVisible()).toBe(false);
    expect(await page.locator(".banner").isVisible()).toBe(true);
    expect(await page.locator(".flag").first().isVisible()).toBe(true);
    expect(await page.locator(".claim:visible").count()).toBe(seeded.facts.claims);
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    const pdf = path.join(SHOTS, "seeded-page.pdf");
    await page.pdf({ path: pdf, format: "A4" });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    await page.screenshot({ path: path.join(SHOTS, "seeded-page-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });
    await page.screenshot({ path: path.join(SHOTS, "seeded-page.png"), fullPage: true });
    await page.context().close();
  });
});
