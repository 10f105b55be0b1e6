import { performance } from "node:perf_hooks";
import type { FakeResponse, FakeUsage, RecordedRequest } from "./fake-anthropic.ts";

// The account's rate limits as the Messages API enforces them (Anthropic rate-limit docs, as of
// 2025-2026): requests, input tokens and output tokens per minute, each a token bucket refilled
// continuously; input tokens counted from the prompt when the request arrives (cache reads do not
// count), output tokens reserved at max_tokens when it arrives and corrected to the real count when
// the answer is sent. A request that would overdraw any bucket gets 429 rate_limit_error with
// `retry-after` in whole seconds and `x-should-retry: true`, and every answer carries
// `anthropic-ratelimit-{requests,input-tokens,output-tokens,tokens}-{limit,remaining,reset}`:
// remaining token counts rounded to the nearest thousand, resets as RFC 3339 times at which the
// bucket would be full again, and `tokens-*` for whichever of input and output is nearer its limit.
//
// The API's buckets hold up to a minute's worth, but it may enforce a limit over shorter intervals
// ("60 RPM may be enforced as 1 request per second"); this fake holds `burstMs` worth (default two
// seconds), the stricter reading. The fake keeps its own bucket code, independent of src/pacing, so
// a mistake there is not mirrored here. Tokens are characters / 4, as elsewhere in the fakes.

export interface AccountRateLimits {
  requestsPerMinute: number;
  inputTokensPerMinute: number;
  outputTokensPerMinute: number;
  /** Bucket depth as time at the full rate (default 2,000 ms). */
  burstMs?: number;
}

export interface AccountRateLimitStats {
  /** Messages requests let through. */
  admitted: number;
  /** 429s answered, by the limit that ran out. */
  rateLimited: { requests: number; input_tokens: number; output_tokens: number };
}

export interface AccountRateLimiter {
  /**
   * Called when POST /v1/messages arrives: a 429 when a limit has run out, else the request is
   * charged and `settle` (called when its answer is sent) corrects its output reservation.
   */
  admit(request: RecordedRequest): { rejection: FakeResponse } | { settle(usage: Pick<FakeUsage, "input_tokens" | "output_tokens" | "cache_creation_input_tokens"> | undefined): void };
  /** The anthropic-ratelimit-* headers as of now, for every answer. */
  headers(): Record<string, string>;
  stats: AccountRateLimitStats;
  /** 429s of every kind. */
  rateLimitedTotal(): number;
}

type Kind = "requests" | "input_tokens" | "output_tokens";

interface Bucket {
  limit: number;
  capacity: number;
  perMs: number;
  level: number;
  updatedAt: number;
}

const LIMIT_NAMES: Record<Kind, string> = { requests: "requests", input_tokens: "input tokens", output_tokens: "output tokens" };
const HEADER_PREFIX: Record<Kind, string> = {
  requests: "anthropic-ratelimit-requests",
  input_tokens: "anthropic-ratelimit-input-tokens",
  output_tokens: "anthropic-ratelimit-output-tokens",
};

