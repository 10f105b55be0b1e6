import { beforeAll, describe, expect, it } from "vitest";
import { TEST_PRICE, testPriceLines } from "./helpers/article-fixture.ts";
import { FAKE_MODEL, type FakeResponse } from "./helpers/fake-anthropic.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";
import { answerFromBody, bodyOf, sectionOf } from "./helpers/section-answer.ts";

// `wikigen generate` against the fake's streamed answers with provider.timeout_ms at 1 s: a
// section whose generation takes far longer streams to the end and is paid for once; a section whose
// stream stalls halfway fails once, is not drafted again in the run, and its row records what the
// API may bill for the half answer. max_retries is 2, so the old behaviour (a total timeout per
// attempt, retried) would send the slow section three times, then three more in the job's retry.

const USAGE = { input_tokens: 2_000, output_tokens: 400, cache_creation_input_tokens: 0, cache_read_input_tokens: 1_000 };
const PRICE = TEST_PRICE;
/** USD of one answer with USAGE at PRICE. */
const ONE_ANSWER_USD = (2_000 * PRICE.input + 400 * PRICE.output + 1_000 * PRICE.cacheRead) / 1_000_000;

const PLAN: Record<string, Partial<Extract<FakeResponse, { kind: "message" }>>> = {
  // 400 output tokens at 6 ms each: 2.4 s of generation against a 1 s timeout.
  summary: { usage: USAGE, speed: { msPerOutputToken: 6, timeToFirstTokenMs: 50, pingIntervalMs: 50 } },
  // Silent, with the connection open, once half the answer has arrived.
  "key-terms": { usage: USAGE, streamFault: { afterShare: 0.5, kind: "stall" }, requestId: "req_stalled" },
};

describe("generate: streamed sections and provider.timeout_ms", () => {
  let run: CliRun;
  const requests = new Map<string, number>();
  const harness = useIntegrationHarness({
    prefix: "wikigen-stream-",
    project: {
      kind: "article",
      configLines: [
        "provider:",
        "  name: anthropic",
        `  model: ${FAKE_MODEL}`,
        "  max_retries: 2",
        // Well above how long the busy in-process CLI may hold the event loop it shares with the fake.
        "  timeout_ms: 1000",
        ...testPriceLines(),
      ],
    },
    fake: {
      // Streaming, not thinking, is under test: without the model's own thinking, usage is what PLAN says.
      thinkingTokens: 0,
      responder: (request): FakeResponse => {
        const section = sectionOf(request);
        requests.set(section, (requests.get(section) ?? 0) + 1);
        return { kind: "message", content: answerFromBody(bodyOf(request)), ...PLAN[section] };
      },
    },
  });

  beforeAll(async () => {
    run = await harness.wikigen(["generate", "demo-article"]);
  }, 60_000);

  function sectionRow(section: string) {
    const db = harness.openDb();
    const row = db.prepare("SELECT status, error, attempts, input_tokens, output_tokens, cost_usd FROM sections WHERE section_id = ?").get(section);
    const calls = db.prepare("SELECT attempts, outcome, error_kind, request_id, input_tokens, output_tokens, cache_read_tokens, cost_usd FROM model_calls WHERE section_id = ? ORDER BY id").all(section);
    db.close();
    return { row: row as Record<string, unknown>, calls: calls as Record<string, unknown>[] };
  }

  it("sends each streamed section once: the slow one and the stalled one too", () => {
    expect(requests.get("summary")).toBe(1);
    expect(requests.get("key-terms")).toBe(1);
    expect(harness.fake.requests.filter((request) => sectionOf(request) === "summary")).toHaveLength(1);
    expect(requests.size).toBe(14);
    expect(Object.fromEntries([...requests].filter(([, count]) => count !== 1))).toEqual({});
  });

  it("stores the slow section done, with the usage and cost of one answer", () => {
    const { row, calls } = sectionRow("summary");
    expect(row).toMatchObject({ status: "done", error: null, attempts: 1, input_tokens: 2_000, output_tokens: 400 });
    expect(row.cost_usd).toBeCloseTo(ONE_ANSWER_USD, 10);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ attempts: 1, outcome: "ok", error_kind: null, input_tokens: 2_000, output_tokens: 400, cache_read_tokens: 1_000 });
  });

  it("stores the stalled section failed, once, with the stall named and its partial usage counted", () => {
    const { row, calls } = sectionRow("key-terms");
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/^Anthropic API answer stalled: nothing received for 1000 ms \(provider\.timeout_ms\) after it began streaming, about \d+ output tokens? in, request req_stalled; not retried/);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ attempts: 1, outcome: "error", error_kind: "timeout", request_id: "req_stalled", input_tokens: 2_000, cache_read_tokens: 1_000 });
    // Input as message_start reported it, plus the output that had arrived: more than nothing, less than a whole answer.
    expect(calls[0]?.output_tokens).toBeGreaterThan(1);
    expect(calls[0]?.output_tokens).toBeLessThan(400);
    expect(row.cost_usd).toBeGreaterThan((2_000 * PRICE.input + 1_000 * PRICE.cacheRead) / 1_000_000);
    expect(row.cost_usd).toBeLessThan(ONE_ANSWER_USD);
  });

  it("finishes the job with the stalled section as its only failure", () => {
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("demo-article key-terms: Anthropic API answer stalled");
    const db = harness.openDb();
    const failed = db.prepare("SELECT section_id FROM sections WHERE status = 'failed'").all();
    db.close();
    expect(failed).toEqual([{ section_id: "key-terms" }]);
  });
});
