import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { FakeHandler, FakeResponse, RecordedRequest } from "./fake-anthropic.ts";
import { answerFromBody, bodyOf } from "./section-answer.ts";
import { seededRandom } from "./seeded-random.ts";

// A responder for the fake Messages API that behaves like the real one at scale: latency with
// jitter, injected faults, and usage that reflects prompt caching: the first request carrying a
// cache_control prefix reports cache_creation_input_tokens for it, and later ones (once that answer
// is out) cache_read. Tokens are counted as characters / 4. Rate limits are the fake's own
// (`startFakeAnthropic({ rateLimits })`, fake-rate-limits.ts): they answer before this responder.

export type FaultKind = "500" | "529" | "reset" | "invalid_json" | "wrong_shape";

export interface RealisticOptions {
  latencyMs: [number, number];
  /** Share of requests answered with a fault instead, chosen with a seeded generator. */
  faultRate?: number;
  faults?: FaultKind[];
  seed?: number;
  /** The API does not cache prefixes shorter than this (1,024 tokens for Sonnet models as of 2025). */
  cacheMinTokens?: number;
}

export interface RealisticStats {
  requests: number;
  answered: number;
  faults: Record<string, number>;
  cacheWrites: number;
  cacheReads: number;
}

export function createRealisticResponder(options: RealisticOptions): { handle: FakeHandler; stats: RealisticStats } {
  const random = seededRandom(options.seed ?? 1);
  const stats: RealisticStats = { requests: 0, answered: 0, faults: {}, cacheWrites: 0, cacheReads: 0 };
  const cache = new Map<string, number>();
  const faults = options.faults ?? ["500", "529", "reset", "invalid_json", "wrong_shape"];

  const handle = (request: RecordedRequest): FakeResponse => {
    stats.requests += 1;
    const now = performance.now();
    const [low, high] = options.latencyMs;
    const delayMs = Math.round(low + random() * (high - low));
    if (options.faultRate && random() < options.faultRate) {
      const fault = faults[Math.floor(random() * faults.length)] as FaultKind;
      stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
      if (fault === "500") return { kind: "error", status: 500, delayMs, message: "internal error (injected)" };
      if (fault === "529") return { kind: "error", status: 529, delayMs, message: "overloaded (injected)" };
      if (fault === "reset") return { kind: "reset", delayMs };
      const content = fault === "invalid_json" ? "{ not json" : { blocks: [{ kind: "paragraph", text: "no claims" }] };
      return { kind: "message", content, delayMs, usage: { input_tokens: 100, output_tokens: 10 } };
    }
    const body = bodyOf(request);
    const answer = answerFromBody(body);
    const usage = cachedUsage({ body, cache, now, readyAt: now + delayMs, minTokens: options.cacheMinTokens ?? 1024, stats });
    stats.answered += 1;
    return { kind: "message", content: answer, delayMs, usage: { ...usage, output_tokens: Math.ceil(JSON.stringify(answer).length / 4) } };
  };
  return { handle, stats };
}

function cachedUsage(args: {
  body: ReturnType<typeof bodyOf>;
  cache: Map<string, number>;
  now: number;
  readyAt: number;
  minTokens: number;
  stats: RealisticStats;
}): { input_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number } {
  const { body } = args;
  const parts = [...(body.system ?? []).map((block) => ({ text: block.text, isBreakpoint: false }))];
  for (const message of body.messages) for (const block of message.content) parts.push({ text: block.text, isBreakpoint: block.cache_control !== undefined });
  const breakpoint = parts.findIndex((part) => part.isBreakpoint);
  const tokens = (list: { text: string }[]) => Math.ceil(list.reduce((sum, part) => sum + part.text.length, 0) / 4);
  const prefix = breakpoint >= 0 ? parts.slice(0, breakpoint + 1) : [];
  const prefixTokens = tokens(prefix);
  if (breakpoint < 0 || prefixTokens < args.minTokens) return { input_tokens: tokens(parts), cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const key = createHash("sha256").update(prefix.map((part) => part.text).join("\u0000")).digest("hex");
  const rest = tokens(parts.slice(breakpoint + 1));
  const readyAt = args.cache.get(key);
  if (readyAt !== undefined && readyAt <= args.now) {
    args.stats.cacheReads += 1;
    return { input_tokens: rest, cache_creation_input_tokens: 0, cache_read_input_tokens: prefixTokens };
  }
  // The entry exists once this answer has been sent; requests arriving before then write it again.
  if (readyAt === undefined || args.readyAt < readyAt) args.cache.set(key, args.readyAt);
  args.stats.cacheWrites += 1;
  return { input_tokens: rest, cache_creation_input_tokens: prefixTokens, cache_read_input_tokens: 0 };
}

