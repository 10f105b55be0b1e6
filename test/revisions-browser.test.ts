import { appendFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { openReviewServer } from "../src/cli/commands/review.ts";
import { openServeServer } from "../src/cli/commands/serve.ts";
import type { SectionOutput } from "../src/domain/claims.ts";
import { hasChromium, launchChromium } from "./helpers/browser.ts";
import type { FakeResponse, RecordedRequest } from "./helpers/fake-anthropic.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import { startPageServer } from "./helpers/regen-fixture.ts";
import { generateScripted, SUPPORTED_CLAIM } from "./helpers/review-seed.ts";
import { asAnswer, bodyOf, sectionOf } from "./helpers/section-answer.ts";
import { startSmtpSink } from "./helpers/smtp-sink.ts";

// Reader revisions end to end: a reader suggests a revision through the form of `wikigen serve` in
// headless Chromium; a local SMTP server receives the receipt; the revised section is drafted through
// the fake Messages API (citing the reader's newly snapshotted source) and verified; a reviewer
// approves it on the review desk in Chromium; a new version (trigger revision) appears whose page
// credits the reader by the name they gave; the decision mail arrives. No page shows the email.

const READER_SOURCE = [
  "Supervision circles in community clinics meet monthly and rotate the role of facilitator among members.",
  "Regular peer consultation meetings help newer clinicians move from peripheral roles toward full participation in the practice.",
];
const REVISED_SENTENCE = READER_SOURCE[1] as string;
const EMAIL = "ada.reader@example.org";

function isRevisionRequest(request: RecordedRequest): boolean {
  return JSON.stringify(bodyOf(request)).includes("<proposed_change>");
}

describe.skipIf(!hasChromium)("reader revision end to end (headless Chromium, SMTP, fake Messages API)", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-revisions-e2e-", project: { kind: "review" }, fake: {} });
  let browser: Browser | undefined;
  afterAll(async () => browser?.close());

  it("takes a suggestion from the form to a credited new version, mailing the reader at each step", async () => {
    await generateScripted({ harness, script: { summary: [{ kind: "paragraph", claims: [SUPPORTED_CLAIM] }] } });
    const guide = harness.adopt(await startPageServer(READER_SOURCE));
    const sink = harness.adopt(await startSmtpSink());
    appendFileSync(path.join(harness.dir, "wikigen.config.yaml"), ["mail:", "  host: 127.0.0.1", `  port: ${sink.port}`, '  from: "Clinical wiki <wiki@example.org>"', ""].join("\n"));

    // The fake answers the revision's drafting request with the reader's source (number 4) quoted.
    const revisionRequests: RecordedRequest[] = [];
    harness.fake.setResponder((request): FakeResponse => {
      const section = sectionOf(request);
      if (isRevisionRequest(request)) revisionRequests.push(request);
      const output = { blocks: [{ kind: "paragraph", claims: [SUPPORTED_CLAIM, { text: REVISED_SENTENCE, basis: "source", citations: [{ source: 4, quote: REVISED_SENTENCE }] }] }] };
      return { kind: "message", content: asAnswer(section, output as SectionOutput) };
    });

    const io = { stdout: () => undefined, stderr: (text: string) => void (log += text), env: { ...harness.env, USER: "tester" }, cwd: harness.dir, isStderrTty: false };
    let log = "";
    const serve = harness.adopt(await openServeServer({ values: { port: "0" }, io }));
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(new URL("demo-article/", serve.server.url).href);
    await expect(page.locator("#h-suggest").textContent()).resolves.toBe("Suggest a revision");
    await expect(page.locator(".suggest .warning").textContent()).resolves.toContain("protected health information (PHI)");
    await page.selectOption("#suggest-section", "summary");
    await page.fill("#suggest-change", "Add that regular peer consultation helps newer clinicians move toward full participation.");
    await page.fill("#suggest-sources", guide.url);
    await page.fill("#suggest-email", EMAIL);
    await page.check('input[name="credit"][value="name"]');
    await page.fill("#suggest-name", "Dr. Ada Reader");
    await Promise.all([page.waitForURL(/\/suggest$/), page.click(".suggest button[type=submit]")]);
    await expect(page.locator("h1").textContent()).resolves.toBe("Thank you");
    await expect(page.locator("main").textContent()).resolves.toContain("Suggestion #1 was received");

    await serve.idle();
    expect(log).not.toContain("could not be drafted");
    const [receipt, drafted] = await sink.waitFor(2);
    expect(receipt?.to).toEqual([EMAIL]);
    expect(receipt?.raw).toContain("Suggestion #1 received: demo-article / summary");
    expect(drafted?.raw).toContain("Suggestion #1 drafted");
    expect(drafted?.raw).toMatch(/2 sentence\(s\), 0 flagged/);
    expect(revisionRequests).toHaveLength(1);
    expect(guide.hits()).toBe(1);

    // The reviewer approves it on the review desk.
    const review = harness.adopt(await openReviewServer({ values: { port: "0" }, io }));
    const desk = await browser.newPage();
    await desk.goto(new URL("revisions/1", review.server.url).href);
    await expect(desk.locator(".revision-claims").textContent()).resolves.toContain(REVISED_SENTENCE);
    await expect(desk.locator("main").textContent()).resolves.toContain("Dr. Ada Reader");
    expect(await desk.content()).not.toContain(EMAIL);
    await desk.fill('textarea[name="note"]', "Thank you, well sourced.");
    await Promise.all([desk.waitForURL(/notice=/), desk.click('button[value="approve"]')]);
    await expect(desk.locator(".notice").textContent()).resolves.toContain("Suggestion #1 approved: version 2 stored");

    const decision = (await sink.waitFor(3))[2];
    expect(decision?.to).toEqual([EMAIL]);
    expect(decision?.raw).toContain("Suggestion #1 approved");
    expect(decision?.raw).toContain("The page credits Dr. Ada Reader.");
    expect(decision?.raw).toContain("Thank you, well sourced.");

    const db = harness.openDb();
    try {
      expect(db.prepare(`SELECT v.version, r.trigger FROM article_versions v JOIN runs r ON r.id = v.run_id ORDER BY v.version`).all()).toEqual([
        { version: 1, trigger: "manual" },
        { version: 2, trigger: "revision" },
      ]);
      const summary = db
        .prepare(`SELECT c.text FROM claims c JOIN sections s ON s.id = c.section_row_id JOIN article_versions v ON v.id = s.article_version_id WHERE v.version = 2 AND s.section_id = 'summary' ORDER BY c.claim_index`)
        .all();
      expect(summary).toEqual([{ text: SUPPORTED_CLAIM.text }, { text: REVISED_SENTENCE }]);
      expect(db.prepare(`SELECT status, decided_by FROM suggestions`).get()).toEqual({ status: "approved", decided_by: "tester" });
    } finally {
      db.close();
    }

    // The served page is the new version, crediting the reader, never showing the email.
    await page.goto(new URL("demo-article/", serve.server.url).href);
    await expect(page.locator(".reader-credit").textContent()).resolves.toBe("Summary: revised in version 2 from a suggestion by Dr. Ada Reader");
    await expect(page.locator("#section-summary").textContent()).resolves.toContain(REVISED_SENTENCE);
    expect(await page.content()).not.toContain(EMAIL);
    expect(await readFile(path.join(harness.dir, "output", "demo-article", "index.html"), "utf8")).toContain("Dr. Ada Reader");
  }, 120_000);
});
