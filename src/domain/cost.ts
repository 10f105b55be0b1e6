// USD cost of model usage from the configured price table (USD per million tokens).

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  /** Prompt-cache writes of every TTL (the API's cache_creation_input_tokens). */
  cacheWriteTokens: number;
  /** The part of cacheWriteTokens written with the 1-hour TTL (billed at its own, higher rate). */
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
}

/** USD per million tokens of one price band. */
export interface PriceRates {
  input_per_mtok: number;
  output_per_mtok: number;
  /** Cache writes with the default 5-minute TTL. */
  cache_write_per_mtok: number;
  /** Cache writes with the 1-hour TTL (`cache_control: {ttl: "1h"}`). */
  cache_write_1h_per_mtok: number;
  cache_read_per_mtok: number;
}

export interface Price extends PriceRates {
  /**
   * A long-context band: when a request's prompt (input + cache writes + cache reads) is longer
   * than `above_input_tokens`, the whole request, output included, is billed at these rates.
   */
  long_context?: (PriceRates & { above_input_tokens: number }) | undefined;
  /** When the price was read, e.g. "2026-11". */
  as_of?: string | undefined;
  /** Where it was read. */
  source?: string | undefined;
}

export const ZERO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0 };

/**
 * Cost in USD of one request's usage (the long-context band applies per request); `undefined` price
 * (a model missing from the table, or an offline provider) costs 0: the CLI warns about a billed
 * model without a price before the run, and refuses one under --max-cost (checkPrices).
 */
export function costOf(usage: TokenUsage, price: Price | undefined, multiplier = 1): number {
  if (!price) return 0;
  const promptTokens = usage.inputTokens + usage.cacheWriteTokens + usage.cacheReadTokens;
  const rates = price.long_context && promptTokens > price.long_context.above_input_tokens ? price.long_context : price;
  const cacheWrite1h = Math.min(usage.cacheWrite1hTokens, usage.cacheWriteTokens);
  const usd =
    usage.inputTokens * rates.input_per_mtok +
    usage.outputTokens * rates.output_per_mtok +
    (usage.cacheWriteTokens - cacheWrite1h) * rates.cache_write_per_mtok +
    cacheWrite1h * rates.cache_write_1h_per_mtok +
    usage.cacheReadTokens * rates.cache_read_per_mtok;
  return (usd / 1_000_000) * multiplier;
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    cacheWrite1hTokens: a.cacheWrite1hTokens + b.cacheWrite1hTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
  };
}

/** The price table and the batch discount, as the model-call rows need them. */
export interface Pricing {
  /** USD per million tokens, by model id. */
  prices: Readonly<Record<string, Price>>;
  /** Batch answers are billed at this fraction of the live price. */
  batchCostMultiplier: number;
}

/** The price of the model that answered, else of the model that was asked for. */
export function priceOf(pricing: Pricing, modelReported: string | null, modelRequested: string): Price | undefined {
  return pricing.prices[modelReported ?? modelRequested] ?? pricing.prices[modelRequested];
}
