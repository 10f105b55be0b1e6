import { describe, expect, it } from "vitest";
import { DEFAULT_PRICES } from "../config/config-schema.ts";
import { MODEL_CATALOG } from "../../test/helpers/fake-model-catalog.ts";
import { costOf, ZERO_USAGE, type Price, type TokenUsage } from "./cost.ts";

const usage = (fields: Partial<TokenUsage>): TokenUsage => ({ ...ZERO_USAGE, ...fields });
const haiku = DEFAULT_PRICES["claude-haiku-5-5"] as Price;
const sonnet = DEFAULT_PRICES["claude-sonnet-5-5"] as Price;

describe("costOf", () => {
  it.each<[string, TokenUsage, Price, number, number]>([
    // Sonnet 5.5: $2 in, $10 out, $2.50 5-minute writes, $4 1-hour writes, $0.10 reads.
    ["input and output", usage({ inputTokens: 1_000_000, outputTokens: 100_000 }), sonnet, 1, 2 + 1],
    ["5-minute cache writes", usage({ cacheWriteTokens: 1_000_000 }), sonnet, 1, 2.5],
    ["1-hour cache writes at their own rate", usage({ cacheWriteTokens: 1_000_000, cacheWrite1hTokens: 1_000_000 }), sonnet, 1, 4],
    ["a mix of both TTLs", usage({ cacheWriteTokens: 1_000_000, cacheWrite1hTokens: 250_000 }), sonnet, 1, 0.75 * 2.5 + 0.25 * 4],
    ["cache reads", usage({ cacheReadTokens: 1_000_000 }), sonnet, 1, 0.1],
    ["the batch discount on everything", usage({ inputTokens: 1_000_000, outputTokens: 1_000_000, cacheWriteTokens: 1_000_000, cacheWrite1hTokens: 1_000_000 }), sonnet, 0.5, (2 + 10 + 4) / 2],
    // Haiku 5.5: a prompt of exactly 100k tokens stays in the low band ($0.10 / $0.50) ...
    ["Haiku 5.5 at 100k prompt tokens", usage({ inputTokens: 60_000, cacheReadTokens: 40_000, outputTokens: 10_000 }), haiku, 1, (60_000 * 0.1 + 40_000 * 0.01 + 10_000 * 0.5) / 1e6],
    // ... one more token (counting cache writes and reads) bills the whole request, output too, at $0.50 / $2.50.
    ["Haiku 5.5 above 100k prompt tokens", usage({ inputTokens: 60_000, cacheReadTokens: 40_001, outputTokens: 10_000 }), haiku, 1, (60_000 * 0.5 + 40_001 * 0.05 + 10_000 * 2.5) / 1e6],
    ["Haiku 5.5 1-hour writes in the long band", usage({ inputTokens: 1_000, cacheWriteTokens: 200_000, cacheWrite1hTokens: 200_000 }), haiku, 1, (1_000 * 0.5 + 200_000 * 1) / 1e6],
  ])("%s", (_name, tokens, price, multiplier, expected) => {
    expect(costOf(tokens, price, multiplier)).toBeCloseTo(expected, 12);
  });

  it("costs nothing without a price (the CLI warns, or refuses under --max-cost, before the run)", () => {
    expect(costOf(usage({ inputTokens: 1_000_000 }), undefined)).toBe(0);
  });
});

describe("the default price table", () => {
  it("prices every active model of the catalog the fake serves, and names no model id that does not exist", () => {
    const active = MODEL_CATALOG.filter((entry) => entry.lifecycle === "active").map((entry) => entry.id);
    // Mythos is sold to verified organisations only and the notes give no price for it: it is the
    // one active model left out, which the no-price tests rely on.
    expect(active.filter((id) => DEFAULT_PRICES[id] === undefined)).toEqual(["claude-mythos-5-1"]);
    expect(Object.keys(DEFAULT_PRICES)).not.toContain("claude-haiku-5");
  });

  it("dates every entry and names its source", () => {
    for (const [model, price] of Object.entries(DEFAULT_PRICES)) {
      expect({ model, as_of: price.as_of, hasSource: (price.source ?? "").length > 0 }).toEqual({ model, as_of: "2026-11", hasSource: true });
    }
  });
});
