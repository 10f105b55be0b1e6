import type { Anthropic, Middleware } from "@anthropic-ai/sdk";
import { AnthropicError, APIError, APIUserAbortError } from "@anthropic-ai/sdk/core/error";
import type { Message, MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import type { ErrorType } from "@anthropic-ai/sdk/resources/shared";
import { ProviderError, type ProviderErrorKind } from "../domain/errors.ts";
import type { TokenUsage } from "../domain/cost.ts";
import { mapAnthropicError } from "./anthropic-errors.ts";
import { mapUsage } from "./anthropic-response.ts";

// Live Messages calls are streamed (`messages.stream`), so a long answer is never cut by a total
// timeout: the SDK's own estimate for 8,000 output tokens is about 225 s (60 min x max_tokens /
// 128,000), well past a 120 s timer around a non-streamed call. The policy, per HTTP attempt:
// - Until the response begins (status line and headers), the SDK's `timeout` runs and the SDK
//   retries as for any request (429, 5xx, resets, that timeout): no answer has reached us yet.
// - Once it has begun, there is no limit on the total time, only on silence: the API sends `ping`
//   events while the model works, so `idleTimeoutMs` without a single byte means the stream is dead,
//   and it is aborted.
// - A stream that fails after it began (stalled, dropped, or an `error` event) is never retried:
//   the SDK does not retry it (its retries cover only getting a response) and this module reports it
//   with retryable false, so no layer above drafts it again in the same run. The API may bill the
//   generation it had started, so the error carries the usage the stream reported when it began
//   (input and cache tokens, exact) with output counted so far, for the call's stored cost.

/** Characters per output token when counting a cut answer's partial output (as the gate's estimate). */
const CHARS_PER_TOKEN = 4;

export interface StreamedMessage {
  message: Message;
  requestId: string | undefined;
}

/**
 * One streamed Messages call: the final message as `messages.create` would have returned it, or a
 * ProviderError (an SDK error before the stream began is classified as for a non-streamed call; a
 * caller's abort propagates as APIUserAbortError).
 */
export async function streamMessage(args: {
  client: Anthropic;
  params: MessageCreateParamsNonStreaming;
  /** Per-attempt middleware (gate, attempt counter), outermost first; the idle watchdog goes innermost. */
  middleware: Middleware[];
  signal: AbortSignal | undefined;
  idleTimeoutMs: number;
  /** HTTP attempts so far, read when the call fails. */
  attempts: () => number;
}): Promise<StreamedMessage> {
  const watchdog = createIdleWatchdog(args.idleTimeoutMs, () => stream.abort());
  const stream = args.client.messages.stream(withoutClientParse(args.params), {
    middleware: [...args.middleware, watchdog.middleware],
    ...(args.signal ? { signal: args.signal } : {}),
  });
  let snapshot: Message | undefined;
  stream.on("streamEvent", (_event, current) => {
    snapshot = current;
  });
  try {
    const message = await stream.finalMessage();
    return { message, requestId: stream.request_id ?? undefined };
  } catch (error) {
    if (!watchdog.hasBegun()) throw mapAnthropicError(error, args.attempts());
    throw describeCutStream({ error, isStalled: watchdog.isStalled(), idleTimeoutMs: args.idleTimeoutMs, snapshot, requestId: stream.request_id ?? undefined, attempts: args.attempts() });
  } finally {
    watchdog.stop();
  }
}

/**
 * The params with a structured-output format reduced to its schema. MessageStream parses the final
 * text itself when the format carries a `parse` function (zodOutputFormat's does), and fails the
 * whole stream on invalid JSON; wikigen parses the text and repairs it itself, as for a non-streamed
 * answer. The body sent is the same: a function does not survive JSON.
 */
function withoutClientParse(params: MessageCreateParamsNonStreaming): MessageCreateParamsNonStreaming {
  const format = params.output_config?.format;
  if (!format) return params;
  return { ...params, output_config: { ...params.output_config, format: { type: format.type, schema: format.schema } } };
}

interface IdleWatchdog {
  /** Innermost middleware: marks the stream begun on a successful response and watches its bytes. */
  middleware: Middleware;
  hasBegun(): boolean;
  isStalled(): boolean;
  stop(): void;
}

/**
 * Calls `onIdle` when a begun response body has sent nothing for `idleMs`. It watches raw bytes, not
 * parsed events, because the SDK drops `ping` events before any listener sees them.
 */
function createIdleWatchdog(idleMs: number, onIdle: () => void): IdleWatchdog {
  let timer: NodeJS.Timeout | undefined;
  let lastActivity = 0;
  let hasBegun = false;
  let isStalled = false;
  let isStopped = false;
  const wait = (ms: number) => {
    clearTimeout(timer);
    if (isStopped) return;
    timer = setTimeout(check, ms);
  };
  // When this process itself was busy (a long synchronous step), Node runs due timers before it reads
  // the sockets: bytes that arrived meanwhile are not seen yet. setImmediate runs after that read, so
  // a stall is declared only when the silence is the API's.
  const check = () => {
    setImmediate(() => {
      if (isStopped) return;
      const silentMs = performance.now() - lastActivity;
      if (silentMs < idleMs) {
        wait(idleMs - silentMs);
        return;
      }
      isStalled = true;
      onIdle();
    });
  };
  const arm = () => {
    lastActivity = performance.now();
    wait(idleMs);
  };
  const middleware: Middleware = async (request, next) => {
    const response = await next(request);
    if (!response.ok || !response.body) return response;
    hasBegun = true;
    arm();
    const watched = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          arm();
          controller.enqueue(chunk);
        },
        flush() {
          clearTimeout(timer);
        },
      }),
    );
    return new Response(watched, response);
  };
  return {
    middleware,
    hasBegun: () => hasBegun,
    isStalled: () => isStalled,
    stop: () => {
      isStopped = true;
      clearTimeout(timer);
    },
  };
}

