import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_EXAMPLE_CONFIG } from "./helpers/article-fixture.ts";
import { hasChromium, launchChromium } from "./helpers/browser.ts";
import { runWikigen } from "./helpers/run-cli.ts";

// The four example articles (one per template), generated offline in one run, each page opened in
// headless Chromium: the breadcrumb (type › discipline › subtype), the Watch entry and the Resources
// section (title and host), the concept figure as inline SVG with its alt text and its tag, and no
// request leaving the page's own file. Offline figures are tagged "offline" (no model drew them);
// the "LLM" tag of a model's figure is covered by test/render-browser.test.ts and
// test/generate-page-parts.test.ts. Screenshots (each page's top down to the end of its metadata
// box, and its figure) go to test-output/examples/; docs/example-<slug>.png and
// docs/example-<slug>-figure.png are refreshed when missing or when WIKIGEN_UPDATE_DOCS=1.

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHOTS = path.join(REPO, "test-output", "examples");

interface ExpectedPage {
  slug: string;
  breadcrumb: [string, string, string];
  watch: { title: string; host: string };
  resources: { title: string; host: string }[];
  figureSection: string;
  hub: string;
}

const EXAMPLES: ExpectedPage[] = [
  {
    slug: "behavioural-activation",
    breadcrumb: ["Psychotherapy", "Clinical psychology", "Behavioural therapy for depression"],
    watch: { title: "Behavioural activation for depression explained (video search)", host: "youtube.com" },
    resources: [
      { title: "NICE guideline NG222: Depression in adults: treatment and management", host: "nice.org.uk" },
      { title: "APA Clinical Practice Guideline for the Treatment of Depression Across Three Age Cohorts", host: "apa.org" },
      { title: "Richards et al. (2016): Cost and Outcome of Behavioural Activation versus Cognitive Behavioural Therapy for Depression (COBRA)", host: "doi.org" },
      { title: "Behavioural activation for depression explained (video search)", host: "youtube.com" },
    ],
    figureSection: "how-it-works",
    hub: "Behavioural Activation for Depression",
  },
  {
    slug: "communities-of-practice",
    breadcrumb: ["Social learning theory", "Education and learning sciences", "Professional development and knowledge-sharing framework"],
    watch: { title: "Etienne Wenger-Trayner on communities of practice (video search)", host: "youtube.com" },
    resources: [
      { title: "Introduction to communities of practice: a brief overview of the concept and its uses", host: "wenger-trayner.com" },
      { title: "Li et al. (2009): Evolution of Wenger's concept of community of practice", host: "doi.org" },
      { title: "Ranmuthugala et al. (2011): How and why are communities of practice established in the healthcare sector? A systematic review", host: "doi.org" },
      { title: "Etienne Wenger-Trayner on communities of practice (video search)", host: "youtube.com" },
    ],
    figureSection: "core-principles",
    hub: "Communities of Practice",
  },
  {
    slug: "insomnia-in-adults",
    breadcrumb: ["Clinical problem", "Sleep medicine", "Sleep-wake disorder"],
    watch: { title: "Cognitive behavioural therapy for insomnia (CBT-I) explained (video search)", host: "youtube.com" },
    resources: [
      { title: "NICE Clinical Knowledge Summary: Insomnia", host: "cks.nice.org.uk" },
      { title: "NHLBI (NIH): Insomnia: causes, diagnosis and treatment", host: "nhlbi.nih.gov" },
      { title: "Riemann et al. (2017): European guideline for the diagnosis and treatment of insomnia", host: "doi.org" },
      { title: "Cognitive behavioural therapy for insomnia (CBT-I) explained (video search)", host: "youtube.com" },
    ],
    figureSection: "formulation",
    hub: "Insomnia in Adults",
  },
  {
    slug: "phq-9",
    breadcrumb: ["Assessment instrument", "Primary care", "Self-report depression questionnaire"],
    watch: { title: "Administering and scoring the PHQ-9 (video search)", host: "youtube.com" },
    resources: [
      { title: "Patient Health Questionnaire (PHQ) Screeners: the official site, with the PHQ-9 and its translations", host: "phqscreeners.com" },
      { title: "Kroenke, Spitzer and Williams (2001): The PHQ-9: validity of a brief depression severity measure", host: "doi.org" },
      { title: "Levis, Benedetti and Thombs (2019): Accuracy of PHQ-9 for screening to detect major depression: individual participant data meta-analysis", host: "doi.org" },
      { title: "Administering and scoring the PHQ-9 (video search)", host: "youtube.com" },
    ],
    figureSection: "what-it-measures",
    hub: "PHQ-9",
  },
];

