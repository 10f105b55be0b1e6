import { APIUserAbortError } from "@anthropic-ai/sdk";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BLOCK_KINDS, CLAIM_BASES, sectionOutputSchema } from "../src/domain/claims.ts";
import { ProviderError } from "../src/domain/errors.ts";
import { ANTHROPIC_API_VERSION, createAnthropicProvider, type AnthropicProviderOptions } from "../src/providers/anthropic-provider.ts";
import type { ModelRequest } from "../src/providers/types.ts";
import { startFakeAnthropic, type FakeAnthropic } from "./helpers/fake-anthropic.ts";
import { withoutModelReads } from "./helpers/fake-models-route.ts";

// The Anthropic provider driven through the real @anthropic-ai/sdk against a node:http fake of the
// Messages API: what goes over the wire, what comes back, and how failures are classified.

let fake: FakeAnthropic;
/** What reached the Messages API, without the provider's one model preflight (GET /v1/models/{id}). */
const calls = () => withoutModelReads(fake.requests);

beforeEach(async () => {
  fake = await startFakeAnthropic();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});

function provider(overrides: Partial<AnthropicProviderOptions> = {}) {
  return createAnthropicProvider({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    model: "claude-sonnet-5",
    effort: "medium",
    timeoutMs: 5_000,
    maxRetries: 2,
    ...overrides,
  });
}

function draftRequest(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    purpose: "draft core-principles",
    system: "You draft one section of a clinical wiki article as claim-level JSON.",
    user: [
      { text: "Article: Communities of Practice" },
      { text: "[1] Wenger 1998: Communities of practice are groups of people...", isCacheBreakpoint: true },
      { text: "Section: Core Principles. Use only the sources above." },
    ],
    outputSchema: sectionOutputSchema,
    maxTokens: 1_024,
    task: { kind: "draft_section", sectionId: "core-principles", blockKinds: ["paragraph"], query: "principles", passages: [], sourceNumbers: [1] },
    ...overrides,
  };
}

async function expectProviderError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** A retry wait the SDK honours, kept short so retry tests stay fast. */
const QUICK_RETRY = { "retry-after-ms": "5" };

