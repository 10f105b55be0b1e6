import Database from "better-sqlite3";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeArticleFixture } from "../helpers/article-fixture.ts";
import { startFakeAnthropic, type FakeAnthropic } from "../helpers/fake-anthropic.ts";
import { runWikigen } from "../helpers/run-cli.ts";
import { answerFromBody, bodyOf } from "../helpers/section-answer.ts";

// Issue 17, item 6: an unwritable --out was found only after every section had been drafted and paid
// for. generate and regen now create the folder and prove it writable before fetching any source or
// calling any model. (The tests run as root, so the folder is made unwritable by a file in its way.)

function runCount(dir: string): number {
  const db = new Database(path.join(dir, "runs.db"), { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM runs").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("--out is checked before any drafting", () => {
  let fake: FakeAnthropic;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    fake.setResponder((request) => ({ kind: "message", content: answerFromBody(bodyOf(request)) }));
    dir = mkdtempSync(path.join(tmpdir(), "wikigen-out-"));
    writeArticleFixture(dir, { configLines: ["provider:", "  name: anthropic"] });
    writeFileSync(path.join(dir, "blocker"), "a file where a folder would go\n");
    env = { ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.baseUrl };
  });

  afterAll(async () => {
    await fake.close();
  });

  it("generate: exit 1 naming the flag and the path; nothing fetched, stored or asked of the model", async () => {
    const run = await runWikigen(["generate", "demo-article", "--out", "blocker/out"], { cwd: dir, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `wikigen generate: fatal: --out blocker/out: cannot write rendered articles to ${path.join(dir, "blocker", "out")} (ENOTDIR); nothing was fetched or drafted\n`,
    );
    expect(fake.requests).toHaveLength(0);
    expect(existsSync(path.join(dir, "runs.db"))).toBe(false);
    expect(existsSync(path.join(dir, "sources"))).toBe(false);
  });

  it("generate: a missing --out folder is created, and the write test leaves nothing behind", async () => {
    const run = await runWikigen(["generate", "demo-article", "--out", "new/deeper/out"], { cwd: dir, env });
    expect([0, 3]).toContain(run.code);
    expect(readdirSync(path.join(dir, "new", "deeper", "out"))).toEqual(["demo-article"]);
    expect(readdirSync(path.join(dir, "new", "deeper", "out", "demo-article")).sort()).toEqual(["article.json", "index.html", "index.md"]);
  });

  it("regen: the same check, before the plan is carried out", async () => {
    const runsBefore = runCount(dir);
    const requestsBefore = fake.requests.length;
    // Another model makes every section stale: without the check, regen would redraft them all first.
    const run = await runWikigen(["regen", "demo-article", "--out", "blocker/out"], { cwd: dir, env: { ...env, WIKIGEN_MODEL: "claude-opus-5" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `wikigen regen: fatal: --out blocker/out: cannot write rendered articles to ${path.join(dir, "blocker", "out")} (ENOTDIR); nothing was fetched or drafted\n`,
    );
    expect(fake.requests.length).toBe(requestsBefore);
    expect(runCount(dir)).toBe(runsBefore);
  });

  it("schedule: the same check at start, before it waits for the first run", async () => {
    const runsBefore = runCount(dir);
    const config = readFileSync(path.join(dir, "wikigen.config.yaml"), "utf8").replace(/^paths:$/m, "paths:\n  output: blocker/out");
    writeFileSync(path.join(dir, "bad-output.yaml"), config);
    const run = await runWikigen(["schedule", "--cron", "* * * * * *", "--config", "bad-output.yaml", "demo-article"], { cwd: dir, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`paths.output: cannot write rendered articles to ${path.join(dir, "blocker", "out")} (ENOTDIR); nothing was fetched or drafted`);
    expect(runCount(dir)).toBe(runsBefore);
  });
});
