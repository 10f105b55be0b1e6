import { beforeAll, describe, expect, it } from "vitest";
import { addBatchRoutes, BATCH_CONFIG, type FakeBatches } from "./helpers/fake-batches.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";

// A batch create whose answer is lost after the API accepted it (the fake stores the batch, then
// destroys the connection), through the real SDK. With SDK retries allowed (max_retries 2), a blind
// retry would submit a second batch and pay for every section twice; instead the job lists the
// batches the API has and adopts the one it made. When even the list cannot be read, the run stops
// without submitting again and the rerun adopts the batch.

const CONFIG = BATCH_CONFIG.map((line) => line.replace("max_requests: 10", "max_requests: 100").replace("max_retries: 0", "max_retries: 2"));
const GENERATE = ["generate", "demo-article", "--batch"];
const NO_RETRY_500 = { kind: "error", status: 500, headers: { "x-should-retry": "false" } } as const;

interface SectionRow {
  section_id: string;
  status: string;
  run_id: number;
}

describe("a batch create whose answer is lost", () => {
  let batches: FakeBatches;
  let run: CliRun;
  const harness = useIntegrationHarness({ prefix: "wikigen-batch-lost-", project: { kind: "article", configLines: CONFIG }, fake: {} });

  beforeAll(async () => {
    batches = addBatchRoutes(harness.fake, { pollsUntilEnded: 1 });
    batches.loseNextCreateResponse();
    run = await harness.wikigen(GENERATE);
  }, 60_000);

  it("finds the batch the API accepted and adopts it: one batch at the API, every section drafted once", () => {
    expect(batches.calls.create).toBe(1);
    expect(batches.batches).toHaveLength(1);
    expect([0, 3]).toContain(run.code);
    const id = batches.batches[0]?.id as string;
    expect(run.stderr).toContain(`the API had accepted it as ${id}; adopted instead of submitting again`);
    const db = harness.openDb();
    const sections = db.prepare("SELECT section_id, status, run_id FROM sections").all() as SectionRow[];
    const stored = db.prepare("SELECT id, collected_at, outcome FROM message_batches").all();
    const submissions = db.prepare("SELECT request_count, attempts, status, batch_id FROM batch_submissions").all();
    const batchCalls = (db.prepare("SELECT COUNT(*) AS n FROM model_calls WHERE batch_id = ?").get(id) as { n: number }).n;
    db.close();
    expect(sections).toHaveLength(14);
    expect(new Set(sections.map((section) => section.section_id)).size).toBe(14);
    expect(sections.every((section) => section.status === "done")).toBe(true);
    expect(stored).toEqual([{ id, collected_at: expect.any(String), outcome: "collected" }]);
    expect(submissions).toEqual([{ request_count: 14, attempts: 1, status: "adopted", batch_id: id }]);
    expect(batchCalls).toBe(14);
    expect(harness.fake.requests.filter((request) => request.path === "/v1/messages")).toHaveLength(0);
  });
});

describe("a lost batch create that cannot be looked up, then a rerun", () => {
  let batches: FakeBatches;
  let first: CliRun;
  let rerun: CliRun;
  const harness = useIntegrationHarness({ prefix: "wikigen-batch-lost-rerun-", project: { kind: "article", configLines: CONFIG }, fake: {} });

  beforeAll(async () => {
    batches = addBatchRoutes(harness.fake, { pollsUntilEnded: 1 });
    batches.loseNextCreateResponse();
    batches.failNext("list", NO_RETRY_500);
    first = await harness.wikigen(GENERATE);
    rerun = await harness.wikigen(GENERATE);
  }, 60_000);

  it("stops the first run without submitting again, saying why", () => {
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("the batch list could not be read to see whether the API accepted it");
    expect(first.stderr).toContain("nothing was submitted again: rerun to look again");
  });

  it("adopts the batch on the rerun: one batch at the API, every section drafted once, by the rerun", () => {
    expect(batches.calls.create).toBe(1);
    expect(batches.batches).toHaveLength(1);
    expect([0, 3]).toContain(rerun.code);
    const id = batches.batches[0]?.id as string;
    expect(rerun.stderr).toContain(`run 1 left a create of 14 request(s) unanswered; the API had accepted it as ${id}: adopted`);
    const db = harness.openDb();
    const sections = db.prepare("SELECT section_id, status, run_id FROM sections").all() as SectionRow[];
    const stored = db.prepare("SELECT id, run_id, outcome FROM message_batches").all();
    const submissions = db.prepare("SELECT run_id, status, batch_id FROM batch_submissions").all();
    const runs = db.prepare("SELECT status FROM runs ORDER BY id").all();
    db.close();
    expect(sections).toHaveLength(14);
    expect(new Set(sections.map((section) => section.section_id)).size).toBe(14);
    expect(sections.every((section) => section.status === "done" && section.run_id === 2)).toBe(true);
    expect(stored).toEqual([{ id, run_id: 1, outcome: "collected" }]);
    expect(submissions).toEqual([{ run_id: 1, status: "adopted", batch_id: id }]);
    expect(runs).toEqual([{ status: "failed" }, { status: "done" }]);
    expect(harness.fake.requests.filter((request) => request.path === "/v1/messages")).toHaveLength(0);
  });
});