describe("anthropic provider over the wire", () => {
  it("sends Bearer auth, model, max_tokens, structured output, effort and one cache breakpoint", async () => {
    vi.stubEnv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9/never-used");
    await provider().generate(draftRequest());

    expect(calls()).toHaveLength(1);
    const [sent] = calls();
    expect(sent?.method).toBe("POST");
    expect(sent?.path).toBe("/v1/messages");
    expect(sent?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(sent?.headers["x-api-key"]).toBeUndefined();
    expect(sent?.headers["anthropic-version"]).toBe(ANTHROPIC_API_VERSION);
    const otherHeaders = Object.entries(sent?.headers ?? {}).filter(([name]) => name !== "authorization");
    expect(JSON.stringify(otherHeaders)).not.toContain(fake.apiKey);
    expect(sent?.rawBody).not.toContain(fake.apiKey);

    const body = sent?.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["max_tokens", "messages", "model", "output_config", "stream", "system"]);
    // Live calls stream, so a long answer is not cut by a total timeout (src/providers/anthropic-stream.ts).
    expect(body.stream).toBe(true);
    expect(body.model).toBe("claude-sonnet-5");
    expect(body.max_tokens).toBe(1_024);
    expect(body.system).toEqual([{ type: "text", text: "You draft one section of a clinical wiki article as claim-level JSON." }]);
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Article: Communities of Practice" },
          { type: "text", text: "[1] Wenger 1998: Communities of practice are groups of people...", cache_control: { type: "ephemeral" } },
          { type: "text", text: "Section: Core Principles. Use only the sources above." },
        ],
      },
    ]);
    expect(sent?.rawBody.match(/cache_control/g)).toHaveLength(1);
  });

  it("sends the JSON schema derived from sectionOutputSchema as output_config.format", async () => {
    await provider({ effort: "high" }).generate(draftRequest());
    const body = calls()[0]?.body as { output_config: { effort: string; format: { type: string; schema: JsonSchema } } };
    expect(body.output_config.effort).toBe("high");
    expect(body.output_config.format.type).toBe("json_schema");

    const section = body.output_config.format.schema;
    expect(section.type).toBe("object");
    expect(section.required).toEqual(["blocks"]);
    const blocks = section.properties?.blocks;
    expect(blocks?.type).toBe("array");
    const block = blocks?.items;
    expect(block?.required).toEqual(["kind", "claims"]);
    expect(block?.properties?.kind?.enum).toEqual([...BLOCK_KINDS]);
    const claim = block?.properties?.claims?.items;
    expect(claim?.required).toEqual(["text", "basis", "citations"]);
    expect(claim?.properties?.text?.type).toBe("string");
    expect(claim?.properties?.basis?.enum).toEqual([...CLAIM_BASES]);
    const citation = claim?.properties?.citations?.items;
    expect(citation?.properties?.source?.type).toBe("integer");
    expect(citation?.properties?.quote?.type).toBe("string");
    expect(citation?.additionalProperties).toBe(false);
  });

  it("returns the scripted answer: text, model as reported, usage (1-hour cache writes apart), request id, stop reason, attempts", async () => {
    const answer = { blocks: [{ kind: "paragraph", claims: [{ text: "CoPs share a domain.", basis: "source", citations: [{ source: 1, quote: "share a concern" }] }] }] };
    fake.script({
      kind: "message",
      content: answer,
      model: "claude-test-5-20261001",
      usage: { input_tokens: 2_100, output_tokens: 310, cache_creation_input_tokens: 1_800, ephemeral_1h_input_tokens: 600, cache_read_input_tokens: 0 },
      requestId: "req_scripted_1",
    });
    const result = await provider().generate(draftRequest());
    expect(result).toEqual({
      value: JSON.stringify(answer),
      model: "claude-test-5-20261001",
      usage: { inputTokens: 2_100, outputTokens: 310, cacheWriteTokens: 1_800, cacheWrite1hTokens: 600, cacheReadTokens: 0 },
      requestId: "req_scripted_1",
      stopReason: "end_turn",
      attempts: 1,
    });
  });

  it("maps null cache counts to 0 and passes invalid JSON text through untouched", async () => {
    fake.script({ kind: "message", content: "{not json", usage: { input_tokens: 120, output_tokens: 40, cache_creation_input_tokens: null, cache_read_input_tokens: null } });
    const result = await provider().generate(draftRequest());
    expect(result.value).toBe("{not json");
    expect(result.usage).toEqual({ inputTokens: 120, outputTokens: 40, cacheWriteTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0 });
  });

  it("lays out a repair request as user, assistant (previous answer), user (problems)", async () => {
    const repair = { previousOutput: '{"blocks":[{"kind":"paragraph"}]}', problems: ["blocks[0].claims: required", "source 7 does not exist"] };
    await provider().generate(draftRequest({ repair }));
    const messages = (calls()[0]?.body as { messages: { role: string; content: { type: string; text: string; cache_control?: unknown }[] }[] }).messages;
    expect(messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[0]?.content[1]?.cache_control).toEqual({ type: "ephemeral" });
    expect(messages[1]?.content).toEqual([{ type: "text", text: repair.previousOutput }]);
    const instruction = messages[2]?.content[0]?.text ?? "";
    expect(instruction).toContain("- blocks[0].claims: required\n- source 7 does not exist");
    expect(instruction).toContain("complete answer");
  });
});

