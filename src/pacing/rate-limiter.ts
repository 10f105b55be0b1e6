import { setTimeout as sleepFor } from "node:timers/promises";
import type { AnnouncedLimits, AttemptEstimate, AttemptGate, AttemptTicket } from "../providers/types.ts";
import { CAUTIOUS_START, LIMIT_KINDS, paceOf, type LimitKind, type PerMinute } from "./pace.ts";
import { createBucket, drainUntil, give, setRate, take, waitFor, type TokenBucket } from "./token-bucket.ts";

// The job's admission control for model calls: one bucket each for requests, input tokens and
// output tokens per minute. Every HTTP attempt passes here (the provider calls it from SDK
// middleware, so SDK retries are counted too). Admission is first come, first served: waiters are
// chained, so a freed budget goes to the oldest waiter instead of to whichever timer fires first.
//
// Buckets hold at most one second of their per-minute rate. The API enforces its per-minute limits
// over shorter windows too ("60 RPM may be enforced as 1 request per second", Anthropic rate-limit
// docs as of 2025), so a client that bursts a minute's worth at once gets 429s for it.

export interface RateLimits {
  /** Ceilings the user set; undefined: the account's limit as announced (a cautious start until then). */
  requestsPerMinute?: number | undefined;
  inputTokensPerMinute?: number | undefined;
  outputTokensPerMinute?: number | undefined;
  /** A retry-after longer than this pauses the job for this long only. */
  maxPauseMs: number;
  /** Bucket capacity as time at the full rate (default 1000 ms). */
  burstMs?: number;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface RateLimiterStats {
  /** HTTP attempts admitted. */
  attempts: number;
  /** 429 answers seen. */
  rateLimited: number;
  /** Global pauses started (429, or 529 with retry-after), and their total length. */
  pauses: number;
  pausedMs: number;
  /** Tokens counted after correction by reported usage (estimates for attempts still open). */
  inputTokens: number;
  outputTokens: number;
  /** The rates paced to now, and the account's limits as last announced (absent: never announced). */
  pace: PerMinute;
  announced: AnnouncedLimits;
}

export interface RateLimiter extends AttemptGate {
  stats(): RateLimiterStats;
}

/** Without a retry-after header, a 429 pauses everyone this long (the SDK's own first backoff is 0.5-1 s). */
const DEFAULT_PAUSE_MS = 1_000;

export const SYSTEM_CLOCK: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleepFor(ms, undefined, signal ? { signal } : {}),
};

export function createRateLimiter(limits: RateLimits, clock: Clock = SYSTEM_CLOCK): RateLimiter {
  const burstMs = limits.burstMs ?? 1_000;
  const start = clock.now();
  const announced: AnnouncedLimits = {};
  const pace = {} as PerMinute;
  for (const kind of LIMIT_KINDS) pace[kind] = paceOf({ ceiling: limits[kind], announced: undefined, cautious: CAUTIOUS_START[kind] });
  const requests = createBucket({ perMinute: pace.requestsPerMinute, burstMs, now: start });
  const input = createBucket({ perMinute: pace.inputTokensPerMinute, burstMs, now: start });
  const output = createBucket({ perMinute: pace.outputTokensPerMinute, burstMs, now: start });
  const buckets: Record<LimitKind, TokenBucket> = { requestsPerMinute: requests, inputTokensPerMinute: input, outputTokensPerMinute: output };
  const stats = { attempts: 0, rateLimited: 0, pauses: 0, pausedMs: 0, inputTokens: 0, outputTokens: 0 };
  let pausedUntil = start;
  let chain: Promise<unknown> = Promise.resolve();
  // The waiter at the head sleeps until its budget refills, or until an answer returns unused
  // estimate (settle, release): then it looks again instead of sleeping out a debt already repaid.
  const sleepers = new Set<() => void>();
  const wakeSleepers = (): void => {
    for (const wake of sleepers) wake();
  };

  async function nap(ms: number, signal: AbortSignal | undefined): Promise<void> {
    const own = new AbortController();
    let wake = (): void => undefined;
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    sleepers.add(wake);
    try {
      const slept = clock.sleep(ms, signal ? AbortSignal.any([signal, own.signal]) : own.signal).catch((error: unknown) => {
        if (!own.signal.aborted) throw error;
      });
      await Promise.race([slept, woken]);
    } finally {
      sleepers.delete(wake);
      own.abort();
    }
  }

  async function admit(estimate: AttemptEstimate, signal: AbortSignal | undefined): Promise<AttemptTicket> {
    for (;;) {
      signal?.throwIfAborted();
      const now = clock.now();
      const wait = Math.max(
        pausedUntil - now,
        waitFor(requests, 1, now),
        waitFor(input, estimate.inputTokens, now),
        waitFor(output, estimate.outputTokens, now),
      );
      if (wait <= 0) break;
      await nap(wait, signal);
    }
    const now = clock.now();
    take(requests, 1, now);
    take(input, estimate.inputTokens, now);
    take(output, estimate.outputTokens, now);
    stats.attempts += 1;
    stats.inputTokens += estimate.inputTokens;
    stats.outputTokens += estimate.outputTokens;
    return ticketFor(estimate);
  }

  function ticketFor(estimate: AttemptEstimate): AttemptTicket {
    let isOpen = true;
    const correct = (actual: AttemptEstimate): void => {
      if (!isOpen) return;
      isOpen = false;
      const now = clock.now();
      give(input, estimate.inputTokens - actual.inputTokens, now);
      give(output, estimate.outputTokens - actual.outputTokens, now);
      stats.inputTokens += actual.inputTokens - estimate.inputTokens;
      stats.outputTokens += actual.outputTokens - estimate.outputTokens;
      wakeSleepers();
    };
    return { settle: correct, release: () => correct({ inputTokens: 0, outputTokens: 0 }) };
  }

  return {
    acquire(estimate, signal) {
      const turn = chain.then(() => admit(estimate, signal));
      chain = turn.catch(() => undefined);
      return turn;
    },
    pause(ms, status) {
      if (status === 429) stats.rateLimited += 1;
      const now = clock.now();
      const until = now + Math.min(ms > 0 ? ms : DEFAULT_PAUSE_MS, limits.maxPauseMs);
      if (until <= pausedUntil) return;
      stats.pauses += 1;
      stats.pausedMs += until - Math.max(now, pausedUntil);
      pausedUntil = until;
      drainUntil(requests, until);
    },
    adopt(limitsNow) {
      const now = clock.now();
      let isChanged = false;
      for (const kind of LIMIT_KINDS) {
        const value = limitsNow[kind];
        if (value === undefined) continue;
        announced[kind] = value;
        const next = paceOf({ ceiling: limits[kind], announced: value, cautious: CAUTIOUS_START[kind] });
        if (next === pace[kind]) continue;
        pace[kind] = next;
        setRate(buckets[kind], { perMinute: next, burstMs, now });
        isChanged = true;
      }
      // A waiter sleeping out a wait computed at the old rate looks again at the new one.
      if (isChanged) wakeSleepers();
    },
    stats: () => ({ ...stats, pace: { ...pace }, announced: { ...announced } }),
  };
}