export function createAccountRateLimiter(limits: AccountRateLimits, now: () => number = () => performance.now()): AccountRateLimiter {
  const burstMs = limits.burstMs ?? 2_000;
  const bucket = (limit: number): Bucket => {
    const perMs = limit / 60_000;
    const capacity = Math.max(1, perMs * burstMs);
    return { limit, capacity, perMs, level: capacity, updatedAt: now() };
  };
  const buckets: Record<Kind, Bucket> = {
    requests: bucket(limits.requestsPerMinute),
    input_tokens: bucket(limits.inputTokensPerMinute),
    output_tokens: bucket(limits.outputTokensPerMinute),
  };
  const stats: AccountRateLimitStats = { admitted: 0, rateLimited: { requests: 0, input_tokens: 0, output_tokens: 0 } };

  const refill = (target: Bucket): void => {
    const at = now();
    target.level = Math.min(target.capacity, target.level + (at - target.updatedAt) * target.perMs);
    target.updatedAt = at;
  };

  return {
    admit(request) {
      const body = request.body as PromptBody | undefined;
      const cost: Record<Kind, number> = { requests: 1, input_tokens: promptTokens(body), output_tokens: body?.max_tokens ?? 0 };
      for (const kind of Object.keys(buckets) as Kind[]) {
        const target = buckets[kind];
        refill(target);
        // A request dearer than the bucket holds passes once the bucket is full, and leaves a debt.
        const needed = Math.min(cost[kind], target.capacity);
        if (target.level >= needed) continue;
        stats.rateLimited[kind] += 1;
        const seconds = Math.max(1, Math.ceil((needed - target.level) / target.perMs / 1000));
        return {
          rejection: {
            kind: "error",
            status: 429,
            message: `This request would exceed your organization's rate limit of ${target.limit} ${LIMIT_NAMES[kind]} per minute. Please reduce the prompt length or the maximum tokens requested, or try again later.`,
            headers: { "retry-after": String(seconds), "x-should-retry": "true" },
          },
        };
      }
      stats.admitted += 1;
      buckets.requests.level -= 1;
      buckets.output_tokens.level -= cost.output_tokens;
      return {
        settle(usage) {
          refill(buckets.input_tokens);
          refill(buckets.output_tokens);
          // Input counts uncached input and cache writes, not cache reads; an answer without usage
          // (an error, a reset connection) charges no tokens.
          if (usage) buckets.input_tokens.level -= usage.input_tokens + (usage.cache_creation_input_tokens ?? 0);
          const reserved = cost.output_tokens;
          const used = usage?.output_tokens ?? 0;
          buckets.output_tokens.level = Math.min(buckets.output_tokens.capacity, buckets.output_tokens.level + reserved - used);
        },
      };
    },
    headers() {
      const headers: Record<string, string> = {};
      const described = {} as Record<Kind, { limit: number; remaining: number; reset: string; share: number }>;
      for (const kind of Object.keys(buckets) as Kind[]) {
        const target = buckets[kind];
        refill(target);
        const level = Math.max(0, target.level);
        const remaining = kind === "requests" ? Math.floor(level) : Math.round(level / 1000) * 1000;
        const fullInMs = (target.capacity - target.level) / target.perMs;
        const reset = new Date(Date.now() + Math.max(0, fullInMs));
        described[kind] = { limit: target.limit, remaining, reset: rfc3339Seconds(reset), share: level / target.capacity };
        headers[`${HEADER_PREFIX[kind]}-limit`] = String(target.limit);
        headers[`${HEADER_PREFIX[kind]}-remaining`] = String(remaining);
        headers[`${HEADER_PREFIX[kind]}-reset`] = described[kind].reset;
      }
      const tightest = described.input_tokens.share <= described.output_tokens.share ? described.input_tokens : described.output_tokens;
      headers["anthropic-ratelimit-tokens-limit"] = String(tightest.limit);
      headers["anthropic-ratelimit-tokens-remaining"] = String(tightest.remaining);
      headers["anthropic-ratelimit-tokens-reset"] = tightest.reset;
      return headers;
    },
    stats,
    rateLimitedTotal: () => stats.rateLimited.requests + stats.rateLimited.input_tokens + stats.rateLimited.output_tokens,
  };
}

interface PromptBody {
  system?: string | { text?: string }[];
  messages?: { content: string | { type: string; text?: string }[] }[];
  max_tokens?: number;
}

/** The prompt's tokens as characters / 4: system and message text (cached or not; the API would not count cache reads). */
function promptTokens(body: PromptBody | undefined): number {
  let chars = 0;
  const system = body?.system;
  if (typeof system === "string") chars += system.length;
  else for (const block of system ?? []) chars += block.text?.length ?? 0;
  for (const message of body?.messages ?? []) {
    if (typeof message.content === "string") chars += message.content.length;
    else for (const block of message.content) chars += block.text?.length ?? 0;
  }
  return Math.ceil(chars / 4);
}

/** RFC 3339 to the second, as the API writes its resets ("2025-08-21T12:40:59Z"); rounded up. */
function rfc3339Seconds(date: Date): string {
  return new Date(Math.ceil(date.getTime() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
