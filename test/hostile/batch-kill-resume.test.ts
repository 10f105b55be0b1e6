import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { addBatchRoutes, BATCH_CONFIG, type FakeBatches } from "../helpers/fake-batches.ts";
import { useIntegrationHarness } from "../helpers/integration-harness.ts";
import type { CliRun } from "../helpers/run-cli.ts";

// kill -9 during `generate --batch`: a real process is killed with SIGKILL while its Message Batch
// is still being polled (fake Message Batches endpoints, real SDK). The rerun must poll that open
// batch instead of submitting a second one, store every section once, and mark the killed run
// interrupted. Moved here from test/generate-batch.test.ts (issue 17: the hostile suite).

const CONFIG = BATCH_CONFIG;

describe("generate --batch after a kill", () => {
  let batches: FakeBatches;
  let rerun: CliRun;
  let batchesBeforeRerun = 0;
  const harness = useIntegrationHarness({
    prefix: "wikigen-batch-kill-",
    project: { kind: "article", configLines: CONFIG.map((line) => line.replace("max_requests: 10", "max_requests: 100")) },
    fake: {},
  });

  beforeAll(async () => {
    batches = addBatchRoutes(harness.fake, { pollsUntilEnded: 1 });
    batches.setEnding(false);
    const child = harness.spawnWikigen(["generate", "demo-article", "--batch"], { output: "ignore" });
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    const { dbFile } = harness;
    const hasBatch = () => {
      if (!existsSync(dbFile)) return false;
      const db = new Database(dbFile, { readonly: true });
      try {
        return (db.prepare("SELECT COUNT(*) AS n FROM message_batches").get() as { n: number }).n > 0;
      } catch {
        return false;
      } finally {
        db.close();
      }
    };
    for (let waited = 0; !hasBatch() || (batches.batches[0]?.polls ?? 0) < 2; waited += 25) {
      if (waited > 30_000) throw new Error("the child process stored no batch in 30 s");
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    child.kill("SIGKILL");
    await exited;
    batchesBeforeRerun = batches.batches.length;
    batches.setEnding(true);
    rerun = await harness.wikigen(["generate", "demo-article", "--batch"]);
  }, 60_000);

  it("polls the open batch from the killed run instead of submitting again, and stores all of it", () => {
    expect(batchesBeforeRerun).toBe(1);
    expect(batches.batches).toHaveLength(1);
    expect([0, 3]).toContain(rerun.code);
    expect(rerun.stderr).toContain(`resuming 1 open batch(es) from an earlier run: ${batches.batches[0]?.id}`);
    const db = harness.openDb();
    const sections = db.prepare("SELECT status, run_id FROM sections").all() as { status: string; run_id: number }[];
    expect(sections).toHaveLength(14);
    expect(sections.every((section) => section.status === "done" && section.run_id === 2)).toBe(true);
    const batch = db.prepare("SELECT run_id, collected_at FROM message_batches").get() as { run_id: number; collected_at: string | null };
    expect(batch.run_id).toBe(1);
    expect(batch.collected_at).not.toBeNull();
    const runs = db.prepare("SELECT status FROM runs ORDER BY id").all();
    expect(runs).toEqual([{ status: "interrupted" }, { status: "done" }]);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
    expect(harness.fake.requests.filter((request) => request.path === "/v1/messages")).toHaveLength(0);
  });
});
