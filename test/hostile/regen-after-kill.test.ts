import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegenPlan } from "../../src/regen/fingerprints.ts";
import { startFakeAnthropic, type FakeAnthropic, type FakeResponse } from "../helpers/fake-anthropic.ts";
import { answerFor, editPrompt, GUIDE_V1, sectionOf, SLUG, startPageServer, writeRegenFixture, type PageServer } from "../helpers/regen-fixture.ts";
import { runWikigen, type CliRun } from "../helpers/run-cli.ts";
import { withoutModelReads } from "../helpers/fake-models-route.ts";
import { assertCompiledCliIsCurrent } from "../helpers/compiled-cli.ts";

// Issue 17, item 1: a `wikigen regen` killed with SIGKILL after its carried sections are stored,
// while the one section it redrafts hangs at the API, leaves v2 half-written and `running`. The next
// plan and regen must compare against v1 (the newest finished version) and give the real reason for
// the redraft, the prompt bump, not "section ... not in v2"; and `history` must show v2 interrupted.

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "bin", "wikigen.js");
const BUMPED = "core-principles";

interface VersionRow {
  version: number;
  status: string;
  sections: number;
}

function readVersions(file: string): VersionRow[] {
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(`SELECT av.version, av.status, (SELECT COUNT(*) FROM sections s WHERE s.article_version_id = av.id) AS sections FROM article_versions av ORDER BY av.version`)
      .all() as VersionRow[];
  } finally {
    db.close();
  }
}

