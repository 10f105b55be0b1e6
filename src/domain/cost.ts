// USD cost of model usage from the configured price table (USD per million tokens).

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
}

export interface Price {
  input_per_mtok: number;
  output_per_mtok: number;
  cache_write_per_mtok: number;
  cache_read_per_mtok: number;
}

export const ZERO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 };

/** Cost in USD; `undefined` price (a model missing from the table, or an offline provider) is free. */
export function costOf(usage: TokenUsage, price: Price | undefined, multiplier = 1): number {
  if (!price) return 0;
  const usd =
    usage.inputTokens * price.input_per_mtok +
    usage.outputTokens * price.output_per_mtok +
    usage.cacheWriteTokens * price.cache_write_per_mtok +
    usage.cacheReadTokens * price.cache_read_per_mtok;
  return (usd / 1_000_000) * multiplier;
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
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
