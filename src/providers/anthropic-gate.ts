import type { Middleware } from "@anthropic-ai/sdk";
import type { Message, MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import type { AnnouncedLimits, AttemptEstimate, AttemptGate, AttemptTicket } from "./types.ts";

// Admission of every HTTP attempt of a Messages call through the job's gate (rate limiter). It runs
// as per-request SDK middleware, which the SDK calls once per attempt inside its retry loop, and
// outside the per-attempt timeout timer, so waiting for a budget never times a request out.

/** Characters per token for the estimate: a rough figure for English prose and JSON, on the high side. */
const CHARS_PER_TOKEN = 4;

/**
 * Estimated usage of one attempt before it is sent: input = characters of the system prompt, the
 * messages and the output schema divided by 4; output = max_tokens (the most it can use; the API
 * estimates its output-token limit from max_tokens the same way, then corrects it).
 */
export function estimateAttempt(params: MessageCreateParamsNonStreaming): AttemptEstimate {
  let chars = 0;
  const system = params.system;
  if (typeof system === "string") chars += system.length;
  else for (const block of system ?? []) chars += block.text.length;
  for (const message of params.messages) {
    if (typeof message.content === "string") chars += message.content.length;
    else for (const block of message.content) if (block.type === "text") chars += block.text.length;
  }
  chars += JSON.stringify(params.output_config ?? {}).length;
  return { inputTokens: Math.ceil(chars / CHARS_PER_TOKEN), outputTokens: params.max_tokens };
}

/**
 * Input tokens as the API counts them against the input-tokens-per-minute limit: uncached input and
 * cache writes; cache reads do not count for current models (Anthropic rate-limit docs, 2025).
 */
export function countedUsage(message: Pick<Message, "usage">): AttemptEstimate {
  const usage = message.usage;
  return { inputTokens: usage.input_tokens + (usage.cache_creation_input_tokens ?? 0), outputTokens: usage.output_tokens };
}

/** Milliseconds from retry-after-ms or retry-after (seconds or an HTTP date), if the answer has one. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The account's per-minute limits from an answer's headers (anthropic-ratelimit-requests-limit,
 * -input-tokens-limit, -output-tokens-limit; the API sends them on every answer, errors included,
 * as of 2026-10). A missing or malformed value is left out. The combined anthropic-ratelimit-tokens-*
 * headers repeat whichever of input and output is tightest, so they add nothing; -remaining and
 * -reset describe the API's minute-deep bucket, not the pace, and are not used.
 */
export function readAnnouncedLimits(headers: Headers): AnnouncedLimits {
  const announced: AnnouncedLimits = {};
  const read = (name: string): number | undefined => {
    const value = headers.get(`anthropic-ratelimit-${name}-limit`)?.trim() ?? "";
    return /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined;
  };
  const requests = read("requests");
  const input = read("input-tokens");
  const output = read("output-tokens");
  if (requests !== undefined) announced.requestsPerMinute = requests;
  if (input !== undefined) announced.inputTokensPerMinute = input;
  if (output !== undefined) announced.outputTokensPerMinute = output;
  return announced;
}

export function gateMiddleware(args: {
  gate: AttemptGate;
  estimate: AttemptEstimate;
  signal: AbortSignal | undefined;
  /**
   * A streamed answer's usage is known only at its end, long after this middleware returns: its
   * ticket is handed to the caller, who settles or releases it when the stream ends.
   */
  onStreamedAnswer?: ((ticket: AttemptTicket) => void) | undefined;
}): Middleware {
  const { gate, estimate, signal } = args;
  return async (request, next, ctx) => {
    const ticket = await gate.acquire(estimate, signal);
    let response: Response;
    try {
      response = await next(request);
    } catch (error) {
      ticket.release();
      throw error;
    }
    // Read before the body: a streamed answer's headers arrive long before its end.
    gate.adopt(readAnnouncedLimits(response.headers));
    if (response.ok && ctx.options?.stream) {
      if (args.onStreamedAnswer) args.onStreamedAnswer(ticket);
      else ticket.release();
      return response;
    }
    if (response.ok) {
      const message = await ctx.parse<Partial<Message>>(response).catch(() => undefined);
      if (message?.usage) ticket.settle(countedUsage({ usage: message.usage }));
      else ticket.release();
      return response;
    }
    ticket.release();
    // Rate limits are per organisation: one 429 means every worker should wait. An overloaded 529
    // pauses everyone only when the API says for how long.
    const wait = retryAfterMs(response.headers);
    if (response.status === 429) gate.pause(wait ?? 0, 429);
    else if (response.status === 529 && wait !== undefined) gate.pause(wait, 529);
    return response;
  };
}
