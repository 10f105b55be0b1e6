import Anthropic, { APIConnectionTimeoutError, APIUserAbortError } from "@anthropic-ai/sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sectionOutputSchema } from "../src/domain/claims.ts";
import { ProviderError } from "../src/domain/errors.ts";
import { createRateLimiter } from "../src/pacing/rate-limiter.ts";
import { createAnthropicProvider, type AnthropicProviderOptions } from "../src/providers/anthropic-provider.ts";
import { buildMessageParams } from "../src/providers/anthropic-request.ts";
import type { ModelRequest } from "../src/providers/types.ts";
import { startFakeAnthropic, type FakeAnthropic, type FakeResponse } from "./helpers/fake-anthropic.ts";
import { withoutModelReads } from "./helpers/fake-models-route.ts";

// Live calls stream (src/providers/anthropic-stream.ts), driven through the real SDK against the
// fake's SSE answers: an answer slower than provider.timeout_ms streams to the end in one request;
// an answer that stops after it began fails once, is never retried, and reports what it may have
// cost; a streamed thinking block is read as the non-streamed answer is.

let fake: FakeAnthropic;

beforeEach(async () => {
  // Streaming, not thinking, is under test here: the model's own thinking would change every usage figure.
  fake = await startFakeAnthropic({ thinkingTokens: 0 });
});
afterEach(async () => {
  await fake.close();
});

// Well above how long a loaded machine may hold this process's event loop (client and fake share it).
const TIMEOUT_MS = 1_000;

function provider(overrides: Partial<AnthropicProviderOptions> = {}) {
  return createAnthropicProvider({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, model: "claude-sonnet-5-5", effort: "medium", timeoutMs: TIMEOUT_MS, maxRetries: 2, ...overrides });
}

function draftRequest(): ModelRequest {
  return {
    purpose: "section core-principles",
    system: "You draft one section of a clinical wiki article as claim-level JSON.",
    user: [{ text: "[1] Wenger 1998: Communities of practice are groups of people...", isCacheBreakpoint: true }, { text: "Section: Core Principles." }],
    outputSchema: sectionOutputSchema,
    maxTokens: 8_000,
    task: { kind: "draft_section", sectionId: "core-principles", blockKinds: ["paragraph"], query: "principles", passages: [], sourceNumbers: [1] },
  };
}

const ANSWER = {
  blocks: [{ kind: "paragraph", claims: [{ text: "Members share a domain, a community and a practice.", basis: "source", citations: [{ source: 1, quote: "groups of people" }] }] }],
};
const USAGE = { input_tokens: 2_000, output_tokens: 400, cache_creation_input_tokens: 1_500, cache_read_input_tokens: 0 };
/**
 * 1.2 s before the first token (longer than the timeout: only the fake's pings show the stream is
 * alive), then 400 output tokens at 3 ms each: 2.4 s in all, well past the timeout.
 */
const SLOW = { msPerOutputToken: 3, timeToFirstTokenMs: 1_200, pingIntervalMs: 50 };

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

describe("a streamed answer longer than provider.timeout_ms", () => {
  it("streams to the end in one request and returns the whole answer with its usage", async () => {
    fake.script({ kind: "message", content: ANSWER, usage: USAGE, speed: SLOW, requestId: "req_slow" });
    const started = Date.now();
    const result = await provider().generate(draftRequest());
    expect(Date.now() - started).toBeGreaterThan(TIMEOUT_MS);
    expect(withoutModelReads(fake.requests)).toHaveLength(1);
    expect(result).toEqual({
      value: JSON.stringify(ANSWER),
      model: "claude-sonnet-5-5",
      usage: { inputTokens: 2_000, outputTokens: 400, cacheWriteTokens: 1_500, cacheWrite1hTokens: 0, cacheReadTokens: 0 },
      requestId: "req_slow",
      stopReason: "end_turn",
      attempts: 1,
    });
  });

  it("is what a non-streamed call cannot survive: the same answer unstreamed times out on every SDK attempt", async () => {
    // The fake's slow mode holds a non-streamed answer for its whole generation, as the API does.
    const response: FakeResponse = { kind: "message", content: ANSWER, usage: USAGE, speed: SLOW };
    fake.script(response, response);
    const client = new Anthropic({ apiKey: fake.apiKey, baseURL: fake.baseUrl, timeout: TIMEOUT_MS, maxRetries: 1 });
    const params = buildMessageParams({ request: draftRequest(), model: "claude-sonnet-5-5", effort: "medium" });
    expect(await failureOf(client.messages.create(params))).toBeInstanceOf(APIConnectionTimeoutError);
    expect(withoutModelReads(fake.requests)).toHaveLength(2);
  });
});