describe("anthropic provider and the model catalog", () => {
  it("reads the model once, and refuses an unknown one before any Messages request, even without a preflight", async () => {
    const unknown = provider({ model: "claude-sonnet-9-9" });
    const error = await expectProviderError(unknown.generate(draftRequest()));
    expect([error.kind, error.status, error.retryable]).toEqual(["unknown_model", 404, false]);
    expect(error.message).toContain('model "claude-sonnet-9-9" is not a model this API key can use');
    await expectProviderError(unknown.generate(draftRequest()));
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(["GET /v1/models/claude-sonnet-9-9"]);
  });

  it("refuses max_tokens above the model's limit and an effort level it lacks without sending them", async () => {
    const tooLong = await expectProviderError(provider().generate(draftRequest({ maxTokens: 200_000 })));
    expect([tooLong.kind, tooLong.message]).toEqual(["unsupported_setting", "model claude-sonnet-5 cannot run with these settings: max_tokens 200000 is above claude-sonnet-5's output limit of 128000 tokens"]);
    const effort = await expectProviderError(provider({ effort: "max" }).generate(draftRequest()));
    expect(effort.message).toBe('model claude-sonnet-5 cannot run with these settings: provider.effort "max" is not a level claude-sonnet-5 takes (it takes low, medium, high)');
    expect(calls()).toHaveLength(0);
  });

  it("sends no effort to a model without the effort capability, and thinking off only where asked and allowed", async () => {
    await provider({ model: "claude-haiku-4-5" }).generate(draftRequest({ isThinkingUnneeded: true }));
    // Opus 5.5 thinks whatever is asked: room for its thinking as well as the answer.
    await provider({ model: "claude-opus-5-5" }).generate(draftRequest({ isThinkingUnneeded: true, maxTokens: 8_000 }));
    await provider({ model: "claude-sonnet-5-5" }).generate(draftRequest({ maxTokens: 8_000 }));
    const sent = calls().map((request) => request.body as { model: string; thinking?: unknown; output_config: Record<string, unknown> });
    expect(sent.map((body) => [body.model, body.output_config.effort, body.thinking])).toEqual([
      ["claude-haiku-4-5", undefined, { type: "disabled" }],
      ["claude-opus-5-5", "medium", undefined],
      ["claude-sonnet-5-5", "medium", undefined],
    ]);
  });
});

