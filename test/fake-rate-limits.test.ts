import { Anthropic, APIError, RateLimitError } from "@anthropic-ai/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeAnthropic, UNBINDING_LIMITS, type FakeAnthropic, type RecordedRequest } from "./helpers/fake-anthropic.ts";
import { createAccountRateLimiter } from "./helpers/fake-rate-limits.ts";

// The fake's account limits, seen through the real SDK as the real API shows them: the limit
// headers on every answer, and a 429 rate_limit_error with retry-after (seconds) and
// x-should-retry when requests, input tokens or output tokens per minute run out. The refill and
// the output correction are checked on the limiter itself with a hand-driven clock.

let fake: FakeAnthropic | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function client(started: FakeAnthropic): Anthropic {
  return new Anthropic({ apiKey: started.apiKey, baseURL: started.baseUrl, maxRetries: 0 });
}

function ask(anthropic: Anthropic, args: { maxTokens?: number; prompt?: string } = {}) {
  return anthropic.messages.create({ model: "claude-sonnet-5-5", max_tokens: args.maxTokens ?? 100, messages: [{ role: "user", content: args.prompt ?? "hello" }] }).withResponse();
}

async function rejectionOf(promise: Promise<unknown>): Promise<RateLimitError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RateLimitError);
  return error as RateLimitError;
}

