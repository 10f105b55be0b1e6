import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isJudgeRequest, startFakeAnthropic, type FakeAnthropic } from "./helpers/fake-anthropic.ts";
import { writeArticleFixture } from "./helpers/article-fixture.ts";
import { answerFor, sectionOf } from "./helpers/regen-fixture.ts";
import { runWikigen } from "./helpers/run-cli.ts";

// generate --verifier llm: the judge's calls are model calls like the drafting ones, logged with
// the section they verified and counted in its tokens and cost.


describe("generate with the llm verifier (fake Messages API as drafter and judge)", () => {
  let fake: FakeAnthropic;
  let dir: string;

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    fake.setResponder((request) =>
      isJudgeRequest(request)
        ? { kind: "message", content: { verdict: "partially_supported", reason: "missing_terms: [year]", supporting_span: "" }, usage: { input_tokens: 500, output_tokens: 30 } }
        : // This fixture has two sources; the regen fixture's training answer cites a third.
          answerFor(sectionOf(request) === "training-certification" ? "summary" : sectionOf(request)),
    );
    dir = mkdtempSync(path.join(tmpdir(), "wikigen-judge-calls-"));
    writeArticleFixture(dir, { configLines: ["provider:", "  name: anthropic", "  model: claude-sonnet-5", "  max_retries: 0"] });
    const run = await runWikigen(["generate", "demo-article", "--verifier", "llm"], { cwd: dir, env: { ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.baseUrl } });
    expect(run.code).toBe(3);
  });

  afterAll(async () => {
    await fake.close();
  });

  it("logs one model_calls row per judge request, in the section it verified, with its usage and cost", () => {
    const judgeRequests = fake.requests.filter(isJudgeRequest);
    const db = new Database(path.join(dir, "runs.db"), { readonly: true });
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
    // claude-sonnet-5 at $3 in / $15 out per million tokens.
    expect(calls[0]?.cost_usd).toBeCloseTo((500 * 3 + 30 * 15) / 1e6, 12);
    const core = db.prepare("SELECT input_tokens FROM sections WHERE section_id = 'core-principles'").get() as { input_tokens: number };
    const coreCalls = db.prepare("SELECT SUM(input_tokens) AS n FROM model_calls WHERE section_id = 'core-principles'").get() as { n: number };
    expect(core.input_tokens).toBe(coreCalls.n);
    expect(calls.filter((call) => call.section_id === "core-principles")).toHaveLength(2);
    const verdicts = db.prepare("SELECT DISTINCT verifier_id, verdict FROM verdicts").all();
    expect(verdicts).toEqual([{ verifier_id: "llm", verdict: "partially_supported" }]);
    db.close();
  });
});