describe("anthropic provider retries and failures", () => {
  it("retries a 429 after retry-after-ms and reports attempts = 2", async () => {
    fake.script({ kind: "error", status: 429, headers: { "retry-after-ms": "40" } }, { kind: "message", content: { blocks: [] }, requestId: "req_after_429" });
    const result = await provider().generate(draftRequest());
    expect(result.attempts).toBe(2);
    expect(result.requestId).toBe("req_after_429");
    expect(calls().map((request) => request.headers["x-stainless-retry-count"])).toEqual(["0", "1"]);
    const [first, second] = calls();
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(35);
  });

  it.each([
    { status: 529, kind: "overloaded" },
    { status: 500, kind: "server" },
    { status: 429, kind: "rate_limited" },
  ] as const)("gives up on a persistent $status after maxRetries with kind $kind", async ({ status, kind }) => {
    const failure = { kind: "error", status, headers: QUICK_RETRY } as const;
    fake.script({ ...failure, requestId: "req_a" }, { ...failure, requestId: "req_b" }, { ...failure, requestId: "req_c" });
    const error = await expectProviderError(provider({ maxRetries: 2 }).generate(draftRequest()));
    expect(calls()).toHaveLength(3);
    expect({ kind: error.kind, status: error.status, retryable: error.retryable, requestId: error.requestId }).toEqual({
      kind,
      status,
      retryable: true,
      requestId: "req_c",
    });
    expect(error.message).toContain("3 attempts");
  });

  it("recovers from a 529 and a 500 within maxRetries", async () => {
    fake.script({ kind: "error", status: 529, headers: QUICK_RETRY }, { kind: "error", status: 500, headers: QUICK_RETRY });
    const result = await provider({ maxRetries: 2 }).generate(draftRequest());
    expect(result.attempts).toBe(3);
    expect(result.value).toBe('{"blocks":[]}');
  });

  it("does not retry a 400 and classifies it as bad_request", async () => {
    fake.script({ kind: "error", status: 400, message: "output_config.format: schema too complex", requestId: "req_400" });
    const error = await expectProviderError(provider().generate(draftRequest()));
    expect(calls()).toHaveLength(1);
    expect([error.kind, error.status, error.retryable, error.requestId]).toEqual(["bad_request", 400, false, "req_400"]);
  });

  it("classifies a rejected key as auth without retrying", async () => {
    const error = await expectProviderError(provider({ apiKey: "sk-ant-wrong" }).generate(draftRequest()));
    // The model preflight is the first request: the key is refused there, before any Messages request.
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(["GET /v1/models/claude-sonnet-5"]);
    expect(fake.requests[0]?.headers.authorization).toBe("Bearer sk-ant-wrong");
    expect([error.kind, error.status, error.retryable]).toEqual(["auth", 401, false]);
  });

  it("turns stop_reason max_tokens into a max_tokens error naming the limit", async () => {
    fake.script({ kind: "message", content: '{"blocks":[{"kind":"para', stopReason: "max_tokens", requestId: "req_cut" });
    const error = await expectProviderError(provider().generate(draftRequest({ maxTokens: 256 })));
    expect([error.kind, error.requestId, error.retryable]).toEqual(["max_tokens", "req_cut", false]);
    expect(error.message).toBe("output truncated at 256 tokens; raise provider.max_tokens");
  });

  it("turns stop_reason refusal into a refusal error", async () => {
    fake.script({ kind: "message", content: "", stopReason: "refusal", requestId: "req_no" });
    const error = await expectProviderError(provider().generate(draftRequest()));
    expect([error.kind, error.requestId]).toEqual(["refusal", "req_no"]);
  });

  it("reports a connection reset as a connection error after the SDK's retries", async () => {
    fake.script({ kind: "reset" }, { kind: "reset" });
    const error = await expectProviderError(provider({ maxRetries: 1 }).generate(draftRequest()));
    expect(calls()).toHaveLength(2);
    expect([error.kind, error.status, error.retryable]).toEqual(["connection", undefined, true]);
    expect(error.message).toContain("2 attempts");
  });

  it("reports a slow answer as a timeout (timeoutMs reaches the SDK)", async () => {
    fake.script({ kind: "message", content: { blocks: [] }, delayMs: 1_000 });
    const error = await expectProviderError(provider({ timeoutMs: 100, maxRetries: 0 }).generate(draftRequest()));
    expect(calls()).toHaveLength(1);
    expect([error.kind, error.retryable]).toEqual(["timeout", true]);
  });

  it("lets the caller's abort signal cancel a call, unclassified", async () => {
    const controller = new AbortController();
    // The abort comes while the Messages request is on the wire: once the fake has it, before it answers.
    fake.setResponder(() => {
      setTimeout(() => controller.abort(), 20);
      return { kind: "message", content: { blocks: [] }, delayMs: 1_000 };
    });
    const call = provider().generate(draftRequest(), { signal: controller.signal });
    const error = await call.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(calls()).toHaveLength(1);
  });

  it("counts attempts per request when calls run concurrently", async () => {
    let rejectedSlow = false;
    fake.setResponder((request) => {
      const isSlowCall = JSON.stringify(request.body).includes("call A");
      if (isSlowCall && !rejectedSlow) {
        rejectedSlow = true;
        return { kind: "error", status: 429, headers: { "retry-after-ms": "30" } };
      }
      return { kind: "message", content: { blocks: [] } };
    });
    const shared = provider();
    const [a, b] = await Promise.all([
      shared.generate(draftRequest({ user: [{ text: "call A" }] })),
      shared.generate(draftRequest({ user: [{ text: "call B" }] })),
    ]);
    expect([a.attempts, b.attempts]).toEqual([2, 1]);
  });

  it("refuses to start without a key, before any request", () => {
    for (const apiKey of [undefined, ""]) {
      let caught: unknown;
      try {
        provider({ apiKey });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ProviderError);
      expect((caught as ProviderError).kind).toBe("missing_key");
      expect((caught as ProviderError).message).toBe("ANTHROPIC_API_KEY is not set; set it or use --provider extractive");
    }
    expect(calls()).toHaveLength(0);
  });
});

interface JsonSchema {
  type?: string;
  enum?: string[];
  required?: string[];
  additionalProperties?: boolean;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}
