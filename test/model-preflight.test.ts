import Anthropic, { BadRequestError } from "@anthropic-ai/sdk";
import { existsSync } from "node:fs";
import { describe, expect, it, onTestFinished } from "vitest";
import { isJudgeRequest, type RecordedRequest } from "./helpers/fake-anthropic.ts";
import { withoutModelReads } from "./helpers/fake-models-route.ts";
import { DEFAULT_THINKING_TOKENS } from "./helpers/fake-thinking.ts";
import { startIntegrationHarness, type IntegrationHarness } from "./helpers/integration-harness.ts";
import { answerFor, sectionOf } from "./helpers/regen-fixture.ts";

// The model catalog preflight through the CLI, the real SDK and the strict fake: one read of the
// model (GET /v1/models/{id}) before anything is spent; a wrong id or a setting the model does not
// take stops the run with exit 1 before any Messages request; effort and thinking are sent only where
// the model takes them; and a judge on a thinking model completes instead of stopping at max_tokens.

const JUDGE_ANSWER = { verdict: "supported", reason: "the passage states it", supporting_span: "" };

async function project(configLines: string[]): Promise<IntegrationHarness> {
  const harness = await startIntegrationHarness({
    prefix: "wikigen-preflight-",
    project: { kind: "article", configLines },
    fake: {
      responder: (request) =>
        isJudgeRequest(request)
          ? { kind: "message", content: JUDGE_ANSWER, usage: { input_tokens: 500, output_tokens: 30 } }
          : // This fixture has two sources; the regen fixture's training answer cites a third.
            answerFor(sectionOf(request) === "training-certification" ? "summary" : sectionOf(request), 1, sectionOf(request)),
    },
  });
  onTestFinished(() => harness.close());
  return harness;
}

const lines = (requests: RecordedRequest[]) => requests.map((request) => `${request.method} ${request.path.split("?")[0] ?? ""}`);
const bodies = (requests: RecordedRequest[]) => withoutModelReads(requests).map((request) => request.body as { model: string; max_tokens: number; thinking?: unknown; output_config: { effort?: string; format?: unknown } });

