// From the SDK's error module, which the package root re-exports: the same classes, without loading
// the client and its resources.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "@anthropic-ai/sdk/core/error";
import { ProviderError, type ProviderErrorKind } from "../domain/errors.ts";

// Maps what the SDK throws, and the stop reasons that make an answer unusable, to ProviderError.
// Classified by error class and HTTP status only: the SDK documents its messages as unstable.

/**
 * The ProviderError for an SDK error, or the error itself when it is not the API's to classify:
 * a caller's abort (APIUserAbortError) is the caller's decision and propagates unchanged, as does
 * anything that is not an SDK APIError (a bug here should surface as itself).
 */
export function mapAnthropicError(error: unknown, attempts: number): unknown {
  if (error instanceof APIUserAbortError || !(error instanceof APIError)) return error;
  const tried = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
  // Timeout first: APIConnectionTimeoutError is a subclass of APIConnectionError.
  if (error instanceof APIConnectionTimeoutError) {
    return new ProviderError({ kind: "timeout", message: `Anthropic API request timed out (${tried})`, retryable: true, attempts });
  }
  if (error instanceof APIConnectionError) {
    return new ProviderError({ kind: "connection", message: `could not reach the Anthropic API (${tried})`, retryable: true, attempts });
  }
  const status = error.status;
  const classified = classifyStatus(status);
  const requestId = error.requestID ?? undefined;
  const detail = error.apiMessage ? `: ${error.apiMessage}` : "";
  return new ProviderError({
    kind: classified.kind,
    message: `Anthropic API answered ${status ?? "without a status"} (${classified.kind}, ${tried})${detail}`,
    retryable: classified.retryable,
    attempts,
    ...(status === undefined ? {} : { status }),
    ...(requestId === undefined ? {} : { requestId }),
  });
}

export function classifyStatus(status: number | undefined): { kind: ProviderErrorKind; retryable: boolean } {
  if (status === undefined) return { kind: "connection", retryable: true };
  // 402 (billing) sits with 401/403: an account problem that no retry of this request fixes.
  if (status === 401 || status === 402 || status === 403) return { kind: "auth", retryable: false };
  if (status === 408) return { kind: "timeout", retryable: true };
  if (status === 429) return { kind: "rate_limited", retryable: true };
  // 529 is Anthropic's "overloaded": capacity, not a fault in the request; worth waiting for.
  if (status === 529) return { kind: "overloaded", retryable: true };
  if (status >= 500) return { kind: "server", retryable: true };
  return { kind: "bad_request", retryable: false };
}

/**
 * The ProviderError for a completed answer that cannot be used, or undefined when it can. A
 * truncated answer is never passed on: half a JSON document would only fail later as
 * invalid_output, with a less useful message.
 */
export function checkStopReason(args: {
  stopReason: string | null;
  maxTokens: number;
  requestId: string | undefined;
  /** The setting to raise (default provider.max_tokens). */
  maxTokensSetting?: string | undefined;
  /** Of the output, tokens the model spent thinking (they count against max_tokens too). */
  thinkingTokens?: number | undefined;
}): ProviderError | undefined {
  const ids = args.requestId === undefined ? {} : { requestId: args.requestId };
  switch (args.stopReason) {
    case "max_tokens": {
      const thinking = args.thinkingTokens ? ` (${args.thinkingTokens} of them thinking)` : "";
      return new ProviderError({
        kind: "max_tokens",
        message: `output truncated at ${args.maxTokens} tokens${thinking}; raise ${args.maxTokensSetting ?? "provider.max_tokens"}`,
        ...ids,
      });
    }
    case "model_context_window_exceeded":
      return new ProviderError({
        kind: "max_tokens",
        message: "output truncated: prompt and answer filled the model's context window; use fewer or shorter passages",
        ...ids,
      });
    case "refusal":
      return new ProviderError({ kind: "refusal", message: "the model declined to answer this request", ...ids });
    default:
      return undefined;
  }
}
