import { describe, expect, it } from "vitest";
import { sectionOutputSchema } from "../src/domain/claims.ts";
import { createAnthropicProvider } from "../src/providers/anthropic-provider.ts";
import type { ModelRequest } from "../src/providers/types.ts";
import { buildJudgeRequest } from "../src/verification/llm-verifier.ts";
import { FAKE_MODEL, type RecordedRequest } from "./helpers/fake-anthropic.ts";
import { withoutModelReads } from "./helpers/fake-models-route.ts";
import { validateMessageParams } from "./helpers/fake-validate-request.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import { answerFromBody, bodyOf, sectionOf } from "./helpers/section-answer.ts";

// wikigen's own requests meet the strict fake: every request a real job sends (drafts, repairs,
// judge calls) passes the validator that stands for the real API's 400s. Also the one that did
// not: a repair of an empty answer used to replay it as a blank assistant turn, which the API
// refuses, so the section failed instead of being repaired.

const DRAFT: ModelRequest = {
  purpose: "section core-principles",
  system: "You draft one section of a clinical wiki article as claim-level JSON.",
  user: [{ text: "[1] Wenger 1998: Communities of practice are groups of people...", isCacheBreakpoint: true }, { text: "Section: Core Principles." }],
  outputSchema: sectionOutputSchema,
  maxTokens: 1_024,
  task: { kind: "draft_section", sectionId: "core-principles", blockKinds: ["paragraph"], query: "principles", passages: [], sourceNumbers: [1] },
};

describe("wikigen's requests pass the strict fake", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-strict-", project: { kind: "article", configLines: ["provider:", "  name: anthropic"] }, fake: {} });

  it.each<{ name: string; request: ModelRequest; isCaching?: boolean }>([
    { name: "a section draft", request: DRAFT },
    { name: "a section draft without prompt caching", request: DRAFT, isCaching: false },
    { name: "a repair after an answer that broke the rules", request: { ...DRAFT, repair: { previousOutput: '{"blocks":[]}', problems: ["blocks: at least one"] } } },
    { name: "a repair after an empty answer", request: { ...DRAFT, repair: { previousOutput: "", problems: ["the answer is not valid JSON"] } } },
    { name: "a judge call", request: buildJudgeRequest({ system: "Judge the claim.", claim: "CoPs share a concern.", passage: "Communities of practice share a concern.", maxTokens: 1_024 }) },
  ])("$name", async ({ request, isCaching }) => {
    const fake = harness.fake;
    fake.script({ kind: "message", content: { blocks: [] } });
    const provider = createAnthropicProvider({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, model: FAKE_MODEL, effort: "low", timeoutMs: 5_000, maxRetries: 0, isPromptCachingEnabled: isCaching });
    const result = await provider.generate(request);
    expect(result.stopReason).toBe("end_turn");
    const body = fake.requests.at(-1)?.body;
    expect(validateMessageParams(body)).toBeUndefined();
  });

  it("a job whose model answers a section with nothing repairs it, and every request it sent was valid", async () => {
    const fake = harness.fake;
    const seen = new Set<string>();
    fake.setResponder((request) => {
      const section = sectionOf(request);
      if (section === "core-principles" && !seen.has(section)) {
        seen.add(section);
        return { kind: "message", content: "" };
      }
      return { kind: "message", content: answerFromBody(bodyOf(request)) };
    });
    const before = fake.requests.length;
    const run = await harness.wikigen(["generate", "demo-article"]);
    // The model read before the job (GET /v1/models/{id}) has no body: only Messages requests are checked.
    const sent: RecordedRequest[] = withoutModelReads(fake.requests.slice(before));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.map((request) => validateMessageParams(request.body)).filter(Boolean)).toEqual([]);
    const db = harness.openDb();
    const row = db.prepare("SELECT status, attempts, error FROM sections WHERE section_id = 'core-principles'").get();
    db.close();
    expect(row).toEqual({ status: "done", attempts: 2, error: null });
    const repair = sent.filter((request) => sectionOf(request) === "core-principles").at(-1);
    expect(JSON.stringify(repair?.body)).toContain("your previous answer was empty");
    expect(run.code).toBe(0);
  }, 60_000);
});
