import { beforeAll, describe, expect, it } from "vitest";
import type { FakeResponse } from "./helpers/fake-anthropic.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import type { CliRun } from "./helpers/run-cli.ts";
import { answerFromBody, bodyOf, sectionOf } from "./helpers/section-answer.ts";

// Every fault of a live job through the real SDK against the fake Messages API, one section each:
// what is retried (by the SDK, by the job once, by a repair request), what is stored as failed with
// its reason, and the model_calls rows that record each attempt. provider.max_retries is 1, so an
// SDK call is at most two HTTP attempts.

const PLAN: Record<string, (attempt: number) => FakeResponse | "answer"> = {
  // 429 once: the SDK waits retry-after and the second attempt succeeds.
  summary: (attempt) => (attempt === 1 ? { kind: "error", status: 429, headers: { "retry-after-ms": "50" } } : "answer"),
  // 529 on every attempt: SDK retry, one job-level retry, then failed.
  "type-discipline": () => ({ kind: "error", status: 529 }),
  // 500 until the SDK gives up; the job-level retry succeeds.
  "creators-lineage": (attempt) => (attempt <= 2 ? { kind: "error", status: 500 } : "answer"),
  // A connection reset once.
  "core-principles": (attempt) => (attempt === 1 ? { kind: "reset" } : "answer"),
  // Slower than provider.timeout_ms on every attempt.
  "interventions-techniques": () => ({ kind: "message", content: { blocks: [] }, delayMs: 1_500 }),
  // Not JSON, twice: the repair fails too.
  "evidence-base": () => ({ kind: "message", content: "{ not json" }),
  // Valid JSON that breaks the schema, once: the repair succeeds.
  "populations-indications": (attempt) => (attempt === 1 ? { kind: "message", content: { blocks: [{ kind: "paragraph", text: "no claims" }] } } : "answer"),
  // Truncated at max_tokens: never retried (the same request would be cut again).
  "problems-for-work": () => ({ kind: "message", content: '{"blocks": [', stopReason: "max_tokens" }),
};

describe("generate: faults are retried within bounds, or stored as failed sections", () => {
  let run: CliRun;
  const attempts = new Map<string, number>();
  const harness = useIntegrationHarness({
    prefix: "wikigen-faults-",
    project: { kind: "article", configLines: ["provider:", "  name: anthropic", "  max_retries: 1", "  timeout_ms: 400"] },
    fake: {
      responder: (request) => {
        const section = sectionOf(request);
        const attempt = (attempts.get(section) ?? 0) + 1;
        attempts.set(section, attempt);
        const planned = PLAN[section]?.(attempt) ?? "answer";
        return planned === "answer" ? { kind: "message", content: answerFromBody(bodyOf(request)) } : planned;
      },
    },
  });

  beforeAll(async () => {
    run = await harness.wikigen(["generate", "demo-article"]);
  }, 60_000);

  it("sends each section's requests as often as the retry bounds allow, and no more", () => {
    expect(Object.fromEntries(attempts)).toMatchObject({
      summary: 2,
      "type-discipline": 4,
      "creators-lineage": 3,
      "core-principles": 2,
      "interventions-techniques": 4,
      "evidence-base": 2,
      "populations-indications": 2,
      "problems-for-work": 1,
      "key-terms": 1,
    });
  });

  it("stores every section, failed ones with their reason, and finishes with exit code 2", () => {
    expect(run.code).toBe(2);
    const db = harness.openDb();
    const rows = db.prepare("SELECT section_id, status, error, attempts FROM sections").all() as { section_id: string; status: string; error: string | null; attempts: number }[];
    db.close();
    const bySection = new Map(rows.map((row) => [row.section_id, row]));
    expect(rows).toHaveLength(14);
    expect(bySection.get("summary")).toMatchObject({ status: "done", attempts: 1 });
    expect(bySection.get("creators-lineage")).toMatchObject({ status: "done", attempts: 2 });
    expect(bySection.get("core-principles")).toMatchObject({ status: "done", attempts: 1 });
    expect(bySection.get("populations-indications")).toMatchObject({ status: "done", attempts: 2 });
    expect(bySection.get("type-discipline")).toMatchObject({ status: "failed", attempts: 2, error: "Anthropic API answered 529 (overloaded, 2 attempts): fake error 529" });
    expect(bySection.get("interventions-techniques")).toMatchObject({ status: "failed", attempts: 2, error: "Anthropic API request timed out (2 attempts)" });
    expect(bySection.get("evidence-base")?.error).toMatch(/^invalid output after a repair attempt: the answer is not valid JSON/);
    expect(bySection.get("problems-for-work")).toMatchObject({ status: "failed", attempts: 1, error: "output truncated at 8000 tokens (1536 of them thinking); raise provider.max_tokens" });
    expect(rows.filter((row) => row.status === "failed").map((row) => row.section_id).sort()).toEqual(["evidence-base", "interventions-techniques", "problems-for-work", "type-discipline"]);
  });

  it("records one model_calls row per call with its HTTP attempts, outcome and error kind", () => {
    const db = harness.openDb();
    const calls = db.prepare("SELECT section_id, attempts, outcome, error_kind FROM model_calls ORDER BY id").all() as { section_id: string; attempts: number; outcome: string; error_kind: string | null }[];
    db.close();
    const of = (section: string) => calls.filter((call) => call.section_id === section).map(({ attempts: n, outcome, error_kind }) => [n, outcome, error_kind]);
    expect(of("summary")).toEqual([[2, "ok", null]]);
    expect(of("type-discipline")).toEqual([[2, "error", "overloaded"], [2, "error", "overloaded"]]);
    expect(of("creators-lineage")).toEqual([[2, "error", "server"], [1, "ok", null]]);
    expect(of("core-principles")).toEqual([[2, "ok", null]]);
    expect(of("interventions-techniques")).toEqual([[2, "error", "timeout"], [2, "error", "timeout"]]);
    expect(of("evidence-base")).toEqual([[1, "invalid_output", "invalid_output"], [1, "invalid_output", "invalid_output"]]);
    expect(of("populations-indications")).toEqual([[1, "invalid_output", "invalid_output"], [1, "ok", null]]);
    expect(of("problems-for-work")).toEqual([[1, "error", "max_tokens"]]);
  });

  it("lists every failure in the job summary", () => {
    for (const line of [
      "demo-article type-discipline: Anthropic API answered 529",
      "demo-article interventions-techniques: Anthropic API request timed out",
      "demo-article evidence-base: invalid output after a repair attempt",
      "demo-article problems-for-work: output truncated at 8000 tokens",
    ]) {
      expect(run.stdout).toContain(line);
    }
  });
});
