import { existsSync, copyFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { openReviewServer } from "../src/cli/commands/review.ts";
import { findStructureProblems, launchChromium } from "./helpers/browser.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import { addAccount, logIn } from "./helpers/review-desk.ts";
import { claimIdOf, claimIdsByText, FIRST_SCRIPT, generateScripted, MISSING_QUOTE_CLAIM, WRONG_SOURCE_CLAIM, YEAR_CLAIM } from "./helpers/review-seed.ts";
import type { DecisionAuditRow } from "../src/store/decision-audit.ts";

// The team review desk in real headless Chromium over a store seeded through `wikigen generate`
// (fake Anthropic API, offline verifier), with accounts made by `wikigen reviewers add`: login,
// expiry and logout; bulk reject of a filtered set while new flags arrive; assignment, "my queue"
// and a resolved comment; roles at publishing; the audit page and its JSONL and CSV downloads
// against the stored rows. Every outcome is read back from SQLite or the written files.

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** RFC 4180 records (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') (field += '"'), index++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") record.push(field), (field = "");
    else if (char === "\r" && text[index + 1] === "\n") {
      record.push(field);
      records.push(record);
      (record = []), (field = ""), index++;
    } else field += char;
  }
  return records;
}

describe("review desk in headless Chromium", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-review-desk-", project: { kind: "review", slugs: ["demo-article", "second-article"] }, fake: {} });
  const clock = { offsetMs: 0 };
  let review: Awaited<ReturnType<typeof openReviewServer>>;
  let browser: Browser;
  let alice: Page;
  let ed: Page;
  let passwords: { alice: string; ed: string };
  let ids: Map<string, number>;
  const pageErrors: string[] = [];

  const url = (pathname: string) => new URL(pathname, review.server.url).href;
  const query = <T>(sql: string, ...params: unknown[]): T[] => {
    const db = harness.openDb();
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    await generateScripted({ harness, script: FIRST_SCRIPT, slug: "demo-article" });
    ids = claimIdsByText(harness.dbFile, "demo-article");
    passwords = { alice: await addAccount(harness, "alice", "reviewer"), ed: await addAccount(harness, "ed", "editor") };
    review = harness.adopt(
      await openReviewServer({
        values: { port: "0" },
        io: { stdout: () => undefined, stderr: () => undefined, env: { USER: "tester" }, cwd: harness.dir, isStderrTty: false },
        now: () => new Date(Date.now() + clock.offsetMs),
      }),
    );
    browser = harness.adopt(await launchChromium());
    const open = async (): Promise<Page> => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      page.setDefaultTimeout(8_000);
      page.on("pageerror", (error) => pageErrors.push(error.message));
      return page;
    };
    alice = await open();
    ed = await open();
  }, 120_000);

  // Each login runs scrypt (tens of milliseconds alone, far more on a loaded machine): generous timeouts.
  it("sends every page to the login, refuses a wrong password, logs in and out, and expires an idle session", { timeout: 120_000 }, async () => {
    await alice.goto(url("/audit"));
    await alice.waitForURL(/\/login\?next=%2Faudit$/);
    await alice.getByRole("textbox", { name: "Account" }).fill("alice");
    await alice.getByLabel("Password or token").fill("not-her-password");
    await alice.getByRole("button", { name: "Log in" }).click();
    expect(await alice.getByRole("alert").textContent()).toBe("Wrong account name or password (or the account is disabled).");
    expect(await findStructureProblems(alice)).toEqual([]);

    await logIn(alice, review.server.url, "alice", passwords.alice);
    expect(new URL(alice.url()).pathname).toBe("/audit");
    expect(await alice.getByRole("banner").textContent()).toContain("Signed in as alice (reviewer)");
    await alice.getByRole("button", { name: "Log out" }).click();
    await alice.waitForURL(/\/login\?logged_out=1$/);
    expect(await alice.getByRole("status").textContent()).toBe("You are logged out.");
    await alice.goto(url("/"));
    await alice.waitForURL(/\/login$/);

    await logIn(alice, review.server.url, "alice", passwords.alice);
    // review.session_ttl_minutes (480 by default) without a request ends the session.
    clock.offsetMs += 481 * 60_000;
    await alice.goto(url("/"));
    await alice.waitForURL(/\/login\?expired=1$/);
    expect(await alice.getByRole("status").textContent()).toBe("Your session expired; log in again.");
    await logIn(alice, review.server.url, "alice", passwords.alice);
    await logIn(ed, review.server.url, "ed", passwords.ed);
    expect(await ed.getByRole("banner").textContent()).toContain("Signed in as ed (editor)");
  });

  it("bulk-rejects the filtered flags it showed, under the account, leaving out flags that arrived meanwhile", { timeout: 120_000 }, async () => {
    await alice.goto(url("/?reason=quote_not_found"));
    expect(await alice.getByRole("status", { name: "Flag count" }).textContent()).toBe("2 open flags (of 5): quote_not_found 2");
    await alice.getByRole("button", { name: "Reject all…" }).click();
    await alice.getByRole("heading", { name: "Reject 2 flags?" }).waitFor();
    expect(await alice.locator("table.flags tbody tr td:last-child").allTextContents()).toEqual([MISSING_QUOTE_CLAIM.text, WRONG_SOURCE_CLAIM.text]);
    const shot = path.join(REPO, "test-output", "review", "review-desk-bulk.png");
    await alice.screenshot({ path: shot });
    const documentedBulk = path.join(REPO, "docs", "review-desk-bulk.png");
    if (!existsSync(documentedBulk) || process.env.WIKIGEN_UPDATE_DOCS === "1") copyFileSync(shot, documentedBulk);

    // A second article arrives with flags of the same reason while the confirmation is open.
    await generateScripted({ harness, script: FIRST_SCRIPT, slug: "second-article" });
    await alice.getByRole("textbox", { name: "Note for every decision (optional)" }).fill("-quotes not in the cited sources");
    await alice.getByRole("button", { name: "Reject these 2 flags" }).click();
    await alice.waitForURL(/bulk=reject/);
    expect(await alice.locator(".notice").textContent()).toBe("Bulk reject: 2 flags recorded for alice.");

    const stored = query<{ claim_id: number; reviewer: string; decision: string; note: string }>("SELECT claim_id, reviewer, decision, note FROM reviews ORDER BY id");
    expect(stored).toEqual(
      [MISSING_QUOTE_CLAIM, WRONG_SOURCE_CLAIM].map((claim) => ({ claim_id: claimIdOf(ids, claim.text), reviewer: "alice", decision: "reject", note: "-quotes not in the cited sources" })),
    );
    // The second article's quote_not_found flags were never shown, so they are still open.
    expect(await alice.getByRole("status", { name: "Flag count" }).textContent()).toBe("2 open flags (of 8): quote_not_found 2");
    expect(await alice.getByRole("table").getByRole("link").allTextContents()).toEqual([MISSING_QUOTE_CLAIM.text, WRONG_SOURCE_CLAIM.text]);
    const second = claimIdsByText(harness.dbFile, "second-article");
    expect(await alice.locator("table.flags tbody tr td.num").allTextContents()).toEqual([String(claimIdOf(second, MISSING_QUOTE_CLAIM.text)), String(claimIdOf(second, WRONG_SOURCE_CLAIM.text))]);
  });

  it("assigns a flag, shows it in the assignee's queue, and resolves a comment on it", { timeout: 120_000 }, async () => {
    const yearId = claimIdOf(ids, YEAR_CLAIM.text);
    await ed.goto(url(`/flags/${yearId}`));
    await ed.getByRole("combobox", { name: "Assign to" }).selectOption("alice");
    await ed.getByRole("button", { name: "Assign", exact: true }).click();
    expect(await ed.getByRole("status", { name: "Assignee" }).textContent()).toMatch(/^Assigned to alice by ed at \d{4}-/);

    await alice.goto(url("/"));
    await alice.getByRole("link", { name: "My queue" }).click();
    await alice.waitForURL(/assignee=alice/);
    expect(await alice.getByRole("table").getByRole("link").allTextContents()).toEqual([YEAR_CLAIM.text]);

    await alice.getByRole("link", { name: YEAR_CLAIM.text }).click();
    await alice.getByRole("textbox", { name: "Comment" }).fill("Is 1998 a typo for 1991? The source says 1991.");
    await alice.getByRole("button", { name: "Add comment" }).click();
    await alice.getByRole("heading", { name: "Comments (1 open)" }).waitFor();
    const [comment] = query<{ id: number; author: string; body: string; resolved_by: string | null }>("SELECT id, author, body, resolved_by FROM flag_comments");
    expect(comment).toEqual({ id: comment?.id, author: "alice", body: "Is 1998 a typo for 1991? The source says 1991.", resolved_by: null });

    await ed.reload();
    await ed.getByRole("button", { name: `Resolve comment ${comment?.id}` }).click();
    await ed.getByRole("heading", { name: "Comments (0 open)" }).waitFor();
    expect(await ed.locator("li.comment").textContent()).toContain("resolved by ed");
    expect(query("SELECT author, resolved_by FROM flag_comments")).toEqual([{ author: "alice", resolved_by: "ed" }]);
    expect(await findStructureProblems(ed)).toEqual([]);
  });

  it("lets an editor publish and refuses a reviewer", { timeout: 120_000 }, async () => {
    // Decide the rest of the first article: its three number_mismatch flags.
    await alice.goto(url("/?article=demo-article"));
    await alice.getByRole("button", { name: "Reject all…" }).click();
    await alice.getByRole("button", { name: "Reject these 3 flags" }).click();
    await alice.waitForURL(/bulk=reject/);

    // generate wrote the review rendering (flagged claims shown); publishing replaces it.
    const published = path.join(harness.dir, "output", "demo-article", "index.html");
    const reviewRendering = readFileSync(published, "utf8");
    expect(reviewRendering).toContain(YEAR_CLAIM.text);
    await alice.goto(url("/publish"));
    expect(await alice.getByRole("button", { name: "Publish demo-article" }).count()).toBe(0);
    expect(await alice.locator("tbody tr").first().textContent()).toContain("editors publish");
    // The form is missing for a reviewer; a hand-made POST with her own form token is refused too.
    const csrf = await alice.locator('input[name="csrf"]').first().inputValue();
    // The page's CSP allows no script fetch, so the POST goes through the context's own request API (same cookies).
    const response = await alice.request.post(url("/publish"), { form: { csrf, slug: "demo-article" }, maxRedirects: 0 });
    const answer = { status: response.status(), text: await response.text() };
    expect(answer.status).toBe(403);
    expect(answer.text).toContain("Publishing needs the editor role; alice is a reviewer. Nothing was changed.");
    expect(readFileSync(published, "utf8")).toBe(reviewRendering);

    await ed.goto(url("/publish"));
    await ed.getByRole("button", { name: "Publish second-article" }).click();
    expect(await ed.getByRole("alert").textContent()).toBe("Not published: 5 flagged claims have no decision in second-article v1. Nothing was written.");
    await ed.getByRole("button", { name: "Publish demo-article" }).click();
    expect(await ed.getByRole("status").first().textContent()).toBe(
      "Published demo-article v1: wrote output/demo-article/index.html, output/demo-article/index.md, output/demo-article/article.json.",
    );
    const page = readFileSync(published, "utf8");
    expect(page).not.toContain(YEAR_CLAIM.text);
    expect(page).not.toContain(MISSING_QUOTE_CLAIM.text);
  });

  it("lists every decision on the audit page, and exports them as JSONL and CSV matching the stored rows", { timeout: 120_000 }, async () => {
    const rows = query<DecisionAuditRow>(
      `SELECT r.id AS review_id, r.decided_at, r.reviewer, r.decision, r.claim_id, r.claim_key, av.slug, av.version, s.section_id,
         c.text AS claim_text, r.note, r.payload
       FROM reviews r JOIN claims c ON c.id = r.claim_id JOIN sections s ON s.id = c.section_row_id JOIN article_versions av ON av.id = r.article_version_id
       ORDER BY r.id`,
    );
    expect(rows).toHaveLength(5);
    await ed.goto(url("/audit"));
    expect(await ed.getByRole("status", { name: "Decision count" }).textContent()).toContain("5 decisions stored.");
    expect(await ed.locator("tbody tr td:nth-child(2)").allTextContents()).toEqual(["alice", "alice", "alice", "alice", "alice"]);

    const download = async (name: string): Promise<string> => {
      const [file] = await Promise.all([ed.waitForEvent("download"), ed.getByRole("link", { name }).click()]);
      return readFileSync((await file.path()) as string, "utf8");
    };
    const jsonl = await download("JSONL");
    expect(jsonl.trimEnd().split("\n").map((line) => JSON.parse(line) as unknown)).toEqual(rows);

    const [header, ...records] = parseCsv(await download("CSV"));
    expect(header).toEqual(Object.keys(rows[0] as DecisionAuditRow));
    // Text starting with = + - @ carries a leading apostrophe; the stored row does not.
    expect(records[0]?.[10]).toBe("'-quotes not in the cited sources");
    const unguarded = records.map((record) => record.map((cell) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell)));
    expect(unguarded).toEqual(rows.map((row) => Object.values(row).map((value) => (value === null ? "" : String(value)))));
  });

  it("lets an editor add and disable an account on the accounts page, and shows the queue (screenshot)", { timeout: 120_000 }, async () => {
    await alice.goto(url("/accounts"));
    expect(await alice.getByRole("alert").textContent()).toBe("Managing accounts needs the editor role; alice is a reviewer. Nothing was changed.");

    await ed.goto(url("/accounts"));
    await ed.getByRole("textbox", { name: "Name" }).fill("carol");
    await ed.getByRole("button", { name: "Add account" }).click();
    const added = (await ed.getByRole("status").textContent()) ?? "";
    expect(added).toMatch(/^Added carol \(reviewer\)\. Their password, shown only now: \S{24}$/);
    await ed.getByRole("button", { name: "Disable carol" }).click();
    expect(await ed.getByRole("status").textContent()).toBe("Disabled carol; their sessions ended. Their decisions keep their name.");
    expect(query("SELECT name, role, disabled_at IS NOT NULL AS disabled FROM reviewer_accounts ORDER BY name")).toEqual([
      { name: "alice", role: "reviewer", disabled: 0 },
      { name: "carol", role: "reviewer", disabled: 1 },
      { name: "ed", role: "editor", disabled: 0 },
    ]);

    // One flag assigned, so the queue shows the Assigned column in use.
    await ed.goto(url(`/flags/${claimIdOf(claimIdsByText(harness.dbFile, "second-article"), YEAR_CLAIM.text)}`));
    await ed.getByRole("combobox", { name: "Assign to" }).selectOption("alice");
    await ed.getByRole("button", { name: "Assign", exact: true }).click();
    await ed.getByRole("status", { name: "Assignee" }).waitFor();
    await ed.goto(url("/?order=uncertain"));
    await ed.getByRole("heading", { name: "Open flags" }).waitFor();
    expect(await findStructureProblems(ed)).toEqual([]);
    const shot = path.join(REPO, "test-output", "review", "review-desk.png");
    await ed.screenshot({ path: shot, fullPage: true });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe("PNG");
    const documented = path.join(REPO, "docs", "review-desk.png");
    if (!existsSync(documented) || process.env.WIKIGEN_UPDATE_DOCS === "1") copyFileSync(shot, documented);
    expect(pageErrors).toEqual([]);
  });
});
