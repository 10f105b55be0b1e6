import { describe, expect, it } from "vitest";
import type { MessageBatchIndividualResponse } from "@anthropic-ai/sdk/resources/messages/batches";
import { classifyErrorType, toOutcome } from "./anthropic-batches.ts";

function message(stopReason: "end_turn" | "max_tokens", text: string): MessageBatchIndividualResponse["result"] {
  const value = {
    type: "succeeded",
    message: {
      id: "msg_1",
      type: "message",
      role: "assistant",
      model: "claude-x",
      content: [{ type: "text", text, citations: null }],
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 64, cache_creation_input_tokens: null, cache_read_input_tokens: 5 },
    },
  };
  return value as unknown as MessageBatchIndividualResponse["result"];
}

describe("toOutcome", () => {
  it("turns each result type into a result or an error with its retryability", () => {
    expect(toOutcome({ custom_id: "a", result: message("end_turn", '{"blocks":[]}') })).toEqual({
      customId: "a",
      type: "succeeded",
      result: { value: '{"blocks":[]}', model: "claude-x", usage: { inputTokens: 10, outputTokens: 64, cacheWriteTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 5 }, requestId: undefined, stopReason: "end_turn", attempts: 1 },
    });
    expect(toOutcome({ custom_id: "b", result: message("max_tokens", '{"blocks":[') })).toEqual({
      customId: "b",
      type: "succeeded",
      error: { kind: "max_tokens", message: "output truncated at 64 tokens; raise provider.max_tokens", retryable: false },
    });
    const errored = { type: "errored", error: { type: "error", error: { type: "overloaded_error", message: "busy" }, request_id: null } } as MessageBatchIndividualResponse["result"];
    expect(toOutcome({ custom_id: "c", result: errored })).toEqual({
      customId: "c",
      type: "errored",
      error: { kind: "overloaded", message: "batch request errored (overloaded_error): busy", retryable: true },
    });
    expect(toOutcome({ custom_id: "d", result: { type: "canceled" } })).toMatchObject({ type: "canceled", error: { kind: "batch_canceled", retryable: true } });
    expect(toOutcome({ custom_id: "e", result: { type: "expired" } })).toMatchObject({ type: "expired", error: { kind: "batch_expired", retryable: true } });
  });
});

describe("classifyErrorType", () => {
  it.each([
    ["rate_limit_error", "rate_limited", true],
    ["overloaded_error", "overloaded", true],
    ["api_error", "server", true],
    ["timeout_error", "timeout", true],
    ["invalid_request_error", "bad_request", false],
    ["billing_error", "auth", false],
    ["something_new_error", "bad_request", false],
  ] as const)("%s -> %s (retryable %s)", (type, kind, retryable) => {
    expect(classifyErrorType(type)).toEqual({ kind, retryable });
  });
});
