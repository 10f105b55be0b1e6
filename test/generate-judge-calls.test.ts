import { beforeAll, describe, expect, it } from "vitest";
import { isJudgeRequest } from "./helpers/fake-anthropic.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import { answerFor, sectionOf } from "./helpers/regen-fixture.ts";
import { withoutModelReads } from "./helpers/fake-models-route.ts";

// generate --verifier llm: the judge's calls are model calls like the drafting ones, logged with
// the section they verified and counted in its tokens and cost.


describe("generate with the llm verifier (fake Messages API as drafter and judge)", () => {
  const harness = useIntegrationHarness({
    prefix: "wikigen-judge-calls-",
    project: { kind: "article", configLines: ["provider:", "  name: anthropic", "  model: claude-sonnet-5", "  max_retries: 0"] },
    fake: {
      responder: (request) =>
        isJudgeRequest(request)
          ? { kind: "message", content: { verdict: "partially_supported", reason: "missing_terms: [year]", supporting_span: "" }, usage: { input_tokens: 500, output_tokens: 30 } }
          : // This fixture has two sources; the regen fixture's training answer cites a third.
            answerFor(sectionOf(request) === "training-certification" ? "summary" : sectionOf(request), 1, sectionOf(request)),
    },
  });

  beforeAll(async () => {
    const run = await harness.wikigen(["generate", "demo-article", "--verifier", "llm"]);
    expect(run.code).toBe(3);
  });

  it("logs one model_calls row per judge request, in the section it verified, with its usage and cost", () => {
    const judgeRequests = withoutModelReads(harness.fake.requests).filter(isJudgeRequest);
    const db = harness.openDb();
    const calls = db.prepare("SELECT section_id, purpose, input_tokens, output_tokens, cost_usd, outcome FROM model_calls WHERE purpose = 'judge claim'").all() as {
      section_id: string;
      input_tokens: number;
      output_tokens: number;
      cost_usd: number;
      outcome: string;
    }[];
    const sourcedCitations = db.prepare("SELECT COUNT(*) AS n FROM citations").get() as { n: number };
    expect(judgeRequests.length).toBe(sourcedCitations.n);
    expect(calls).toHaveLength(judgeRequests.length);
    expect(calls.every((call) => call.outcome === "ok" && call.input_tokens === 500 && call.output_tokens === 30)).toBe(true);
    // claude-sonnet-5 at $2 in / $10 out per million tokens (the built-in table, 2026-11).
    expect(calls[0]?.cost_usd).toBeCloseTo((500 * 2 + 30 * 10) / 1e6, 12);
    const core = db.prepare("SELECT input_tokens FROM sections WHERE section_id = 'core-principles'").get() as { input_tokens: number };
    const coreCalls = db.prepare("SELECT SUM(input_tokens) AS n FROM model_calls WHERE section_id = 'core-principles'").get() as { n: number };
    expect(core.input_tokens).toBe(coreCalls.n);
    expect(calls.filter((call) => call.section_id === "core-principles")).toHaveLength(2);
    const verdicts = db.prepare("SELECT DISTINCT verifier_id, verdict FROM verdicts").all();
    expect(verdicts).toEqual([{ verifier_id: "llm", verdict: "partially_supported" }]);
    db.close();
  });
});
