import type { Config } from "../../config/config-schema.ts";
import type { Pricing } from "../../domain/cost.ts";

/** The configured price table and batch discount. */
export function pricingFrom(config: Config): Pricing {
  return { prices: config.prices, batchCostMultiplier: config.batch.cost_multiplier };
}
