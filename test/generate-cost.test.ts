import { beforeAll, describe, expect, it } from "vitest";
import { testPriceLines, UNLIMITED_RUN_LINES } from "./helpers/article-fixture.ts";
import { FAKE_MODEL } from "./helpers/fake-anthropic.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";
import { answerFromBody, bodyOf } from "./helpers/section-answer.ts";
import { withoutModelReads } from "./helpers/fake-models-route.ts";

// --max-cost stops a job between sections and says what is left; the next run finishes the same
// version. `wikigen runs` and `wikigen cost` report exactly what the model_calls rows hold.

const USAGE = { input_tokens: 1_000, output_tokens: 1_000, cache_creation_input_tokens: 500, cache_read_input_tokens: 2_000 };
// FAKE_MODEL thinks by default: 1,536 thinking tokens at effort medium on top of the answer's 1,000,
// billed as output. USD per call with the test prices (3 / 15 / 3.75 / 0.3 per million):
// 0.003 + 0.03804 + 0.001875 + 0.0006.
const PER_CALL = 0.043515;
const CONFIG = [
  "provider:",
  "  name: anthropic",
  ...UNLIMITED_RUN_LINES,
  "  concurrency: 1",
  ...testPriceLines(),
];

describe("generate --max-cost, then runs and cost", () => {
  let capped: CliRun;
  let finished: CliRun;
  let requestsWhenCapped = 0;
  const harness = useIntegrationHarness({
    prefix: "wikigen-cost-",
    project: { kind: "article", configLines: CONFIG },
    fake: { responder: (request) => ({ kind: "message", content: answerFromBody(bodyOf(request)), usage: USAGE }) },
  });

  beforeAll(async () => {
    capped = await harness.wikigen(["generate", "demo-article", "--max-cost", "0.1"]);
    requestsWhenCapped = withoutModelReads(harness.fake.requests).length;
    finished = await harness.wikigen(["generate", "demo-article"]);
  }, 60_000);

  it("starts no section once the spent cost reaches the cap, and says what is left", () => {
    // Two sections cost 0.087, under 0.1; the third takes it to 0.131; nothing starts after it.
    expect(requestsWhenCapped).toBe(3);
    expect([0, 3]).toContain(capped.code);
    expect(capped.stdout).toContain("stopped by --max-cost 0.1: spent $0.1305; 11 section(s) of 1 article(s) left: demo-article (11); run the same command again to finish them");
    expect(capped.stdout).toMatch(/demo-article v1\s+interrupted/);
  });

  it("the next run finishes the same version with the 11 sections left", () => {
    expect(withoutModelReads(harness.fake.requests).length - requestsWhenCapped).toBe(11);
    expect([0, 3]).toContain(finished.code);
    const db = harness.openDb();
    expect(db.prepare("SELECT version, status FROM article_versions").all()).toEqual([{ version: 1, status: "done" }]);
    expect(db.prepare("SELECT id, status, stopped_by FROM runs ORDER BY id").all()).toEqual([
      { id: 1, status: "done", stopped_by: "max_cost" },
      { id: 2, status: "done", stopped_by: null },
    ]);
    expect((db.prepare("SELECT COUNT(*) AS n FROM sections").get() as { n: number }).n).toBe(14);
    db.close();
  });

  it("wikigen runs reports each run's sections, tokens, cost and cache hit ratio from the stored rows", async () => {
    const result = await harness.wikigen(["runs", "--json"], { env: {} });
    const { runs } = JSON.parse(result.stdout) as { runs: { id: number; stoppedBy: string | null; sections: { done: number }; usage: Record<string, number> }[] };
    const db = harness.openDb();
    const sums = db
      .prepare(
        `SELECT run_id, COUNT(*) AS calls, SUM(input_tokens) AS input, SUM(output_tokens) AS output, SUM(cache_write_tokens) AS cacheWrite,
           SUM(cache_read_tokens) AS cacheRead, SUM(cost_usd) AS cost FROM model_calls GROUP BY run_id ORDER BY run_id DESC`,
      )
      .all() as { calls: number; input: number; output: number; cacheWrite: number; cacheRead: number; cost: number }[];
    db.close();
    expect(runs.map((run) => [run.id, run.stoppedBy, run.sections.done])).toEqual([
      [2, null, 11],
      [1, "max_cost", 3],
    ]);
    runs.forEach((run, index) => {
      const row = sums[index];
      expect(run.usage).toMatchObject({ calls: row?.calls, inputTokens: row?.input, outputTokens: row?.output, cacheWriteTokens: row?.cacheWrite, cacheReadTokens: row?.cacheRead });
      expect(run.usage.costUsd).toBeCloseTo(row?.cost ?? -1, 12);
      expect(run.usage.cacheHitRatio).toBeCloseTo(2_000 / (1_000 + 500 + 2_000), 12);
    });
    expect(runs[1]?.usage.costUsd).toBeCloseTo(3 * PER_CALL, 12);
    const table = await harness.wikigen(["runs"], { env: {} });
    expect(table.stdout).toMatch(/^\s*1\s.*done \(max_cost\).*\$0\.1305\s+57\.1%$/m);
  });

  it("wikigen cost totals all calls, by model, mode, article and day, and --since filters them", async () => {
    const report = JSON.parse((await harness.wikigen(["cost", "--json"], { env: {} })).stdout) as {
      total: { calls: number; costUsd: number };
      byModel: { model: string; calls: number }[];
      byMode: { mode: string; calls: number }[];
      byArticle: { slug: string; costUsd: number }[];
      byDay: { day: string; calls: number }[];
    };
    expect(report.total.calls).toBe(14);
    expect(report.total.costUsd).toBeCloseTo(14 * PER_CALL, 12);
    expect(report.byModel.map((row) => [row.model, row.calls])).toEqual([[FAKE_MODEL, 14]]);
    expect(report.byMode.map((row) => [row.mode, row.calls])).toEqual([["live", 14]]);
    expect(report.byArticle.map((row) => row.slug)).toEqual(["demo-article"]);
    expect(report.byDay.map((row) => [row.day, row.calls])).toEqual([[new Date().toISOString().slice(0, 10), 14]]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const later = await harness.wikigen(["cost", "--since", tomorrow], { env: {} });
    expect(later.stdout.trim()).toBe(`no model calls since ${tomorrow}T00:00:00.000Z`);
    const bad = await harness.wikigen(["cost", "--since", "yesterday-ish"], { env: {} });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--since: expected a date like 2026-11-01, got "yesterday-ish"');
  });
});
