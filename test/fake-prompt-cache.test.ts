import Anthropic from "@anthropic-ai/sdk";
import type { MessageCreateParamsNonStreaming, Usage } from "@anthropic-ai/sdk/resources/messages";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FAKE_MODEL, startFakeAnthropic, type FakeAnthropic } from "./helpers/fake-anthropic.ts";
import { createPromptCache } from "./helpers/fake-prompt-cache.ts";

// The strict fake's prompt cache, through the real SDK: writes and reads keyed on the real prefix
// (model, system, tools, schema, content up to the breakpoint), the model's minimum cacheable
// length, TTLs on an injected clock, and input_tokens as only what follows the last breakpoint.
// Tokens are characters / 4 on the fake, so the figures below are computed from the texts.

let fake: FakeAnthropic;
let clock = 0;
const MINUTE = 60_000;

beforeEach(async () => {
  clock = 1_000_000;
  fake = await startFakeAnthropic({ now: () => clock });
});
afterEach(async () => {
  await fake.close();
});

const tokens = (chars: number) => Math.ceil(chars / 4);
/** About 1,500 tokens: above Sonnet 5.5's 1,024-token minimum, below Haiku 5.5's 2,048. */
const SOURCES = "Communities of practice are groups of people who share a concern. ".repeat(90);
const SYSTEM = "You draft one section of a clinical wiki article.";

type Ttl = "5m" | "1h";
interface Shape {
  model?: string;
  system?: string;
  systemTtl?: Ttl;
  tail?: string;
  sourcesTtl?: Ttl | null;
  schema?: Record<string, unknown>;
  tools?: boolean;
}

function params(shape: Shape = {}): MessageCreateParamsNonStreaming {
  const ttl = shape.sourcesTtl === undefined ? "5m" : shape.sourcesTtl;
  return {
    model: shape.model ?? FAKE_MODEL,
    max_tokens: 100,
    system: [{ type: "text", text: shape.system ?? SYSTEM, ...(shape.systemTtl ? { cache_control: { type: "ephemeral", ttl: shape.systemTtl } } : {}) }],
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: SOURCES, ...(ttl ? { cache_control: { type: "ephemeral", ttl } } : {}) },
          { type: "text", text: shape.tail ?? "Section: Core Principles." },
        ],
      },
    ],
    ...(shape.tools ? { tools: [{ name: "lookup", input_schema: { type: "object", properties: {} } }] } : {}),
    ...(shape.schema ? { output_config: { format: { type: "json_schema", schema: shape.schema } } } : {}),
  };
}

async function usageOf(shape: Shape = {}): Promise<Usage> {
  fake.script({ kind: "message", content: "ok" });
  const client = new Anthropic({ apiKey: fake.apiKey, baseURL: fake.baseUrl, maxRetries: 0 });
  return (await client.messages.create(params(shape))).usage;
}

const counts = (usage: Usage) => ({
  input: usage.input_tokens,
  write: usage.cache_creation_input_tokens,
  read: usage.cache_read_input_tokens,
  write5m: usage.cache_creation?.ephemeral_5m_input_tokens,
  write1h: usage.cache_creation?.ephemeral_1h_input_tokens,
});

const PREFIX = tokens(SYSTEM.length + SOURCES.length);
const TAIL = "Section: Core Principles.";
const AFTER = tokens(SYSTEM.length + SOURCES.length + TAIL.length) - PREFIX;