async function rejectionOfAny(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

const RFC3339_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe("fake account rate limits through the SDK", () => {
  it("announces every limit on every answer", async () => {
    fake = await startFakeAnthropic({ rateLimits: { requestsPerMinute: 600, inputTokensPerMinute: 600_000, outputTokensPerMinute: 120_000 } });
    fake.script({ kind: "message", content: { blocks: [] }, usage: { input_tokens: 120, output_tokens: 40 } });
    const { response } = await ask(client(fake));
    const header = (name: string) => response.headers.get(`anthropic-ratelimit-${name}`);
    expect([header("requests-limit"), header("input-tokens-limit"), header("output-tokens-limit")]).toEqual(["600", "600000", "120000"]);
    // Buckets of two seconds' worth: 20 requests, 20,000 input and 4,000 output tokens, less one
    // request, 120 input and 40 output tokens (the scripted answer's usage); tokens to the nearest thousand.
    expect([header("requests-remaining"), header("input-tokens-remaining"), header("output-tokens-remaining")]).toEqual(["19", "20000", "4000"]);
    for (const name of ["requests-reset", "input-tokens-reset", "output-tokens-reset", "tokens-reset"]) expect(header(name)).toMatch(RFC3339_SECONDS);
    // tokens-* repeat the limit nearest to running out: output, 3,960 of 4,000 (input: 19,880 of 20,000).
    expect([header("tokens-limit"), header("tokens-remaining")]).toEqual(["120000", "4000"]);
  });

  it("announces limits on every answer of a fake started without any, the model read and errors included", async () => {
    fake = await startFakeAnthropic();
    const { response } = await ask(client(fake));
    expect(response.headers.get("anthropic-ratelimit-requests-limit")).toBe(String(UNBINDING_LIMITS.requestsPerMinute));
    const modelRead = await client(fake).models.retrieve("claude-sonnet-5-5").withResponse();
    expect(modelRead.response.headers.get("anthropic-ratelimit-output-tokens-limit")).toBe(String(UNBINDING_LIMITS.outputTokensPerMinute));
    const refused = await rejectionOfAny(client(fake).messages.create({ model: "claude-sonnet-9-9", max_tokens: 10, messages: [{ role: "user", content: "hello" }] }));
    expect(refused.status).toBe(404);
    expect(refused.headers?.get("anthropic-ratelimit-input-tokens-limit")).toBe(String(UNBINDING_LIMITS.inputTokensPerMinute));
  });

  it("answers 429 rate_limit_error with retry-after and x-should-retry once requests per minute run out, limit headers included", async () => {
    // 60 a minute with a one-second bucket: one request, then the next must wait a second.
    fake = await startFakeAnthropic({ rateLimits: { requestsPerMinute: 60, inputTokensPerMinute: 1_000_000, outputTokensPerMinute: 1_000_000, burstMs: 1_000 } });
    const anthropic = client(fake);
    await ask(anthropic);
    const error = await rejectionOf(ask(anthropic));
    expect(error.status).toBe(429);
    expect(error.type).toBe("rate_limit_error");
    expect(error.message).toContain("60 requests per minute");
    expect(error.headers?.get("retry-after")).toBe("1");
    expect(error.headers?.get("x-should-retry")).toBe("true");
    expect(error.headers?.get("anthropic-ratelimit-requests-limit")).toBe("60");
    expect(error.headers?.get("anthropic-ratelimit-requests-remaining")).toBe("0");
    expect(fake.rateLimits?.stats).toEqual({ admitted: 1, rateLimited: { requests: 1, input_tokens: 0, output_tokens: 0 } });
  });

  it("answers 429 when a prompt needs more input tokens than are left", async () => {
    // 6,000 a minute, two seconds' worth = 200 tokens; a prompt of 4,000 characters is 1,000 tokens:
    // it passes on a full bucket and leaves a debt, so the second is refused.
    fake = await startFakeAnthropic({ rateLimits: { requestsPerMinute: 6_000, inputTokensPerMinute: 6_000, outputTokensPerMinute: 1_000_000 } });
    const anthropic = client(fake);
    fake.setResponder(() => ({ kind: "message", content: { blocks: [] }, usage: { input_tokens: 1_000, output_tokens: 10 } }));
    const prompt = "x".repeat(4_000);
    await ask(anthropic, { prompt });
    const error = await rejectionOf(ask(anthropic, { prompt }));
    expect(error.message).toContain("6000 input tokens per minute");
    // 1,000 - 200 = 800 tokens short of a full bucket at 100 a second: 8 s, then the 200 needed: 10 s.
    expect(error.headers?.get("retry-after")).toBe("10");
  });

  it("answers 429 when max_tokens asks for more output tokens than are left", async () => {
    fake = await startFakeAnthropic({ rateLimits: { requestsPerMinute: 6_000, inputTokensPerMinute: 1_000_000, outputTokensPerMinute: 6_000 } });
    const anthropic = client(fake);
    // Two answers in flight at once: the first reserves its max_tokens (200, the whole bucket) until it is sent.
    fake.script({ kind: "message", content: { blocks: [] }, usage: { output_tokens: 10 }, delayMs: 300 });
    const first = ask(anthropic, { maxTokens: 200 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const error = await rejectionOf(ask(anthropic, { maxTokens: 200 }));
    expect(error.message).toContain("6000 output tokens per minute");
    await first;
    expect(fake.rateLimits?.stats.rateLimited).toEqual({ requests: 0, input_tokens: 0, output_tokens: 1 });
  });
});

describe("createAccountRateLimiter", () => {
  const request = (body: unknown): RecordedRequest => ({ method: "POST", path: "/v1/messages", headers: {}, body, rawBody: "", at: 0 });
  const body = { max_tokens: 1_000, messages: [{ role: "user", content: "x".repeat(400) }] };

  it("refills continuously, and returns the unused output reservation when the answer is sent", () => {
    let now = 0;
    // 600 output tokens a minute = 10 a second, a bucket of 20 (two seconds).
    const limiter = createAccountRateLimiter({ requestsPerMinute: 1_000_000, inputTokensPerMinute: 1_000_000, outputTokensPerMinute: 600 }, () => now);
    const first = limiter.admit(request(body));
    if (!("settle" in first)) throw new Error("the first request should pass on a full bucket");
    // Reserved 1,000 of a bucket of 20: -980. Refused until the answer corrects it.
    expect("rejection" in limiter.admit(request(body))).toBe(true);
    first.settle({ input_tokens: 120, output_tokens: 5, cache_creation_input_tokens: 0 });
    // -980 + 995 = 15: still 5 short of the 20 needed; half a second later the bucket has them.
    expect("rejection" in limiter.admit(request(body))).toBe(true);
    now = 500;
    expect("settle" in limiter.admit(request(body))).toBe(true);
    expect(limiter.stats).toEqual({ admitted: 2, rateLimited: { requests: 0, input_tokens: 0, output_tokens: 2 } });
  });

  it("charges input tokens and cache writes, not cache reads", () => {
    const now = 0;
    // 60,000 input tokens a minute: a bucket of 2,000.
    const limiter = createAccountRateLimiter({ requestsPerMinute: 1_000_000, inputTokensPerMinute: 60_000, outputTokensPerMinute: 1_000_000 }, () => now);
    const first = limiter.admit(request(body));
    if (!("settle" in first)) throw new Error("expected to pass");
    first.settle({ input_tokens: 500, cache_creation_input_tokens: 1_000, output_tokens: 5 });
    expect(limiter.headers()["anthropic-ratelimit-input-tokens-remaining"]).toBe("1000"); // 2,000 - 1,500 = 500, rounded to the nearest thousand
  });
});
