import { describe, expect, it } from "vitest";
import { FAKE_MODEL } from "./helpers/fake-anthropic.ts";
import { addBatchRoutes, BATCH_CONFIG, DAY_MS, type FakeBatches } from "./helpers/fake-batches.ts";
import { startIntegrationHarness, type IntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";
import { answerFromBody, bodyOf } from "./helpers/section-answer.ts";

// Batches a later run can no longer collect, through the real SDK against the fake's life cycle:
// a run leaves its batch open (its first poll fails), then the fake's clock or key moves on:
// - past expires_at (24 h): the batch ended with every request expired; the rerun collects it,
//   records it as expired and drafts those sections again live;
// - past the archive date (29 days after the end): results_url is null; the rerun records it as
//   archived and submits its sections in a new batch;
// - another workspace's key: the API answers 404; the rerun records it as not_found and submits
//   its sections in a new batch.
// None of them may stop the rerun, and every section ends up drafted once.

const CONFIG = BATCH_CONFIG.map((line) => line.replace("max_requests: 10", "max_requests: 100"));
const GENERATE = ["generate", "demo-article", "--batch"];

async function leaveBatchOpen(): Promise<{ harness: IntegrationHarness; batches: FakeBatches; first: CliRun }> {
  const harness = await startIntegrationHarness({ prefix: "wikigen-batch-gone-", project: { kind: "article", configLines: CONFIG },
    // Live calls (the expired sections drafted again) answer like the model would.
    fake: { responder: (request) => ({ kind: "message", content: answerFromBody(bodyOf(request)), model: FAKE_MODEL }) },
  });
  const batches = addBatchRoutes(harness.fake, { pollsUntilEnded: 1 });
  batches.failNext("retrieve", { kind: "error", status: 500, headers: { "x-should-retry": "false" } });
  const first = await harness.wikigen(GENERATE);
  return { harness, batches, first };
}

function readStore(harness: IntegrationHarness) {
  const db = harness.openDb();
  try {
    return {
      batches: db.prepare("SELECT id, outcome, outcome_detail, collected_at FROM message_batches ORDER BY created_at, id").all() as {
        id: string;
        outcome: string | null;
        outcome_detail: string | null;
        collected_at: string | null;
      }[],
      sections: db.prepare("SELECT section_id, status, run_id FROM sections").all() as { section_id: string; status: string; run_id: number }[],
    };
  } finally {
    db.close();
  }
}

const liveCalls = (harness: IntegrationHarness) => harness.fake.requests.filter((request) => request.path === "/v1/messages").length;

describe("a batch the rerun can no longer collect", () => {
  it("expired: collected as expired, its sections drafted again live", async () => {
    const { harness, batches, first } = await leaveBatchOpen();
    try {
      expect(first.code).toBe(1);
      expect(readStore(harness).sections).toHaveLength(0);
      batches.clock.advance(DAY_MS + 3_600_000);
      const rerun = await harness.wikigen(GENERATE);
      expect([0, 3]).toContain(rerun.code);
      const store = readStore(harness);
      expect(batches.batches).toHaveLength(1);
      expect(store.batches).toEqual([{ id: batches.batches[0]?.id, outcome: "expired", outcome_detail: "14 expired", collected_at: expect.any(String) }]);
      expect(store.sections).toHaveLength(14);
      expect(store.sections.every((section) => section.status === "done" && section.run_id === 2)).toBe(true);
      expect(liveCalls(harness)).toBe(14);
      const listed = JSON.parse((await harness.wikigen(["batches", "--json"])).stdout) as { batches: { outcome: string; what_happened: string }[] };
      expect(listed.batches.map((batch) => [batch.outcome, batch.what_happened])).toEqual([
        ["expired", "expired before every request was processed: 14 expired; the expired ones were drafted again live"],
      ]);
    } finally {
      await harness.close();
    }
  }, 60_000);

  it("archived: recorded as archived, its sections submitted in a new batch", async () => {
    const { harness, batches, first } = await leaveBatchOpen();
    try {
      expect(first.code).toBe(1);
      batches.clock.advance(DAY_MS + 30 * DAY_MS);
      const rerun = await harness.wikigen(GENERATE);
      expect([0, 3]).toContain(rerun.code);
      const [old, fresh] = batches.batches;
      expect(batches.batches).toHaveLength(2);
      expect(fresh?.requests.map((request) => request.custom_id).sort()).toEqual(old?.requests.map((request) => request.custom_id).sort());
      expect(rerun.stderr).toContain(`batch: ${old?.id} can no longer be collected: archived at`);
      const store = readStore(harness);
      expect(store.batches.map(({ id, outcome, collected_at }) => ({ id, outcome, isCollected: collected_at !== null }))).toEqual([
        { id: old?.id, outcome: "archived", isCollected: false },
        { id: fresh?.id, outcome: "collected", isCollected: true },
      ]);
      expect(store.batches[0]?.outcome_detail).toMatch(/^archived at \S+ before its results were collected; 14 section\(s\) queued again$/);
      expect(store.sections).toHaveLength(14);
      expect(store.sections.every((section) => section.status === "done" && section.run_id === 2)).toBe(true);
      expect(liveCalls(harness)).toBe(0);
      // Results were asked for once, of the new batch: never of the archived one.
      expect(batches.calls.results).toBe(1);
    } finally {
      await harness.close();
    }
  }, 60_000);

  it("of another workspace (404): recorded as not_found, its sections submitted in a new batch", async () => {
    const { harness, batches, first } = await leaveBatchOpen();
    try {
      expect(first.code).toBe(1);
      batches.switchWorkspace("wrkspc_fake_other");
      const rerun = await harness.wikigen(GENERATE);
      expect([0, 3]).toContain(rerun.code);
      expect(batches.batches.map((batch) => batch.workspace)).toEqual(["wrkspc_fake_default", "wrkspc_fake_other"]);
      const store = readStore(harness);
      expect(store.batches.map((batch) => batch.outcome)).toEqual(["not_found", "collected"]);
      expect(store.batches[0]?.outcome_detail).toBe("the API answers 404 for it with this key (another key or workspace, or deleted); 14 section(s) queued again");
      expect(store.sections).toHaveLength(14);
      expect(store.sections.every((section) => section.status === "done" && section.run_id === 2)).toBe(true);
      expect(liveCalls(harness)).toBe(0);
    } finally {
      await harness.close();
    }
  }, 60_000);

  it("cancelled from the CLI with another workspace's key (404): recorded as not_found, exit 1 saying so", async () => {
    const { harness, batches, first } = await leaveBatchOpen();
    try {
      expect(first.code).toBe(1);
      batches.switchWorkspace("wrkspc_fake_other");
      const id = batches.batches[0]?.id as string;
      const cancel = await harness.wikigen(["batches", "cancel", id]);
      expect(cancel.code).toBe(1);
      expect(cancel.stderr).toBe(
        `wikigen batches: cannot cancel ${id}: the API answers 404 for it with this key (another key or workspace, or deleted); 14 section(s) queued again; recorded in runs.db\n`,
      );
      expect(readStore(harness).batches.map((batch) => batch.outcome)).toEqual(["not_found"]);
      expect(batches.batches[0]?.cancelInitiatedAt).toBeUndefined();
    } finally {
      await harness.close();
    }
  }, 60_000);

  it("not found while being polled: closed, its sections left to the next run, which drafts them in a new batch", async () => {
    const harness = await startIntegrationHarness({ prefix: "wikigen-batch-gone-poll-", project: { kind: "article", configLines: CONFIG }, fake: {} });
    try {
      const batches = addBatchRoutes(harness.fake, { pollsUntilEnded: 1 });
      batches.failNext("retrieve", { kind: "error", status: 404 });
      const first = await harness.wikigen(GENERATE);
      const id = batches.batches[0]?.id as string;
      expect(first.stderr).toContain(`batch: ${id} can no longer be collected: the API answers 404 for it with this key (another key or workspace, or deleted); 14 section(s) queued again (for the next run)`);
      expect(first.code).toBe(0);
      const afterFirst = readStore(harness);
      expect(afterFirst.batches.map((batch) => batch.outcome)).toEqual(["not_found"]);
      expect(afterFirst.sections).toHaveLength(0);
      const rerun = await harness.wikigen(GENERATE);
      expect([0, 3]).toContain(rerun.code);
      expect(batches.batches).toHaveLength(2);
      const store = readStore(harness);
      expect(store.batches.map((batch) => batch.outcome)).toEqual(["not_found", "collected"]);
      expect(store.sections).toHaveLength(14);
      expect(store.sections.every((section) => section.status === "done" && section.run_id === 2)).toBe(true);
    } finally {
      await harness.close();
    }
  }, 60_000);
});
