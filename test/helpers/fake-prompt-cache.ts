import { createHash } from "node:crypto";
import { findModel } from "./fake-model-catalog.ts";

// The prompt cache of the fake Messages API, keyed on the real prefix. Behaviour as documented for
// API version 2026-10-21 (../shared/anthropic-api-notes.md §3):
// - the prefix runs tools -> system -> messages; the structured-output schema is injected into the
//   prompt, so it and the model are part of every key;
// - a breakpoint (cache_control on a block, or the top-level cache_control, which marks the last
//   block) caches the prefix up to and including its block, if that prefix reaches the model's
//   minimum cacheable length; shorter prefixes are silently not cached;
// - a lookup checks each breakpoint and up to 20 blocks before it, longest prefix first;
// - an entry lives 5 minutes (or 1 hour with ttl "1h") from its last write or read;
// - usage: cache_read_input_tokens for the prefix found, cache_creation_input_tokens for the rest
//   up to the last cacheable breakpoint (split by TTL), input_tokens for what follows it.
// Tokens are counted as characters / 4.

export const CACHE_TTL_MS = { "5m": 5 * 60_000, "1h": 60 * 60_000 } as const;
type Ttl = keyof typeof CACHE_TTL_MS;

/** Blocks before a breakpoint that a lookup also checks for an entry. */
const LOOKBACK_BLOCKS = 20;
/** The minimum for a model the catalog does not know. */
const DEFAULT_MIN_TOKENS = 1_024;

export interface CacheUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

export interface PromptCache {
  /**
   * The usage of one answered request, updating the cache. `readyAt` is when the answer is out
   * (default now): requests arriving before then miss the entry it writes, as on the real API.
   */
  account(body: unknown, options?: { readyAt?: number }): CacheUsage;
  stats: { writes: number; reads: number };
}

interface Entry {
  readyAt: number;
  expiresAt: number;
  ttl: Ttl;
}

interface Segment {
  /** What the key hashes: the block without its cache_control. */
  identity: string;
  chars: number;
  ttl: Ttl | undefined;
}

export function createPromptCache(options: { now?: () => number } = {}): PromptCache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const stats = { writes: 0, reads: 0 };

  const account = (body: unknown, accountOptions: { readyAt?: number } = {}): CacheUsage => {
    const at = now();
    const readyAt = accountOptions.readyAt ?? at;
    const { seed, segments, model } = segmentsOf(body);
    const cumulative: number[] = [];
    const keys: string[] = [];
    let chars = 0;
    let key = seed;
    for (const segment of segments) {
      chars += segment.chars;
      cumulative.push(chars);
      key = createHash("sha256").update(key).update("\u0000").update(segment.identity).digest("hex");
      keys.push(key);
    }
    const tokensUpTo = (index: number) => (index < 0 ? 0 : Math.ceil((cumulative[index] ?? 0) / 4));
    const total = tokensUpTo(segments.length - 1);
    const minTokens = findModel(model)?.cacheMinTokens ?? DEFAULT_MIN_TOKENS;
    const breakpoints = segments.flatMap((segment, index) => (segment.ttl && tokensUpTo(index) >= minTokens ? [{ index, ttl: segment.ttl }] : []));
    const last = breakpoints.at(-1);
    if (!last) return { input_tokens: total, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 } };

    const isLive = (entry: Entry | undefined): entry is Entry => entry !== undefined && entry.readyAt <= at && at < entry.expiresAt;
    let hit = -1;
    for (const breakpoint of [...breakpoints].reverse()) {
      for (let index = breakpoint.index; index >= Math.max(0, breakpoint.index - LOOKBACK_BLOCKS) && index > hit; index--) {
        if (isLive(entries.get(keys[index] ?? ""))) hit = index;
      }
    }
    const written = { "5m": 0, "1h": 0 };
    let covered = tokensUpTo(hit);
    if (hit >= 0) {
      const entry = entries.get(keys[hit] ?? "");
      // A read refreshes the entry's lifetime (at no cost), keeping its TTL.
      if (entry) entry.expiresAt = at + CACHE_TTL_MS[entry.ttl];
      stats.reads += 1;
    }
    for (const breakpoint of breakpoints) {
      if (breakpoint.index <= hit) continue;
      written[breakpoint.ttl] += tokensUpTo(breakpoint.index) - covered;
      covered = tokensUpTo(breakpoint.index);
      const entryKey = keys[breakpoint.index] ?? "";
      const existing = entries.get(entryKey);
      // An entry still being written by an earlier answer is written again; the earliest one counts.
      entries.set(entryKey, { readyAt: Math.min(existing?.readyAt ?? readyAt, readyAt), expiresAt: readyAt + CACHE_TTL_MS[breakpoint.ttl], ttl: breakpoint.ttl });
    }
    if (written["5m"] + written["1h"] > 0) stats.writes += 1;
    return {
      input_tokens: total - tokensUpTo(last.index),
      cache_creation_input_tokens: written["5m"] + written["1h"],
      cache_read_input_tokens: tokensUpTo(hit),
      cache_creation: { ephemeral_5m_input_tokens: written["5m"], ephemeral_1h_input_tokens: written["1h"] },
    };
  };
  return { account, stats };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The request as the ordered blocks of its prompt, plus the seed every key starts from. */
function segmentsOf(body: unknown): { seed: string; segments: Segment[]; model: string } {
  const request = isObject(body) ? body : {};
  const model = typeof request.model === "string" ? request.model : "";
  const format = isObject(request.output_config) ? request.output_config.format : undefined;
  const schema = isObject(format) ? JSON.stringify(format.schema ?? null) : "";
  const segments: Segment[] = [];
  // The schema is injected into the prompt: it costs tokens, but it cannot carry a breakpoint.
  if (schema) segments.push({ identity: `schema:${schema}`, chars: schema.length, ttl: undefined });
  const add = (block: unknown, role: string) => {
    if (typeof block === "string") {
      segments.push({ identity: `${role}:${block}`, chars: block.length, ttl: undefined });
      return;
    }
    if (!isObject(block)) return;
    const { cache_control: cacheControl, ...rest } = block;
    const text = typeof rest.text === "string" ? rest.text : JSON.stringify(rest);
    const ttl = isObject(cacheControl) ? (cacheControl.ttl === "1h" ? "1h" : "5m") : undefined;
    segments.push({ identity: `${role}:${JSON.stringify(rest)}`, chars: text.length, ttl });
  };
  asArray(request.tools).forEach((tool) => add(tool, "tool"));
  if (typeof request.system === "string") add(request.system, "system");
  else asArray(request.system).forEach((block) => add(block, "system"));
  asArray(request.messages).forEach((message, index) => {
    if (!isObject(message)) return;
    // The turn index keeps "user: A | user: B" apart from one user turn holding A and B.
    const role = `${index}.${String(message.role)}`;
    if (typeof message.content === "string") add(message.content, role);
    else asArray(message.content).forEach((block) => add(block, role));
  });
  const lastSegment = segments.at(-1);
  if (isObject(request.cache_control) && lastSegment && !lastSegment.ttl) lastSegment.ttl = request.cache_control.ttl === "1h" ? "1h" : "5m";
  const seed = createHash("sha256").update(`model:${model}`).digest("hex");
  return { seed, segments, model };
}
