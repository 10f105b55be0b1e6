import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeAnthropic, type FakeAnthropic } from "../helpers/fake-anthropic.ts";
import { answerFor, editPrompt, GUIDE_V1, sectionOf, SLUG, startPageServer, writeRegenFixture, type PageServer } from "../helpers/regen-fixture.ts";
import { runWikigen } from "../helpers/run-cli.ts";

// Two real `wikigen regen` processes started together over one store: one does the work, the other
// exits at once with the lock message, and the store stays intact. Moved here from
// test/regen-lock.test.ts (issue 17: the hostile suite); the lease's unit tests stay there.

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "bin", "wikigen.js");

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runChild(cwd: string, env: Record<string, string>, args: string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("two regen processes started together", () => {
  let fake: FakeAnthropic;
  let page: PageServer;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    fake.setResponder((request) => answerFor(sectionOf(request), 2));
    page = await startPageServer(GUIDE_V1);
    dir = mkdtempSync(path.join(tmpdir(), "wikigen-lock-"));
    writeRegenFixture(dir, page.url);
    env = { ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.baseUrl };
    expect([0, 3]).toContain((await runWikigen(["generate", SLUG], { cwd: dir, env })).code);
    editPrompt(dir, "evidence-base", (text) => text.replace(/^version: 1$/m, "version: 2"));
    // Slow answers keep the winner inside its lease while the other process starts and asks.
    fake.setResponder((request) => ({ ...answerFor(sectionOf(request), 2), delayMs: 4_000 }));
  });

  afterAll(async () => {
    await fake.close();
    await page.close();
  });

  it("lets one do the work while the other exits 1 with the lock message; the store stays intact", async () => {
    const before = fake.requests.length;
    const runs = await Promise.all([runChild(dir, env, ["regen"]), runChild(dir, env, ["regen"])]);
    const loser = runs.find((run) => run.code === 1);
    const winner = runs.find((run) => run !== loser);
    expect(loser?.stderr).toMatch(/^wikigen regen: another regen is running \(pid \d+ on .+, since .+; its lock expires at .+ unless renewed\): nothing done\n$/);
    expect(loser?.stdout).toBe("");
    expect([0, 3]).toContain(winner?.code);
    expect(winner?.stdout).toContain(`${SLUG} v2: drafted 1, carried 13, re-verified 0`);
    expect(fake.requests.slice(before).map(sectionOf)).toEqual(["evidence-base"]);

    const db = new Database(path.join(dir, "runs.db"), { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.prepare("SELECT version FROM article_versions ORDER BY version").all()).toEqual([{ version: 1 }, { version: 2 }]);
    expect(db.prepare("SELECT command, trigger, status FROM runs WHERE command LIKE 'regen%'").all()).toEqual([{ command: "regen", trigger: "regen", status: "done" }]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM leases").get()).toEqual({ n: 0 });
    db.close();
  }, 60_000);
});