/** The ProviderError for a stream that failed after it began; a caller's abort and non-SDK errors pass through. */
function describeCutStream(args: {
  error: unknown;
  isStalled: boolean;
  idleTimeoutMs: number;
  snapshot: Message | undefined;
  requestId: string | undefined;
  attempts: number;
}): unknown {
  const { error } = args;
  if (!args.isStalled && (error instanceof APIUserAbortError || !(error instanceof AnthropicError))) return error;
  const partialUsage = args.snapshot ? countPartialUsage(args.snapshot) : undefined;
  const { kind, what } = args.isStalled
    ? { kind: "timeout" as const, what: `stalled: nothing received for ${args.idleTimeoutMs} ms (provider.timeout_ms)` }
    : error instanceof APIError && error.type
      ? { kind: kindOfErrorType(error.type), what: `ended with an ${error.type} event${error.apiMessage ? ` (${error.apiMessage})` : ""}` }
      : { kind: "connection" as const, what: "was cut off" };
  const tokens = partialUsage?.outputTokens;
  const progress = tokens === undefined ? "" : `, about ${tokens} output token${tokens === 1 ? "" : "s"} in`;
  const request = args.requestId ? `, request ${args.requestId}` : "";
  return new ProviderError({
    kind,
    message: `Anthropic API answer ${what} after it began streaming${progress}${request}; not retried, since the API may bill the partial answer`,
    retryable: false,
    attempts: args.attempts,
    ...(args.requestId ? { requestId: args.requestId } : {}),
    ...(partialUsage ? { partialUsage } : {}),
  });
}

/**
 * Usage of a cut answer: input and cache tokens as message_start reported them (exact), output as
 * the larger of the count last reported and the characters received / 4 (the API reports the real
 * count only at the end).
 */
export function countPartialUsage(snapshot: Message): TokenUsage {
  let chars = 0;
  for (const block of snapshot.content) {
    if (block.type === "text") chars += block.text.length;
    else if (block.type === "thinking") chars += block.thinking.length;
  }
  const usage = mapUsage(snapshot.usage);
  return { ...usage, outputTokens: Math.max(usage.outputTokens, Math.ceil(chars / CHARS_PER_TOKEN)) };
}

/** ProviderError kind of an `error` event's type (its status line was a 200, so there is no status). */
function kindOfErrorType(type: ErrorType): ProviderErrorKind {
  switch (type) {
    case "overloaded_error":
      return "overloaded";
    case "rate_limit_error":
      return "rate_limited";
    case "api_error":
      return "server";
    case "timeout_error":
      return "timeout";
    case "authentication_error":
    case "billing_error":
    case "permission_error":
      return "auth";
    default:
      return "bad_request";
  }
}
