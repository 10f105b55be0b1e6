import Database from "better-sqlite3";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { UNLIMITED_RUN_LINES } from "../helpers/article-fixture.ts";
import { useIntegrationHarness } from "../helpers/integration-harness.ts";
import type { CliRun } from "../helpers/run-cli.ts";
import { answerFromBody, bodyOf, sectionOf } from "../helpers/section-answer.ts";
import { withoutModelReads } from "../helpers/fake-models-route.ts";
import { assertCompiledCliIsCurrent } from "../helpers/compiled-cli.ts";

// Resume after kill -9: a real `wikigen generate` process is killed with SIGKILL in the middle of a
// three-article job, then the same command runs again. Every section must then be stored exactly
// once, none committed before the kill is requested again, the store passes its integrity check,
// and `wikigen runs` shows the killed run as interrupted.

const SLUGS = ["alpha-article", "beta-article", "gamma-article"];

function articleOf(request: { body: unknown }): string {
  const text = bodyOf(request).messages[0]?.content[0]?.text ?? "";
  return /^Article: Article (\S+)$/m.exec(text)?.[1] ?? "unknown";
}

function storedSections(file: string): Set<string> {
  if (!existsSync(file)) return new Set();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT av.slug, s.section_id FROM sections s JOIN article_versions av ON av.id = s.article_version_id").all() as { slug: string; section_id: string }[];
    return new Set(rows.map((row) => `${row.slug}/${row.section_id}`));
  } catch {
    return new Set(); // the schema is still being created
  } finally {
    db.close();
  }
}

describe("generate resumes after the process is killed with SIGKILL", () => {
  let beforeKill: Set<string>;
  let killedAt = 0;
  let rerun: CliRun;
  let runsAfterKill: CliRun;
  const harness = useIntegrationHarness({
    prefix: "wikigen-resume-",
    project: { kind: "article", slugs: SLUGS, configLines: ["provider:", "  name: anthropic", ...UNLIMITED_RUN_LINES, "  concurrency: 2"] },
    fake: { responder: (request) => ({ kind: "message", content: answerFromBody(bodyOf(request)), delayMs: 120 }) },
  });

  beforeAll(async () => {
    // The killed child runs dist/ and the rerun runs src/: both must be the same code.
    assertCompiledCliIsCurrent();
    const { dbFile, fake } = harness;
    for (const slug of SLUGS) {
      const file = path.join(harness.dir, "articles", `${slug}.yaml`);
      writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, `title: Article ${slug}`));
    }
    const child = harness.spawnWikigen(["generate", ...SLUGS], { output: "ignore" });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    for (let waited = 0; storedSections(dbFile).size < 10; waited += 25) {
      if (waited > 30_000) throw new Error("the child process stored fewer than 10 sections in 30 s");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    child.kill("SIGKILL");
    await exited;
    beforeKill = storedSections(dbFile);
    runsAfterKill = await harness.wikigen(["runs", "--json"], { env: {} });
    // Counted once the child is gone and its last bytes were read: a request it sent just before the
    // kill can reach the fake after the kill call returns, and belongs to the killed run.
    await new Promise((resolve) => setTimeout(resolve, 200));
    killedAt = withoutModelReads(fake.requests).length;
    rerun = await harness.wikigen(["generate", ...SLUGS]);
  }, 90_000);

  it("was killed mid-job: some sections stored, not all", () => {
    expect(beforeKill.size).toBeGreaterThanOrEqual(10);
    expect(beforeKill.size).toBeLessThan(42);
    const runs = JSON.parse(runsAfterKill.stdout) as { runs: { id: number; status: string }[] };
    expect(runs.runs).toEqual([expect.objectContaining({ id: 1, status: "interrupted" })]);
  });

  it("the rerun drafts only what was missing and completes every article", () => {
    expect([0, 3]).toContain(rerun.code);
    const requestedAgain = withoutModelReads(harness.fake.requests).slice(killedAt).map((request) => `${articleOf(request)}/${sectionOf(request)}`);
    expect(requestedAgain.filter((key) => beforeKill.has(key))).toEqual([]);
    expect(new Set(requestedAgain).size).toBe(requestedAgain.length);
    expect(requestedAgain.length + beforeKill.size).toBe(42);
    expect(rerun.stdout).toMatch(/alpha-article v1/);
  });

  it("stores every section exactly once in one version per article, and the store is intact", () => {
    const db = harness.openDb();
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);
    const versions = db.prepare("SELECT slug, version, status FROM article_versions ORDER BY slug").all();
    expect(versions).toEqual(SLUGS.map((slug) => ({ slug, version: 1, status: "done" })));
    const counts = db.prepare("SELECT article_version_id, section_id, COUNT(*) AS n FROM sections GROUP BY 1, 2").all() as { n: number }[];
    expect(counts).toHaveLength(42);
    expect(counts.every((row) => row.n === 1)).toBe(true);
    const calls = db.prepare("SELECT COUNT(*) AS n FROM model_calls").get() as { n: number };
    expect(calls.n).toBe(42);
    const runs = db.prepare("SELECT id, status, error FROM runs ORDER BY id").all() as { id: number; status: string; error: string | null }[];
    expect(runs.map((run) => [run.id, run.status])).toEqual([
      [1, "interrupted"],
      [2, "done"],
    ]);
    expect(runs[0]?.error).toMatch(/^process \d+ ended without finishing/);
    const resumed = db.prepare("SELECT COUNT(*) AS n FROM run_resumptions WHERE run_id = 2").get() as { n: number };
    expect(resumed.n).toBe(3);
    db.close();
    for (const slug of SLUGS) expect(existsSync(path.join(harness.dir, "output", slug, "article.json"))).toBe(true);
  });

  it("wikigen runs shows the interrupted run and what each run drafted", async () => {
    const result = await harness.wikigen(["runs", "--json"], { env: {} });
    const { runs } = JSON.parse(result.stdout) as { runs: { id: number; status: string; articles: number; sections: { done: number }; usage: { calls: number } }[] };
    const [second, first] = runs;
    expect(first).toMatchObject({ id: 1, status: "interrupted", articles: 3, sections: { done: beforeKill.size } });
    expect(second).toMatchObject({ id: 2, status: "done", articles: 3, sections: { done: 42 - beforeKill.size } });
    expect((first?.usage.calls ?? 0) + (second?.usage.calls ?? 0)).toBe(42);
    const table = await harness.wikigen(["runs"], { env: {} });
    expect(table.stdout).toMatch(/^\s*1\s+\S+ \S+\s+interrupted\s+generate alpha-article/m);
  });
});