function runCount(harness: IntegrationHarness): number {
  if (!existsSync(harness.dbFile)) return 0;
  const db = harness.openDb();
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM runs").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("the model preflight stops a run before any Messages request", () => {
  it("an unknown model id: exit 1 naming the model, one Models API read, no run", async () => {
    const harness = await project(["provider:", "  max_retries: 0"]);
    const run = await harness.wikigen(["generate", "demo-article", "--provider", "anthropic", "--model", "claude-sonnet-9-9"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('model "claude-sonnet-9-9" is not a model this API key can use: the Models API answered 404 (not_found_error: model: claude-sonnet-9-9)');
    expect(lines(harness.fake.requests)).toEqual(["GET /v1/models/claude-sonnet-9-9"]);
    expect(runCount(harness)).toBe(0);
  });

  it.each([
    {
      name: "an effort level the model does not take",
      config: ["provider:", "  name: anthropic", "  effort: xhigh"],
      message: 'model claude-sonnet-5-5 cannot run with these settings: provider.effort "xhigh" is not a level claude-sonnet-5-5 takes (it takes low, medium, high, max)',
    },
    {
      name: "max_tokens above the model's output limit",
      config: ["provider:", "  name: anthropic", "  model: claude-haiku-4-5", "  max_tokens: 100000"],
      message: "model claude-haiku-4-5 cannot run with these settings: provider.max_tokens 100000 is above claude-haiku-4-5's output limit of 64000 tokens",
    },
    {
      name: "a judge budget above the judge model's output limit",
      config: ["provider:", "  name: anthropic", "  model: claude-haiku-4-5", "verifier:", "  name: llm", "  judge_max_tokens: 70000"],
      message: "verifier.judge_max_tokens 70000 is above claude-haiku-4-5's output limit of 64000 tokens",
    },
    {
      name: "a retired model",
      config: ["provider:", "  name: anthropic", "  model: claude-sonnet-4-5"],
      message: "claude-sonnet-4-5 is retired: the Messages API refuses requests naming it; choose a current model",
    },
  ])("$name: exit 1 with what is wrong, nothing sent to the Messages API", async ({ config, message }) => {
    const harness = await project(config);
    const run = await harness.wikigen(["generate", "demo-article"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(withoutModelReads(harness.fake.requests)).toEqual([]);
    expect(runCount(harness)).toBe(0);
  });
});

describe("effort and thinking are sent only where the model takes them", () => {
  it("a model without the effort capability gets no output_config.effort (the fake refuses one), and the run completes", async () => {
    const harness = await project(["provider:", "  name: anthropic", "  model: claude-haiku-4-5", "  effort: high"]);
    const run = await harness.wikigen(["generate", "demo-article"]);
    expect([0, 3]).toContain(run.code);
    expect(run.stderr).toContain("claude-haiku-4-5 takes no effort setting: provider.effort (high) is not sent");
    const sent = bodies(harness.fake.requests);
    expect(sent).toHaveLength(14);
    for (const body of sent) {
      expect(body.model).toBe("claude-haiku-4-5");
      expect(Object.keys(body.output_config)).toEqual(["format"]);
      expect(body.thinking).toBeUndefined();
    }
    // The same request with the configured effort is what the old code sent: the API refuses it.
    const client = new Anthropic({ apiKey: harness.fake.apiKey, baseURL: harness.fake.baseUrl, maxRetries: 0 });
    const first = withoutModelReads(harness.fake.requests)[0]?.body as Parameters<typeof client.messages.create>[0];
    const refused = await client.messages.create({ ...first, stream: false, output_config: { ...first.output_config, effort: "high" } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect((refused as BadRequestError).error).toMatchObject({ error: { type: "invalid_request_error", message: "output_config.effort: claude-haiku-4-5 does not support the effort parameter" } });
  });

  it("a model that takes the configured effort gets it, and drafting leaves thinking to the model", async () => {
    const harness = await project(["provider:", "  name: anthropic", "  effort: max"]);
    const run = await harness.wikigen(["generate", "demo-article"]);
    expect([0, 3]).toContain(run.code);
    const sent = bodies(harness.fake.requests);
    expect(sent.every((body) => body.output_config.effort === "max" && body.thinking === undefined)).toBe(true);
    expect(lines(harness.fake.requests).filter((line) => line.startsWith("GET"))).toEqual(["GET /v1/models/claude-sonnet-5-5"]);
  });
});

describe("a judge on a thinking model completes", () => {
  interface JudgeRow {
    outcome: string;
    output_tokens: number;
    error_message: string | null;
  }
  const judgeRows = (harness: IntegrationHarness): JudgeRow[] => {
    const db = harness.openDb();
    try {
      return db.prepare("SELECT outcome, output_tokens, error_message FROM model_calls WHERE purpose = 'judge claim'").all() as JudgeRow[];
    } finally {
      db.close();
    }
  };

  it("Sonnet 5.5 thinks by default: the judge turns thinking off and every verdict arrives", async () => {
    const harness = await project(["provider:", "  name: anthropic", "  max_retries: 0", "verifier:", "  name: llm"]);
    const run = await harness.wikigen(["generate", "demo-article"]);
    expect(run.code).toBe(0);
    const judge = withoutModelReads(harness.fake.requests).filter(isJudgeRequest).map((request) => request.body as { thinking?: unknown; max_tokens: number });
    expect(judge.length).toBeGreaterThan(10);
    expect(judge.every((body) => JSON.stringify(body.thinking) === '{"type":"disabled"}' && body.max_tokens === 8_000)).toBe(true);
    const rows = judgeRows(harness);
    expect(rows).toHaveLength(judge.length);
    expect(rows.every((row) => row.outcome === "ok" && row.output_tokens === 30)).toBe(true);
  });

  it("Opus 5.5 cannot stop thinking: the judge's default budget holds thinking and answer, billed as output", async () => {
    const harness = await project(["provider:", "  name: anthropic", "  model: claude-opus-5-5", "  max_retries: 0", "verifier:", "  name: llm"]);
    const run = await harness.wikigen(["generate", "demo-article"]);
    expect(run.code).toBe(0);
    const judge = withoutModelReads(harness.fake.requests).filter(isJudgeRequest).map((request) => request.body as { thinking?: unknown });
    expect(judge.length).toBeGreaterThan(10);
    expect(judge.every((body) => body.thinking === undefined)).toBe(true);
    const rows = judgeRows(harness);
    expect(rows.every((row) => row.outcome === "ok" && row.output_tokens === DEFAULT_THINKING_TOKENS + 30)).toBe(true);
  });

  it("the old budget of 1,024 tokens is cut at max_tokens by thinking, and the message names the setting to raise", async () => {
    const harness = await project(["provider:", "  name: anthropic", "  model: claude-opus-5-5", "  max_retries: 0", "verifier:", "  name: llm", "  judge_max_tokens: 1024"]);
    const run = await harness.wikigen(["generate", "demo-article"]);
    // A judge failure fails its article: the message says why, and which setting to raise.
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("demo-article: failed: output truncated at 1024 tokens (1024 of them thinking); raise verifier.judge_max_tokens");
    const judge = withoutModelReads(harness.fake.requests).filter(isJudgeRequest).map((request) => request.body as { thinking?: unknown; max_tokens: number });
    expect(judge.length).toBeGreaterThan(0);
    expect(judge.every((body) => body.max_tokens === 1_024 && body.thinking === undefined)).toBe(true);
  });
});
