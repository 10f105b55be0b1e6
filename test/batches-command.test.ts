import { beforeAll, describe, expect, it } from "vitest";
import { FAKE_MODEL } from "./helpers/fake-anthropic.ts";
import { addBatchRoutes, BATCH_CONFIG, type FakeBatches } from "./helpers/fake-batches.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";
import { answerFromBody, bodyOf } from "./helpers/section-answer.ts";

// `wikigen batches [list | cancel <id>]` over a real store and the fake Message Batches API: a run
// leaves its batch open (its first poll fails), list shows it, cancel goes through the API and is
// recorded, the next generate collects the cancelled batch and drafts its sections live, and list
// then says what happened. Bad ids and actions stop with exit 1 and say what was wrong.

const CONFIG = BATCH_CONFIG.map((line) => line.replace("max_requests: 10", "max_requests: 100"));

interface ListedBatch {
  id: string;
  run_id: number;
  status: string;
  outcome: string | null;
  sections: number;
  created_at: string;
  expires_at: string;
  cancel_initiated_at: string | null;
  what_happened: string;
}

describe("wikigen batches", () => {
  let batches: FakeBatches;
  let id: string;
  let listedOpen: CliRun;
  let tableOpen: CliRun;
  let cancel: CliRun;
  let listedCanceling: CliRun;
  const harness = useIntegrationHarness({
    prefix: "wikigen-batches-cmd-",
    project: { kind: "article", configLines: CONFIG },
    fake: { responder: (request) => ({ kind: "message", content: answerFromBody(bodyOf(request)), model: FAKE_MODEL }) },
  });

  beforeAll(async () => {
    batches = addBatchRoutes(harness.fake, { pollsUntilEnded: 3 });
    batches.failNext("retrieve", { kind: "error", status: 500, headers: { "x-should-retry": "false" } });
    const first = await harness.wikigen(["generate", "demo-article", "--batch"]);
    if (first.code !== 1) throw new Error(`the first run should stop at its failed poll, got exit ${first.code}: ${first.stderr}`);
    id = batches.batches[0]?.id as string;
    listedOpen = await harness.wikigen(["batches", "list", "--json"]);
    tableOpen = await harness.wikigen(["batches"]);
    cancel = await harness.wikigen(["batches", "cancel", id]);
    listedCanceling = await harness.wikigen(["batches", "--json"]);
  }, 60_000);

  it("lists the open batch from the store: id, run, status, sections, created, expires, what comes next", () => {
    expect(listedOpen.code).toBe(0);
    const listed = (JSON.parse(listedOpen.stdout) as { batches: ListedBatch[] }).batches;
    expect(listed).toHaveLength(1);
    const fake = batches.batches[0];
    expect(listed[0]).toMatchObject({
      id,
      run_id: 1,
      status: "in_progress",
      outcome: null,
      sections: 14,
      created_at: new Date(fake?.createdAt ?? 0).toISOString(),
      expires_at: new Date((fake?.createdAt ?? 0) + 86_400_000).toISOString(),
      cancel_initiated_at: null,
      what_happened: "in progress; the next generate --batch polls it",
    });
    const lines = tableOpen.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^batch\s+run\s+status\s+sections\s+created \(UTC\)\s+expires \(UTC\)\s+what happened$/);
    expect(lines[1]).toMatch(new RegExp(`^${id}\\s+1\\s+in_progress\\s+14\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+in progress; the next generate --batch polls it$`));
  });

  it("cancels through the API and records it", () => {
    expect(cancel.code).toBe(0);
    expect(cancel.stdout).toMatch(new RegExp(`^${id}: canceling; cancel requested at .+; the next generate --batch collects it\\n$`));
    expect(harness.fake.requests.filter((request) => request.method === "POST" && request.path === `/v1/messages/batches/${id}/cancel`)).toHaveLength(1);
    expect(batches.batches[0]?.cancelInitiatedAt).toBeDefined();
    const listed = (JSON.parse(listedCanceling.stdout) as { batches: ListedBatch[] }).batches;
    expect(listed[0]).toMatchObject({ id, status: "canceling", outcome: null, cancel_initiated_at: new Date(batches.batches[0]?.cancelInitiatedAt ?? 0).toISOString() });
  });

  it("refuses an unknown id, a closed batch and an unknown action with exit 1 and a message", async () => {
    const unknown = await harness.wikigen(["batches", "cancel", "msgbatch_nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`wikigen batches: cancel: no batch "msgbatch_nope" in runs.db (known: ${id})`);
    const action = await harness.wikigen(["batches", "delete", id]);
    expect(action.code).toBe(1);
    expect(action.stderr).toContain('expected list or cancel <id>, got "delete"');
    const missing = await harness.wikigen(["batches", "cancel"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("cancel: expected one batch id");
    // Nothing of that reached the API.
    expect(harness.fake.requests.filter((request) => request.path.includes("/cancel"))).toHaveLength(1);
  });

  it("the next generate collects the cancelled batch, drafts its sections live, and list says so", async () => {
    const rerun = await harness.wikigen(["generate", "demo-article", "--batch"]);
    expect([0, 3]).toContain(rerun.code);
    expect(harness.fake.requests.filter((request) => request.path === "/v1/messages")).toHaveLength(14);
    expect(batches.batches).toHaveLength(1);
    const db = harness.openDb();
    const sections = db.prepare("SELECT status FROM sections").all() as { status: string }[];
    db.close();
    expect(sections).toHaveLength(14);
    expect(sections.every((section) => section.status === "done")).toBe(true);
    const listed = (JSON.parse((await harness.wikigen(["batches", "--json"])).stdout) as { batches: ListedBatch[] }).batches;
    expect(listed.map(({ id: batchId, status, outcome, what_happened }) => ({ batchId, status, outcome, what_happened }))).toEqual([
      { batchId: id, status: "ended", outcome: "canceled", what_happened: "cancelled: 14 canceled; the cancelled ones were drafted again live" },
    ]);
    const again = await harness.wikigen(["batches", "cancel", id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`cancel: batch ${id} is already closed (cancelled: 14 canceled; the cancelled ones were drafted again live); nothing to cancel`);
  });
});