describe("a streamed answer that stops after it began", () => {
  it("stalled (no byte, not even a ping, for timeout_ms): fails once as a timeout, not retried, with the usage it may have cost", async () => {
    fake.script({ kind: "message", content: ANSWER, usage: USAGE, speed: { msPerOutputToken: 0.1 }, streamFault: { afterShare: 0.5, kind: "stall" }, requestId: "req_stalled" });
    const error = await failureOf(provider().generate(draftRequest()));
    expect(error).toBeInstanceOf(ProviderError);
    const { kind, retryable, attempts, requestId, partialUsage, message } = error as ProviderError;
    expect({ kind, retryable, attempts, requestId }).toEqual({ kind: "timeout", retryable: false, attempts: 1, requestId: "req_stalled" });
    expect(message).toMatch(/^Anthropic API answer stalled: nothing received for 1000 ms \(provider\.timeout_ms\) after it began streaming, about \d+ output tokens? in, request req_stalled; not retried/);
    // Input and cache counts as message_start reported them; output at least what had arrived.
    expect(partialUsage).toMatchObject({ inputTokens: 2_000, cacheWriteTokens: 1_500, cacheReadTokens: 0 });
    expect(partialUsage?.outputTokens).toBeGreaterThanOrEqual(Math.floor(JSON.stringify(ANSWER).length / 2 / 4) - 4);
    expect(partialUsage?.outputTokens).toBeLessThan(USAGE.output_tokens);
    // The SDK makes its retries before the call settles, so none can arrive later.
    expect(withoutModelReads(fake.requests)).toHaveLength(1);
  });

  it("an error event mid-stream: classified by its type, not retried", async () => {
    fake.script({ kind: "message", content: ANSWER, usage: USAGE, streamFault: { afterShare: 0.3, kind: "error", errorType: "overloaded_error" } });
    const error = (await failureOf(provider().generate(draftRequest()))) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect([error.kind, error.retryable, error.partialUsage?.inputTokens]).toEqual(["overloaded", false, 2_000]);
    expect(error.message).toContain("ended with an overloaded_error event");
    expect(withoutModelReads(fake.requests)).toHaveLength(1);
  });

  it("a connection reset mid-stream: a connection error, not retried", async () => {
    fake.script({ kind: "message", content: ANSWER, usage: USAGE, streamFault: { afterShare: 0.5, kind: "reset" } });
    const error = (await failureOf(provider().generate(draftRequest()))) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect([error.kind, error.retryable, error.partialUsage?.inputTokens]).toEqual(["connection", false, 2_000]);
    expect(error.message).toContain("was cut off after it began streaming");
    expect(withoutModelReads(fake.requests)).toHaveLength(1);
  });

  it("the caller's abort mid-stream stays the caller's: APIUserAbortError, one request", async () => {
    fake.script({ kind: "message", content: ANSWER, usage: USAGE, speed: SLOW });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    expect(await failureOf(provider().generate(draftRequest(), { signal: controller.signal }))).toBeInstanceOf(APIUserAbortError);
    expect(withoutModelReads(fake.requests)).toHaveLength(1);
  });
});

describe("the job's rate limiter and streamed answers", () => {
  const LIMITS = { requestsPerMinute: 1_000, inputTokensPerMinute: 10_000_000, outputTokensPerMinute: 10_000_000, maxPauseMs: 1_000 };

  it("admits the attempt, then counts the usage the stream reported at its end instead of the max_tokens estimate", async () => {
    const limiter = createRateLimiter(LIMITS);
    fake.script({ kind: "message", content: ANSWER, usage: USAGE });
    await provider({ gate: limiter }).generate(draftRequest());
    // Uncached input + cache writes, and the reported output, not max_tokens (8,000).
    expect(limiter.stats()).toMatchObject({ attempts: 1, inputTokens: 3_500, outputTokens: 400 });
  });

  it("counts a cut stream's partial usage", async () => {
    const limiter = createRateLimiter(LIMITS);
    fake.script({ kind: "message", content: ANSWER, usage: USAGE, streamFault: { afterShare: 0.5, kind: "reset" } });
    const error = (await failureOf(provider({ gate: limiter }).generate(draftRequest()))) as ProviderError;
    expect(limiter.stats()).toMatchObject({ attempts: 1, inputTokens: 3_500, outputTokens: error.partialUsage?.outputTokens });
    expect(error.partialUsage?.outputTokens).toBeLessThan(400);
  });
});

describe("a streamed answer with a thinking block", () => {
  it("arrives as the same message as unstreamed, and the provider returns only the text", async () => {
    const response: FakeResponse = { kind: "message", content: ANSWER, usage: USAGE, thinking: "The source defines the term; one paragraph with one claim.", requestId: "req_think" };
    fake.script(response, response, response);
    const client = new Anthropic({ apiKey: fake.apiKey, baseURL: fake.baseUrl, maxRetries: 0 });
    // The schema alone: with zodOutputFormat's parse function, MessageStream would add parsed_output.
    const built = buildMessageParams({ request: draftRequest(), model: "claude-sonnet-5-5", effort: "medium" });
    const params = { ...built, output_config: { format: { type: "json_schema" as const, schema: built.output_config?.format?.schema ?? {} } } };
    const unstreamed = await client.messages.create(params);
    const streamed = await client.messages.stream(params).finalMessage();
    // Ids differ per answer, and MessageStream adds parsed_output (null here); everything else must
    // match, the thinking block included.
    const { parsed_output: parsedOutput, ...streamedMessage } = streamed;
    expect(parsedOutput).toBeNull();
    expect({ ...streamedMessage, id: "", content: streamed.content.map((block) => (block.type === "thinking" ? { ...block, signature: "" } : block)) }).toEqual({
      ...unstreamed,
      id: "",
      content: unstreamed.content.map((block) => (block.type === "thinking" ? { ...block, signature: "" } : block)),
    });
    expect(streamed.content.map((block) => block.type)).toEqual(["thinking", "text"]);
    expect(streamed.content[0]).toMatchObject({ type: "thinking", signature: expect.stringMatching(/^sig_msg_fake_/) });

    const result = await provider().generate(draftRequest());
    expect([result.value, result.usage.outputTokens, result.requestId]).toEqual([JSON.stringify(ANSWER), 400, "req_think"]);
  });
});
