import { beforeAll, describe, expect, it } from "vitest";
import { FAKE_MODEL } from "./helpers/fake-anthropic.ts";
import { addBatchRoutes, BATCH_CONFIG, BATCH_PRICE, BATCH_USAGE, type BatchResultPlan, type FakeBatches } from "./helpers/fake-batches.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";
import { answerFromBody, bodyOf, sectionOf } from "./helpers/section-answer.ts";
import { DEFAULT_THINKING_TOKENS } from "./helpers/fake-thinking.ts";

// `generate --batch` through the real SDK against the fake Message Batches endpoints: splitting at
// the per-batch limit, custom ids, polling, results matched by custom_id whatever their order, each
// result type handled (succeeded, errored, canceled, expired, invalid or truncated output), cost at
// the batch discount, and a killed job whose rerun polls the open batch instead of resubmitting.

const PRICE = BATCH_PRICE;
const CONFIG = BATCH_CONFIG;

const PLANS: Record<string, BatchResultPlan> = {
  "type-discipline": { type: "errored", errorType: "overloaded_error" },
  "creators-lineage": { type: "errored", errorType: "invalid_request_error", message: "prompt is too long" },
  "core-principles": { type: "canceled" },
  "evidence-base": { type: "expired" },
  "key-terms": { type: "succeeded", content: "{ not json" },
  "problems-for-work": { type: "succeeded", content: '{"blocks": [', stopReason: "max_tokens" },
};

