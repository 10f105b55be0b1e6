import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { ProviderError } from "../domain/errors.ts";
import { checkStopReason, mapAnthropicError } from "./anthropic-errors.ts";

/** An SDK error built the way the SDK builds it from a response (class chosen by status). */
function statusError(status: number): APIError {
  const body = { type: "error", error: { type: "some_error", message: "wording that must not matter" }, request_id: "req_x" };
  return APIError.generate(status, body, undefined, new Headers({ "request-id": "req_x" }));
}

function fields(error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  return { kind: error.kind, status: error.status, retryable: error.retryable, requestId: error.requestId };
}

describe("mapAnthropicError", () => {
  it.each([
    [400, "bad_request", false],
    [401, "auth", false],
    [402, "auth", false],
    [403, "auth", false],
    [404, "bad_request", false],
    [408, "timeout", true],
    [413, "bad_request", false],
    [429, "rate_limited", true],
    [500, "server", true],
    [503, "server", true],
    [529, "overloaded", true],
  ] as const)("status %i -> %s (retryable %s)", (status, kind, retryable) => {
    expect(fields(mapAnthropicError(statusError(status), 1))).toEqual({ kind, status, retryable, requestId: "req_x" });
  });

  it.each([
    ["timeout", new APIConnectionTimeoutError(), { kind: "timeout", status: undefined, retryable: true, requestId: undefined }],
    ["connection", new APIConnectionError({ cause: new Error("socket hang up") }), { kind: "connection", status: undefined, retryable: true, requestId: undefined }],
  ])("%s errors are classified by class", (_name, error, expected) => {
    expect(fields(mapAnthropicError(error, 3))).toEqual(expected);
  });

  it("says how many attempts were made", () => {
    expect((mapAnthropicError(statusError(529), 3) as ProviderError).message).toContain("3 attempts");
    expect((mapAnthropicError(new APIConnectionError({}), 1) as ProviderError).message).toContain("1 attempt)");
  });

  it("lets a caller's abort and non-SDK errors through unchanged", () => {
    const abort = new APIUserAbortError();
    const bug = new TypeError("x is undefined");
    expect(mapAnthropicError(abort, 1)).toBe(abort);
    expect(mapAnthropicError(bug, 1)).toBe(bug);
  });
});

describe("checkStopReason", () => {
  it.each([
    ["end_turn", undefined],
    ["stop_sequence", undefined],
    [null, undefined],
    ["max_tokens", { kind: "max_tokens", message: "output truncated at 512 tokens; raise provider.max_tokens" }],
    ["refusal", { kind: "refusal", message: "the model declined to answer this request" }],
  ] as const)("%s", (stopReason, expected) => {
    const error = checkStopReason({ stopReason, maxTokens: 512, requestId: "req_y" });
    expect(error && { kind: error.kind, message: error.message, requestId: error.requestId }).toEqual(expected && { ...expected, requestId: "req_y" });
  });

  it("treats a full context window as truncation", () => {
    expect(checkStopReason({ stopReason: "model_context_window_exceeded", maxTokens: 512, requestId: undefined })?.kind).toBe("max_tokens");
  });
});
