import type { Config } from "../../config/config-schema.ts";
import type { Pricing } from "../../domain/cost.ts";
import { ConfigError } from "../../domain/errors.ts";

/** The configured price table and batch discount. */
export function pricingFrom(config: Config): Pricing {
  return { prices: config.prices, batchCostMultiplier: config.batch.cost_multiplier };
}

/**
 * The models a run may pay for: the anthropic provider's model, which drafts, and judges for the
 * llm and cascade verifiers (which use the anthropic provider even when drafting is offline).
 */
export function billedModels(config: Config): string[] {
  const isBilled = config.provider.name === "anthropic" || config.verifier.name !== "offline";
  return isBilled ? [config.provider.model] : [];
}

/**
 * Checked before a run sends anything: a billed model without a price would cost $0 in every row,
 * which silently switches --max-cost off. Under --max-cost that is a ConfigError naming the model
 * and how to add its price; otherwise a warning for the caller to show.
 */
export function checkPrices(args: { config: Config; configFile: string | undefined; maxCostUsd: number | undefined }): { warnings: string[] } {
  const missing = billedModels(args.config).filter((model) => args.config.prices[model] === undefined);
  const howToAdd = (model: string) =>
    `add its USD per million tokens under prices.${model} in the config file (input_per_mtok, output_per_mtok, cache_write_per_mtok, cache_write_1h_per_mtok, cache_read_per_mtok; see "Prices" in the README)`;
  if (missing.length > 0 && args.maxCostUsd !== undefined) {
    throw new ConfigError(
      args.configFile ?? "wikigen.config.yaml",
      missing.map((model) => ({ path: `prices.${model}`, message: `no price for model "${model}", so --max-cost cannot count what its calls cost; ${howToAdd(model)}, or run without --max-cost` })),
    );
  }
  return { warnings: missing.map((model) => `warning: no price for model "${model}": its calls are recorded at $0 and this run's cost is not counted; ${howToAdd(model)}`) };
}
