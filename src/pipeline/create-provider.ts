import type { Config } from "../config/config-schema.ts";
import { createAnthropicProvider } from "../providers/anthropic-provider.ts";
import { createExtractiveProvider } from "../providers/extractive-provider.ts";
import type { ModelProvider } from "../providers/types.ts";

/** The configured model provider; the key comes from the environment only and goes nowhere else. */
export function createProvider(config: Config, env: Readonly<Record<string, string | undefined>>): ModelProvider {
  if (config.provider.name === "extractive") return createExtractiveProvider();
  return createConfiguredAnthropic(config, env);
}

export function createConfiguredAnthropic(config: Config, env: Readonly<Record<string, string | undefined>>): ModelProvider {
  return createAnthropicProvider({
    apiKey: env.ANTHROPIC_API_KEY,
    baseUrl: config.provider.base_url,
    model: config.provider.model,
    effort: config.provider.effort,
    timeoutMs: config.provider.timeout_ms,
    maxRetries: config.provider.max_retries,
  });
}
