import { copyFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { findStructureProblems, launchChromium } from "./helpers/browser.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import {
  claimIdsByText,
  FIRST_SCRIPT,
  FLAGGED_CLAIMS,
  generateScripted,
  MARKUP_QUOTE_CLAIM,
  MISSING_QUOTE_CLAIM,
  renderPublished,
  SCRIPT_SOURCE,
  SCRIPT_SOURCE_CLAIM,
  startReview,
  SUPPORTED_CLAIM,
  WRONG_SOURCE_CLAIM,
  YEAR_CLAIM,
} from "./helpers/review-seed.ts";

// The review page in real headless Chromium over a store seeded through `wikigen generate`: the
// queue, one flag with its quote highlighted in the source text, decisions by button and by key
// (checked in SQLite), the published rendering that follows, and no script run on any page. The
// flag whose source text holds `<script>` markup is opened in test/hostile/review-attacks.test.ts.

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("review page in headless Chromium", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-review-browser-", project: { kind: "review" }, fake: {} });
  let review: Awaited<ReturnType<typeof startReview>>;
  let browser: Browser;
  let page: Page;
  let ids: Map<string, number>;
  const pageErrors: string[] = [];
  const dialogs: string[] = [];

  const idOf = (text: string): number => ids.get(text) as number;
  const url = (pathname: string) => new URL(pathname, review.server.url).href;
  const decisions = () => {
    const db = harness.openDb();
    try {
      return db.prepare("SELECT claim_id, reviewer, decision, note FROM reviews ORDER BY id").all() as { claim_id: number; reviewer: string; decision: string; note: string | null }[];
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    await generateScripted({ harness, script: FIRST_SCRIPT });
    ids = claimIdsByText(harness.dbFile);
    review = harness.adopt(await startReview(harness.dir));
    browser = harness.adopt(await launchChromium());
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Fail within a test's time with the step that failed, rather than at the test timeout.
    page.setDefaultTimeout(8_000);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 120_000);

  it("lists the seeded flags with counts, and filters them by reason", async () => {
    await page.goto(review.server.url);
    await page.getByRole("heading", { name: "Open flags" }).waitFor();
    const table = page.getByRole("table");
    expect(await table.getByRole("link").allTextContents()).toEqual(FLAGGED_CLAIMS.map((claim) => claim.text));
    expect(await page.getByRole("status", { name: "Flag count" }).textContent()).toBe("5 open flags: number_mismatch 3, quote_not_found 2");
    expect(await table.getByRole("link", { name: SUPPORTED_CLAIM.text }).count()).toBe(0);
    expect(await findStructureProblems(page)).toEqual([]);

    await page.getByRole("combobox", { name: "Reason" }).selectOption("quote_not_found");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/reason=quote_not_found/);
    expect(await page.getByRole("table").getByRole("link").allTextContents()).toEqual([MISSING_QUOTE_CLAIM.text, WRONG_SOURCE_CLAIM.text]);
    expect(await page.getByRole("status", { name: "Flag count" }).textContent()).toContain("2 open flags (of 5)");
    expect(await page.getByRole("combobox", { name: "Section" }).locator("option").allTextContents()).toEqual(["all", "core-principles (1)", "evidence-base (1)"]);
  });

  it("opens a flag with the cited quote highlighted inside the source text, scrolled into view", async () => {
    await page.goto(review.server.url);
    await page.getByRole("link", { name: SCRIPT_SOURCE_CLAIM.text }).click();
    await page.waitForURL(new RegExp(`/flags/${idOf(SCRIPT_SOURCE_CLAIM.text)}#focus$`));
    await page.waitForLoadState("load");
    const source = page.getByRole("region", { name: "Source text" });
    const quote = source.locator("mark#focus");
    expect(await quote.textContent()).toBe(SCRIPT_SOURCE[1]);
    expect(await quote.getAttribute("class")).toBe("quote evidence");
    // The panel scrolled down to the quote (it is the last of 42 paragraphs) and shows it whole.
    const geometry = await source.evaluate((panel) => {
      const outer = panel.getBoundingClientRect();
      const inner = panel.querySelector("#focus")?.getBoundingClientRect() ?? { top: -1, bottom: -1 };
      return { scrollTop: panel.scrollTop, isInside: inner.top >= outer.top && inner.bottom <= outer.bottom };
    });
    expect(geometry.scrollTop).toBeGreaterThan(0);
    expect(geometry.isInside).toBe(true);
    // The rest of the flag: claim among its paragraph, verdict, citation and source metadata.
    expect(await page.locator(".paragraph").textContent()).toContain(MARKUP_QUOTE_CLAIM.text);
    expect(await page.locator("dl.verdict").textContent()).toContain("number_mismatch: claim 5 hours, source 2 hours");
    const meta = (await page.locator("dl.source-meta").textContent()) ?? "";
    expect(meta).toContain("docs/demo-article/three.txt");
    expect(meta).toMatch(/T2[\s\S]*\d{4}-\d\d-\d\dT/);
    expect(await page.locator("blockquote.cited-quote").textContent()).toBe(SCRIPT_SOURCE[1]);
    expect(await findStructureProblems(page)).toEqual([]);

    // Like the rendering tests: always under test-output/, and docs/ only when missing or asked for.
    const shot = path.join(REPO, "test-output", "review", "review-page.png");
    await page.screenshot({ path: shot });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe("PNG");
    const documented = path.join(REPO, "docs", "review-page.png");
    if (!existsSync(documented) || process.env.WIKIGEN_UPDATE_DOCS === "1") copyFileSync(shot, documented);
  });

  it("stores approve and reject pressed as buttons, with the reviewer and note", async () => {
    await page.goto(url(`/flags/${idOf(SCRIPT_SOURCE_CLAIM.text)}`));
    await page.getByRole("textbox", { name: "Reviewer" }).fill("dana");
    await page.getByRole("button", { name: "Set" }).click();
    await page.waitForLoadState("load");
    await page.getByRole("textbox", { name: "Note (optional)" }).fill("checked the handout by hand");
    await page.getByRole("button", { name: "Approve" }).click();
    await page.waitForURL(/decided=/);
    expect(await page.getByRole("status").filter({ hasText: "recorded" }).textContent()).toBe(`Flag #${idOf(SCRIPT_SOURCE_CLAIM.text)}: approve recorded for dana.`);

    await page.goto(url(`/flags/${idOf(YEAR_CLAIM.text)}`));
    await page.getByRole("button", { name: "Reject" }).click();
    await page.waitForURL(/decided=/);
    expect(decisions()).toEqual([
      { claim_id: idOf(SCRIPT_SOURCE_CLAIM.text), reviewer: "dana", decision: "approve", note: "checked the handout by hand" },
      { claim_id: idOf(YEAR_CLAIM.text), reviewer: "dana", decision: "reject", note: null },
    ]);
  });

  it("moves with j/k and stores approve and reject pressed on the keyboard", async () => {
    // Open now: MISSING_QUOTE, WRONG_SOURCE, MARKUP (in queue order).
    await page.goto(url(`/flags/${idOf(MARKUP_QUOTE_CLAIM.text)}`));
    await page.getByRole("link", { name: "Previous" }).waitFor();
    await page.keyboard.press("k");
    await page.waitForURL(new RegExp(`/flags/${idOf(WRONG_SOURCE_CLAIM.text)}#focus$`));
    await page.keyboard.press("j");
    await page.waitForURL(new RegExp(`/flags/${idOf(MARKUP_QUOTE_CLAIM.text)}#focus$`));
    await page.waitForLoadState("load");
    await page.keyboard.press("a");
    await page.waitForURL(new RegExp(`decided=${idOf(MARKUP_QUOTE_CLAIM.text)}`));

    await page.goto(url(`/flags/${idOf(MISSING_QUOTE_CLAIM.text)}`));
    await page.waitForLoadState("load");
    await page.keyboard.press("r");
    await page.waitForURL(new RegExp(`decided=${idOf(MISSING_QUOTE_CLAIM.text)}`));
    expect(decisions().slice(2)).toEqual([
      { claim_id: idOf(MARKUP_QUOTE_CLAIM.text), reviewer: "dana", decision: "approve", note: null },
      { claim_id: idOf(MISSING_QUOTE_CLAIM.text), reviewer: "dana", decision: "reject", note: null },
    ]);
    await page.goto(review.server.url);
    expect(await page.getByRole("table").getByRole("link").allTextContents()).toEqual([WRONG_SOURCE_CLAIM.text]);
  });

  it("works without JavaScript: the forms alone record a decision", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const plain = await context.newPage();
      plain.setDefaultTimeout(8_000);
      await plain.goto(url(`/flags/${idOf(WRONG_SOURCE_CLAIM.text)}`));
      await plain.getByRole("button", { name: "Retag as model-written" }).click();
      await plain.waitForURL(/decided=/);
      expect(await plain.getByRole("status").filter({ hasText: "recorded" }).textContent()).toBe(`Flag #${idOf(WRONG_SOURCE_CLAIM.text)}: retag recorded for tester.`);
      expect(await plain.getByText("No open flags.").isVisible()).toBe(true);
    } finally {
      await context.close();
    }
    expect(decisions().at(-1)).toEqual({ claim_id: idOf(WRONG_SOURCE_CLAIM.text), reviewer: "tester", decision: "retag", note: null });
  });

  it("publishes the article without the rejected claims and with the approved ones", () => {
    const { published, undecided } = renderPublished(harness.dbFile);
    for (const claim of [YEAR_CLAIM, MISSING_QUOTE_CLAIM]) {
      expect(undecided).toContain(claim.text);
      expect(published).not.toContain(claim.text);
    }
    for (const claim of [SCRIPT_SOURCE_CLAIM, MARKUP_QUOTE_CLAIM, WRONG_SOURCE_CLAIM, SUPPORTED_CLAIM]) expect(published).toContain(claim.text);
  });

  it("ran no script from source or model text on any page", () => {
    expect(pageErrors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