describe("the fake's prompt cache", () => {
  it("writes the prefix up to the breakpoint first, then reads it; input_tokens is only what follows", async () => {
    expect(counts(await usageOf())).toEqual({ input: AFTER, write: PREFIX, read: 0, write5m: PREFIX, write1h: 0 });
    expect(counts(await usageOf())).toEqual({ input: AFTER, write: 0, read: PREFIX, write5m: 0, write1h: 0 });
    // What follows the breakpoint may change freely.
    const tail = "Section: History, a longer closing request.";
    const after = tokens(SYSTEM.length + SOURCES.length + tail.length) - PREFIX;
    expect(counts(await usageOf({ tail }))).toEqual({ input: after, write: 0, read: PREFIX, write5m: 0, write1h: 0 });
    expect(fake.promptCache.stats).toEqual({ writes: 1, reads: 2 });
  });

  it.each<{ change: string; shape: Shape }>([
    { change: "the model", shape: { model: "claude-opus-5-5" } },
    { change: "the system prompt", shape: { system: SYSTEM.toUpperCase() } },
    { change: "the tools", shape: { tools: true } },
    { change: "the output schema", shape: { schema: { type: "object", properties: {}, additionalProperties: false } } },
  ])("misses when $change changes", async ({ shape }) => {
    await usageOf();
    const usage = await usageOf(shape);
    expect(usage.cache_read_input_tokens).toBe(0);
    expect(usage.cache_creation_input_tokens).toBeGreaterThanOrEqual(PREFIX);
  });

  it("caches nothing, and raises nothing, below the model's minimum cacheable length", async () => {
    // About 1,500 tokens: enough for Sonnet 5.5 (1,024) but not for Haiku 5.5 (2,048).
    const haiku = counts(await usageOf({ model: "claude-haiku-5-5" }));
    expect(haiku).toEqual({ input: PREFIX + AFTER, write: 0, read: 0, write5m: 0, write1h: 0 });
    expect(counts(await usageOf({ model: "claude-haiku-5-5" }))).toEqual(haiku);
    expect((await usageOf()).cache_creation_input_tokens).toBe(PREFIX);
  });

  it("expires a 5m entry five minutes after its last use, and a read extends it", async () => {
    await usageOf();
    clock += 4 * MINUTE;
    expect((await usageOf()).cache_read_input_tokens).toBe(PREFIX);
    clock += 4 * MINUTE; // 8 minutes after the write, 4 after the read
    expect((await usageOf()).cache_read_input_tokens).toBe(PREFIX);
    clock += 5 * MINUTE;
    expect(counts(await usageOf())).toMatchObject({ write: PREFIX, read: 0 });
  });

  it("keeps a 1h entry for an hour, and reports its writes as ephemeral_1h", async () => {
    expect(counts(await usageOf({ sourcesTtl: "1h" }))).toMatchObject({ write: PREFIX, write5m: 0, write1h: PREFIX });
    clock += 59 * MINUTE;
    expect((await usageOf({ sourcesTtl: "1h" })).cache_read_input_tokens).toBe(PREFIX);
    clock += 61 * MINUTE;
    expect((await usageOf({ sourcesTtl: "1h" })).cache_read_input_tokens).toBe(0);
  });

  it("splits a write between a 1h breakpoint and a later 5m one by where each prefix ends", async () => {
    // The system prompt alone is too short to cache, so pad it past the minimum.
    const system = `${SYSTEM} ${"Write plainly. ".repeat(300)}`;
    const systemTokens = tokens(system.length);
    const usage = counts(await usageOf({ system, systemTtl: "1h", sourcesTtl: "5m" }));
    const prefix = tokens(system.length + SOURCES.length);
    expect(usage).toMatchObject({ write: prefix, write1h: systemTokens, write5m: prefix - systemTokens, read: 0 });
    // A request that shares only the system prompt reads the 1h entry and writes its own sources.
    const other = counts(await usageOf({ system, systemTtl: "1h", sourcesTtl: null }));
    expect(other).toMatchObject({ read: systemTokens, write: 0 });
  });

  it("finds an entry up to 20 blocks before a breakpoint that moved (a growing conversation)", async () => {
    const client = new Anthropic({ apiKey: fake.apiKey, baseURL: fake.baseUrl, maxRetries: 0 });
    const first = params();
    fake.script({ kind: "message", content: "ok" }, { kind: "message", content: "ok" });
    await client.messages.create(first);
    const sources = { type: "text" as const, text: SOURCES };
    const later: MessageCreateParamsNonStreaming = {
      ...first,
      messages: [
        { role: "user", content: [sources, { type: "text", text: TAIL }] },
        { role: "assistant", content: [{ type: "text", text: "An answer." }] },
        { role: "user", content: [{ type: "text", text: "And the history?", cache_control: { type: "ephemeral" } }] },
      ],
    };
    const usage = (await client.messages.create(later)).usage;
    const all = tokens(SYSTEM.length + SOURCES.length + TAIL.length + "An answer.".length + "And the history?".length);
    expect(counts(usage)).toEqual({ input: 0, write: all - PREFIX, read: PREFIX, write5m: all - PREFIX, write1h: 0 });
  });

  it("treats a top-level cache_control as a breakpoint on the last block", async () => {
    const client = new Anthropic({ apiKey: fake.apiKey, baseURL: fake.baseUrl, maxRetries: 0 });
    const automatic = { ...params({ sourcesTtl: null }), cache_control: { type: "ephemeral" as const } };
    fake.script({ kind: "message", content: "ok" }, { kind: "message", content: "ok" });
    const all = PREFIX + AFTER;
    expect(counts((await client.messages.create(automatic)).usage)).toEqual({ input: 0, write: all, read: 0, write5m: all, write1h: 0 });
    expect(counts((await client.messages.create(automatic)).usage)).toEqual({ input: 0, write: 0, read: all, write5m: 0, write1h: 0 });
  });

  it("looks back 20 blocks from a breakpoint, and no further", () => {
    const block = (text: string, isBreakpoint = false) => ({ type: "text", text, ...(isBreakpoint ? { cache_control: { type: "ephemeral" } } : {}) });
    const body = (extra: number) => ({
      model: FAKE_MODEL,
      messages: [{ role: "user", content: [block(SOURCES, extra === 0), ...Array.from({ length: extra }, (_, index) => block(`note ${index}`, index === extra - 1))] }],
    });
    // Each case on a cache holding only the sources block's entry.
    const readAfter = (extra: number) => {
      const cache = createPromptCache({ now: () => 0 });
      expect(cache.account(body(0)).cache_creation_input_tokens).toBe(tokens(SOURCES.length));
      return cache.account(body(extra)).cache_read_input_tokens;
    };
    // A breakpoint 20 blocks after the cached one still finds it; 21 blocks after, it does not.
    expect(readAfter(20)).toBe(tokens(SOURCES.length));
    expect(readAfter(21)).toBe(0);
  });

  it("uses 1,024 tokens as the minimum for a model the catalog does not know", () => {
    const cache = createPromptCache({ now: () => 0 });
    const body = (chars: number) => ({ model: "claude-unlisted-9", messages: [{ role: "user", content: [{ type: "text", text: "x".repeat(chars), cache_control: { type: "ephemeral" } }] }] });
    expect(cache.account(body(4 * 1_023)).cache_creation_input_tokens).toBe(0);
    expect(cache.account(body(4 * 1_024)).cache_creation_input_tokens).toBe(1_024);
  });
});