describe("a regen killed mid-run, then planned and run again", () => {
  let fake: FakeAnthropic;
  let page: PageServer;
  let dir: string;
  let dbFile: string;
  let env: Record<string, string>;
  let releaseHung: (response: FakeResponse) => void = () => undefined;
  let atKill: VersionRow[];
  let plan: CliRun;
  let afterPlan: VersionRow[];
  let historyAfterPlan: CliRun;
  let regen: CliRun;
  let requestedByRegen: string[];
  const wikigen = (...args: string[]) => runWikigen(args, { cwd: dir, env });

  beforeAll(async () => {
    // The killed regen child runs dist/ and every other command runs src/: both must be the same code.
    assertCompiledCliIsCurrent();
    fake = await startFakeAnthropic();
    fake.setResponder((request) => answerFor(sectionOf(request)));
    page = await startPageServer(GUIDE_V1);
    dir = mkdtempSync(path.join(tmpdir(), "wikigen-hostile-regen-kill-"));
    dbFile = path.join(dir, "runs.db");
    writeRegenFixture(dir, { guideUrl: page.url });
    env = { ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.baseUrl };
    expect([0, 3]).toContain((await wikigen("generate", SLUG)).code);
    editPrompt(dir, BUMPED, (text) => text.replace(/^version: 2$/m, "version: 3"));

    // The bumped section's request never gets an answer while the child lives.
    fake.setResponder((request) =>
      sectionOf(request) === BUMPED
        ? new Promise<FakeResponse>((resolve) => {
            releaseHung = resolve;
          })
        : answerFor(sectionOf(request)),
    );
    const child = spawn(process.execPath, [BIN, "regen"], { cwd: dir, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    const isHanging = () => withoutModelReads(fake.requests).some((request) => sectionOf(request) === BUMPED) && (readVersions(dbFile)[1]?.sections ?? 0) >= 13;
    for (let waited = 0; !isHanging(); waited += 25) {
      if (waited > 30_000) throw new Error("the regen child did not store its carried sections and ask for the bumped one within 30 s");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    child.kill("SIGKILL");
    await exited;
    releaseHung(answerFor(BUMPED));
    fake.setResponder((request) => answerFor(sectionOf(request)));
    atKill = readVersions(dbFile);

    plan = await wikigen("plan", "--json");
    afterPlan = readVersions(dbFile);
    historyAfterPlan = await wikigen("history", SLUG, "--json");
    const before = withoutModelReads(fake.requests).length;
    regen = await wikigen("regen");
    requestedByRegen = withoutModelReads(fake.requests).slice(before).map(sectionOf);
  }, 90_000);

  afterAll(async () => {
    releaseHung(answerFor(BUMPED));
    await fake?.close();
    await page?.close();
  });

  it("was killed with v2 half-written: 13 carried sections, the bumped one missing, still marked running", () => {
    expect(atKill).toEqual([
      { version: 1, status: "done", sections: 14 },
      { version: 2, status: "running", sections: 13 },
    ]);
  });

  it("plan compares against v1 and names the prompt bump, says why v2 was passed over, and writes nothing", () => {
    expect(plan.code).toBe(0);
    const [article] = (JSON.parse(plan.stdout) as RegenPlan).articles;
    expect(article?.storedVersion).toBe(1);
    const redrafts = article?.sections.filter((section) => section.action !== "keep").map((section) => [section.sectionId, section.action, section.reasons]);
    expect(redrafts).toEqual([[BUMPED, "redraft", [`prompt ${BUMPED} 2 -> 3`]]]);
    expect(article?.warnings).toContain("v2 was left unfinished (interrupted): planned against v1");
    expect(afterPlan).toEqual(atKill);
  });

  it("history shows the dead version as interrupted even before anything marked it", () => {
    expect(historyAfterPlan.code).toBe(0);
    const { versions } = JSON.parse(historyAfterPlan.stdout) as { versions: { version: number; status: string }[] };
    expect(versions.map((row) => [row.version, row.status])).toEqual([
      [1, "done"],
      [2, "interrupted"],
    ]);
  });

  it("the next regen marks the dead run and version interrupted, redrafts the bumped section for its prompt, and carries the rest from v1", () => {
    expect([0, 3]).toContain(regen.code);
    expect(regen.stderr).toMatch(/^runs \d+ ended without finishing \(process gone\): marked interrupted$/m);
    expect(regen.stdout).toContain(`${SLUG} v3: drafted 1, carried 13, re-verified 0`);
    expect(regen.stdout).toContain(`  redraft  ${BUMPED}: prompt ${BUMPED} 2 -> 3`);
    expect(regen.stdout).not.toMatch(/not in v\d/);
    expect(requestedByRegen).toEqual([BUMPED]);

    const db = new Database(dbFile, { readonly: true });
    expect(db.prepare("SELECT version, status, error FROM article_versions ORDER BY version").all()).toEqual([
      { version: 1, status: "done", error: null },
      { version: 2, status: "interrupted", error: "the run writing it ended without finishing" },
      { version: 3, status: "done", error: null },
    ]);
    expect(db.prepare("SELECT command, status FROM runs ORDER BY id").all()).toEqual([
      { command: `generate ${SLUG}`, status: "done" },
      { command: "regen", status: "interrupted" },
      { command: "regen", status: "done" },
    ]);
    // v3's carried sections point at v1's rows, not at the half-written v2's copies.
    const carriedFrom = db
      .prepare(
        `SELECT DISTINCT src.version FROM sections s JOIN sections old ON old.id = s.reused_from JOIN article_versions src ON src.id = old.article_version_id
         WHERE s.article_version_id = (SELECT id FROM article_versions WHERE version = 3)`,
      )
      .all();
    expect(carriedFrom).toEqual([{ version: 1 }]);
    db.close();
  });

  it("history after the regen lists v2 interrupted and v3 done", async () => {
    const history = await wikigen("history", SLUG, "--json");
    const { versions } = JSON.parse(history.stdout) as { versions: { version: number; status: string; trigger: string }[] };
    expect(versions.map((row) => [row.version, row.trigger, row.status])).toEqual([
      [1, "manual", "done"],
      [2, "regen", "interrupted"],
      [3, "regen", "done"],
    ]);
  });
});