const LIVE_USAGE = { input_tokens: 120, output_tokens: 40, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

const fullCost = (usage: typeof BATCH_USAGE) =>
  (usage.input_tokens * PRICE.input + usage.output_tokens * PRICE.output + usage.cache_creation_input_tokens * PRICE.cacheWrite + usage.cache_read_input_tokens * PRICE.cacheRead) / 1e6;

describe("generate --batch", () => {
  let batches: FakeBatches;
  let run: CliRun;
  const harness = useIntegrationHarness({
    prefix: "wikigen-batch-",
    project: { kind: "article", slugs: ["first-article", "second-article"], configLines: CONFIG },
    // Live answers (repairs and re-drafts) script their usage, so their price below is a fixed figure.
    fake: { responder: (request) => ({ kind: "message", content: answerFromBody(bodyOf(request)), model: FAKE_MODEL, usage: LIVE_USAGE }) },
  });

  beforeAll(async () => {
    batches = addBatchRoutes(harness.fake, { pollsUntilEnded: 3, maxRequests: 10 });
    batches.setDecider((_customId, section) => PLANS[section] ?? { type: "succeeded" });
    run = await harness.wikigen(["generate", "first-article", "second-article", "--batch"]);
  }, 60_000);

  it("submits every section once, split at the per-batch limit, with valid unique custom ids", () => {
    expect(batches.batches.map((batch) => batch.requests.length)).toEqual([10, 10, 8]);
    const ids = batches.batches.flatMap((batch) => batch.requests.map((request) => request.custom_id));
    expect(new Set(ids).size).toBe(28);
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(batches.batches.every((batch) => batch.polls >= 3)).toBe(true);
  });

  it("stores each batch and the custom_id -> section mapping with each result type", () => {
    const db = harness.openDb();
    const stored = db.prepare("SELECT id, processing_status, request_count, collected_at FROM message_batches ORDER BY id").all() as { id: string; processing_status: string; request_count: number; collected_at: string | null }[];
    expect(stored.map((batch) => [batch.id, batch.processing_status, batch.request_count])).toEqual(batches.batches.map((batch) => [batch.id, "ended", batch.requests.length]));
    expect(stored.every((batch) => batch.collected_at !== null)).toBe(true);
    const mapping = db.prepare("SELECT br.custom_id, br.section_id, br.result, av.slug FROM batch_requests br JOIN article_versions av ON av.id = br.article_version_id").all() as { custom_id: string; section_id: string; result: string }[];
    db.close();
    const sent = new Map(batches.batches.flatMap((batch) => batch.requests.map((request) => [request.custom_id, sectionOf({ body: request.params } as Parameters<typeof sectionOf>[0])])));
    expect(mapping).toHaveLength(28);
    for (const row of mapping) expect(row.section_id).toBe(sent.get(row.custom_id));
    const results = (section: string) => mapping.filter((row) => row.section_id === section).map((row) => row.result);
    expect(results("type-discipline")).toEqual(["errored", "errored"]);
    expect(results("core-principles")).toEqual(["canceled", "canceled"]);
    expect(results("evidence-base")).toEqual(["expired", "expired"]);
    expect(results("summary")).toEqual(["succeeded", "succeeded"]);
  });

  it("retries errored, canceled and expired requests live, repairs invalid output live, and stores the rest as failed", () => {
    expect(run.code).toBe(2);
    const live = harness.fake.requests.filter((request) => request.path === "/v1/messages").map((request) => sectionOf(request));
    expect(live.sort()).toEqual(["core-principles", "core-principles", "evidence-base", "evidence-base", "key-terms", "key-terms", "type-discipline", "type-discipline"]);
    const db = harness.openDb();
    const sections = db.prepare("SELECT section_id, status, error, attempts FROM sections").all() as { section_id: string; status: string; error: string | null; attempts: number }[];
    db.close();
    expect(sections).toHaveLength(28);
    const of = (id: string) => sections.filter((section) => section.section_id === id).map(({ status, error, attempts }) => ({ status, error, attempts }));
    expect(of("creators-lineage")).toEqual(Array(2).fill({ status: "failed", error: "batch request errored (invalid_request_error): prompt is too long", attempts: 1 }));
    expect(of("problems-for-work")).toEqual(Array(2).fill({ status: "failed", error: "output truncated at 120 tokens; raise provider.max_tokens", attempts: 1 }));
    for (const id of ["type-discipline", "core-principles", "evidence-base", "key-terms"]) expect(of(id)).toEqual(Array(2).fill({ status: "done", error: null, attempts: 2 }));
    expect(sections.filter((section) => section.status === "done")).toHaveLength(24);
    expect(run.stdout).toContain("first-article creators-lineage: batch request errored (invalid_request_error): prompt is too long");
  });

  it("prices batch answers at the batch discount and live ones in full; runs and cost reports match the rows", async () => {
    const db = harness.openDb();
    const calls = db.prepare("SELECT batch_id, outcome, cost_usd, input_tokens FROM model_calls").all() as { batch_id: string | null; outcome: string; cost_usd: number; input_tokens: number }[];
    const sectionCost = (db.prepare("SELECT SUM(cost_usd) AS usd FROM sections").get() as { usd: number }).usd;
    db.close();
    const batch = calls.filter((call) => call.batch_id !== null);
    expect(batch).toHaveLength(28);
    for (const call of batch.filter((row) => row.input_tokens > 0)) expect(call.cost_usd).toBeCloseTo(fullCost(BATCH_USAGE) * 0.5, 12);
    // Live answers of FAKE_MODEL carry its default thinking (effort medium), billed as output tokens.
    for (const call of calls.filter((row) => row.batch_id === null)) expect(call.cost_usd).toBeCloseTo(fullCost({ ...LIVE_USAGE, output_tokens: 40 + DEFAULT_THINKING_TOKENS }), 12);
    const total = calls.reduce((sum, call) => sum + call.cost_usd, 0);
    expect(sectionCost).toBeCloseTo(total, 12);

    const cost = JSON.parse((await harness.wikigen(["cost", "--json"], { env: {} })).stdout) as { total: { calls: number; costUsd: number }; byMode: { mode: string; calls: number; costUsd: number }[] };
    expect(cost.total.calls).toBe(calls.length);
    expect(cost.total.costUsd).toBeCloseTo(total, 12);
    expect(cost.byMode.map((row) => [row.mode, row.calls])).toEqual([["live", 8], ["batch", 28]]);
    const runs = JSON.parse((await harness.wikigen(["runs", "--json"], { env: {} })).stdout) as { runs: { batchCalls: number; usage: { costUsd: number; cacheHitRatio: number } }[] };
    expect(runs.runs[0]?.batchCalls).toBe(28);
    expect(runs.runs[0]?.usage.costUsd).toBeCloseTo(total, 12);
  });
});