/** "A, B and C" as the figure's alt text lists its spokes. */
function listInWords(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

if (!hasChromium) console.warn("test/examples-browser.test.ts: skipped, /usr/bin/chromium is not installed (apt-get install chromium)");

describe.skipIf(!hasChromium)("the four example articles in headless Chromium", () => {
  let browser: Browser;
  let outDir: string;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "wikigen-examples-browser-"));
    writeFileSync(path.join(dir, "wikigen.config.yaml"), REPO_EXAMPLE_CONFIG);
    const specs = EXAMPLES.map((example) => path.join(REPO, "articles", `${example.slug}.yaml`));
    const generated = await runWikigen(["generate", ...specs, "--offline"], { cwd: dir, env: {} });
    // 3: finished with flagged claims or undrafted sections, which the pages show honestly.
    if (generated.code !== 0 && generated.code !== 3) throw new Error(`generate failed (${generated.code}): ${generated.stderr}`);
    outDir = path.join(dir, "output");
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(url: string, requests: string[]): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(url);
    return page;
  }

  it.each(EXAMPLES)("$slug: breadcrumb, Watch, Resources and the concept figure, with no request elsewhere", async (example) => {
    const url = pathToFileURL(path.join(outDir, example.slug, "index.html")).href;
    const requests: string[] = [];
    const page = await open(url, requests);

    const breadcrumb = page.getByRole("navigation", { name: "Breadcrumb: type, discipline and subtype" });
    expect(await breadcrumb.locator("li[data-facet]").allTextContents()).toEqual(example.breadcrumb);
    expect(await breadcrumb.locator("li.sep").allTextContents()).toEqual(["›", "›"]);

    const watch = page.locator(".infobox dd .watch");
    expect(await watch.locator("a").textContent()).toBe(example.watch.title);
    expect(await watch.locator("a").getAttribute("href")).toMatch(/^https:\/\//);
    expect(await watch.locator(".link-host").textContent()).toBe(`(${example.watch.host})`);

    const resources = page.locator("section#resources");
    expect(await resources.locator("h2").textContent()).toBe("Resources");
    expect(await resources.locator("li a").allTextContents()).toEqual(example.resources.map((resource) => resource.title));
    expect(await resources.locator("li .link-host").allTextContents()).toEqual(example.resources.map((resource) => `(${resource.host})`));
    for (const link of await resources.locator("li a").all()) {
      expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
      expect(await link.getAttribute("href")).toMatch(/^https:\/\//);
    }

    // Exactly one figure on the page, in the section the template's prompt asks for it.
    expect(await page.locator("figure.concept-figure").count()).toBe(1);
    const figure = page.locator(`#section-${example.figureSection} figure.concept-figure`);
    const svg = figure.locator("svg[role=img]");
    expect(await svg.isVisible()).toBe(true);
    // A long label wraps into several tspans: its words, one line each.
    const items = await Promise.all((await svg.locator(".figure-item").all()).map(async (item) => (await item.locator("tspan").allTextContents()).join(" ")));
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.length).toBeLessThanOrEqual(7);
    const alt = `Diagram: ${example.hub} at the centre, linked to ${listInWords(items)}.`;
    expect(await svg.getAttribute("aria-label")).toBe(alt);
    expect(await svg.locator("title").textContent()).toBe(alt);
    expect((await svg.locator(".figure-center tspan").allTextContents()).join(" ")).toBe(example.hub);
    // Built offline from the sources, so tagged "offline", not "LLM": no model drew it.
    expect(await figure.locator("figcaption .tag").textContent()).toBe("offline");
    expect(await figure.locator("figcaption").textContent()).toContain("not checked as a claim");

    expect(requests.filter((request) => request !== url)).toEqual([]);
    // The top of the page down to the end of the metadata box (its last rows are Watch and read time),
    // and the figure on its own.
    const infobox = await page.locator(".infobox").boundingBox();
    const clip = { x: 0, y: 0, width: 1100, height: Math.min(Math.ceil((infobox?.y ?? 0) + (infobox?.height ?? 900) + 16), 1800) };
    const shots = [
      { file: `example-${example.slug}.png`, take: (file: string) => page.screenshot({ path: file, fullPage: true, clip }) },
      { file: `example-${example.slug}-figure.png`, take: (file: string) => figure.screenshot({ path: file }) },
    ];
    for (const shot of shots) {
      await shot.take(path.join(SHOTS, shot.file));
      const docsShot = path.join(REPO, "docs", shot.file);
      if (!existsSync(docsShot) || process.env.WIKIGEN_UPDATE_DOCS === "1") await shot.take(docsShot);
    }
    await page.context().close();
  });
});
