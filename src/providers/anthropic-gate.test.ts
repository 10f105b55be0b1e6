import { describe, expect, it } from "vitest";
import { countedUsage, estimateAttempt, readAnnouncedLimits, retryAfterMs } from "./anthropic-gate.ts";

describe("retryAfterMs", () => {
  const NOW = Date.parse("2026-11-24T10:00:00Z");
  it.each([
    ["retry-after-ms wins", { "retry-after-ms": "250", "retry-after": "3" }, 250],
    ["seconds", { "retry-after": "2" }, 2_000],
    ["fractional seconds", { "retry-after": "0.5" }, 500],
    ["an HTTP date", { "retry-after": "Tue, 24 Nov 2026 10:00:05 GMT" }, 5_000],
    ["a date in the past", { "retry-after": "Tue, 24 Nov 2026 09:59:00 GMT" }, 0],
    ["garbage", { "retry-after": "soon" }, undefined],
    ["no header", {}, undefined],
  ])("%s", (_name, headers, expected) => {
    expect(retryAfterMs(new Headers(headers), NOW)).toBe(expected);
  });
});

describe("estimateAttempt", () => {
  it("counts system, message and schema characters / 4 as input, and max_tokens as output", () => {
    const params = {
      model: "m",
      max_tokens: 8_000,
      system: [{ type: "text" as const, text: "x".repeat(400) }],
      messages: [
        { role: "user" as const, content: [{ type: "text" as const, text: "y".repeat(3_000) }, { type: "text" as const, text: "z".repeat(600) }] },
        { role: "assistant" as const, content: "w".repeat(200) },
      ],
    };
    // 400 + 3600 + 200 characters, and "{}" for the absent output_config.
    expect(estimateAttempt(params)).toEqual({ inputTokens: Math.ceil(4_202 / 4), outputTokens: 8_000 });
  });
});

describe("countedUsage", () => {
  it("counts uncached input and cache writes, not cache reads", () => {
    const usage = { input_tokens: 100, output_tokens: 40, cache_creation_input_tokens: 2_000, cache_read_input_tokens: 9_000 };
    expect(countedUsage({ usage } as Parameters<typeof countedUsage>[0])).toEqual({ inputTokens: 2_100, outputTokens: 40 });
  });
});

describe("readAnnouncedLimits", () => {
  const ALL = {
    "anthropic-ratelimit-requests-limit": "4000",
    "anthropic-ratelimit-requests-remaining": "3999",
    "anthropic-ratelimit-requests-reset": "2026-11-30T10:00:01Z",
    "anthropic-ratelimit-input-tokens-limit": "2000000",
    "anthropic-ratelimit-input-tokens-remaining": "1998000",
    "anthropic-ratelimit-input-tokens-reset": "2026-11-30T10:00:01Z",
    "anthropic-ratelimit-output-tokens-limit": "400000",
    "anthropic-ratelimit-output-tokens-remaining": "392000",
    "anthropic-ratelimit-output-tokens-reset": "2026-11-30T10:00:02Z",
    "anthropic-ratelimit-tokens-limit": "400000",
    "anthropic-ratelimit-tokens-remaining": "392000",
    "anthropic-ratelimit-tokens-reset": "2026-11-30T10:00:02Z",
  };
  it.each([
    ["every limit of a real answer", ALL, { requestsPerMinute: 4_000, inputTokensPerMinute: 2_000_000, outputTokensPerMinute: 400_000 }],
    ["only the request limit", { "anthropic-ratelimit-requests-limit": "50" }, { requestsPerMinute: 50 }],
    ["no headers", {}, {}],
    ["the combined tokens limit alone says nothing about input or output", { "anthropic-ratelimit-tokens-limit": "90000" }, {}],
    [
      "malformed, zero and negative values are left out",
      { "anthropic-ratelimit-requests-limit": "lots", "anthropic-ratelimit-input-tokens-limit": "0", "anthropic-ratelimit-output-tokens-limit": "-5" },
      {},
    ],
    ["a fraction is not a limit", { "anthropic-ratelimit-requests-limit": "50.5" }, {}],
  ])("%s", (_name, headers, expected) => {
    expect(readAnnouncedLimits(new Headers(headers))).toEqual(expected);
  });
});
