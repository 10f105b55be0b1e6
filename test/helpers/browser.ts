import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

// Real headless Chromium for page tests: Debian's chromium driven by playwright-core (no bundled
// browser download, no network). Tests skip with a message when it is not installed.

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const hasChromium = existsSync(CHROMIUM_PATH);

/** Playwright gives each launch a fresh temporary profile, so no --user-data-dir is needed. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

const LANDMARKS = new Set(["banner", "main", "contentinfo", "navigation", "complementary", "region", "search", "form"]);

interface AriaLine {
  depth: number;
  role: string;
  name: string | null;
  level: number | null;
}

/** Chromium's accessibility tree as Playwright's aria snapshot prints it, one node per line. */
async function readAriaTree(page: Page): Promise<AriaLine[]> {
  const snapshot = await page.locator("body").ariaSnapshot();
  return snapshot.split("\n").flatMap((line) => {
    const entry = /^(\s*)- (.*)$/.exec(line);
    if (!entry) return [];
    // Each node is a YAML list item; names with quotes or colons make it a quoted YAML scalar.
    let body = (entry[2] ?? "").replace(/:$/, "");
    if (body.startsWith("'") && body.endsWith("'")) body = body.slice(1, -1).replace(/''/g, "'");
    else if (body.startsWith('"') && body.endsWith('"')) body = JSON.parse(body) as string;
    const match = /^([a-z]+)(?: "((?:[^"\\]|\\.)*)")?(?: \[level=(\d)\])?/.exec(body);
    if (!match || match[1] === "text") return [];
    return [{ depth: (entry[1] ?? "").length / 2, role: match[1] ?? "", name: match[2] ?? null, level: match[3] ? Number(match[3]) : null }];
  });
}

/**
 * Structural accessibility checks (what an automated checker would catch about structure): one
 * banner, main and contentinfo landmark with all content inside landmarks (a skip link aside), one
 * h1 and no skipped heading levels, table header cells with a scope and one per column, every link
 * with an accessible name, images with alt text, a page language and title, unique ids, and
 * aria-describedby pointing at existing elements. Returns the problems found, empty when none.
 */
export async function findStructureProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const tree = await readAriaTree(page);
  for (const role of ["banner", "main", "contentinfo"]) {
    const count = tree.filter((node) => node.role === role).length;
    if (count !== 1) problems.push(`expected one ${role} landmark, found ${count}`);
  }
  const outside = tree.filter((node) => node.depth === 0 && !LANDMARKS.has(node.role) && !(node.role === "link" && node.name?.startsWith("Skip")));
  for (const node of outside) problems.push(`content outside landmarks: ${node.role} "${node.name ?? ""}"`);
  const headings = tree.filter((node) => node.role === "heading");
  if (headings.filter((heading) => heading.level === 1).length !== 1) problems.push("expected exactly one h1");
  if (headings[0]?.level !== 1) problems.push("the first heading is not an h1");
  headings.forEach((heading, index) => {
    const previous = headings[index - 1];
    if (previous && (heading.level ?? 0) > (previous.level ?? 0) + 1) problems.push(`heading "${heading.name}" skips from h${previous.level} to h${heading.level}`);
    if (!heading.name?.trim()) problems.push("a heading has no text");
  });
  for (const link of tree.filter((node) => node.role === "link" && !node.name?.trim())) problems.push(`a link has no accessible name (depth ${link.depth})`);
  if ((await page.locator("img:not([alt])").count()) > 0) problems.push("an image has no alt attribute");
  if ((await page.locator("th:not([scope])").count()) > 0) problems.push("a table header cell has no scope");
  for (const table of await page.locator("table").all()) {
    const columns = await table.locator("thead th[scope=col]").count();
    if (columns === 0) problems.push("a table has no column header cells");
    for (const row of await table.locator("tbody tr").all()) {
      const cells = await row.locator("td, th").count();
      if (cells !== columns) problems.push(`a table row has ${cells} cells for ${columns} column headers`);
    }
  }
  if (!(await page.locator("html").getAttribute("lang"))) problems.push("the page has no lang attribute");
  if (!(await page.title()).trim()) problems.push("the page has no title");
  const html = await page.content();
  const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((match) => match[1] ?? "");
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) problems.push(`duplicate id "${id}"`);
    seen.add(id);
  }
  for (const match of html.matchAll(/\saria-(?:describedby|labelledby)="([^"]*)"/g)) {
    for (const id of (match[1] ?? "").split(/\s+/)) if (!seen.has(id)) problems.push(`aria reference to missing id "${id}"`);
  }
  return problems;
}
