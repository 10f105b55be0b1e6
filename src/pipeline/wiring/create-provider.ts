import type { Config } from "../../config/config-schema.ts";
import { createAnthropicProvider } from "../../providers/anthropic-provider.ts";
import { createExtractiveProvider } from "../../providers/extractive-provider.ts";
import type { AttemptGate, ModelProvider } from "../../providers/types.ts";
import { createRateLimiter, type RateLimiter } from "../../pacing/rate-limiter.ts";

/**
 * The configured model provider; the key comes from the environment only and goes nowhere else.
 * Every HTTP attempt of the anthropic provider passes the gate: the caller's, or a rate limiter
 * built from run.* when none is given.
 */
export function createProvider(config: Config, env: Readonly<Record<string, string | undefined>>, options: { gate?: AttemptGate } = {}): ModelProvider {
  if (config.provider.name === "extractive") return createExtractiveProvider();
  return createConfiguredAnthropic(config, env, options);
}

export function createConfiguredAnthropic(
  config: Config,
  env: Readonly<Record<string, string | undefined>>,
  options: { gate?: AttemptGate } = {},
): ModelProvider {
  return createAnthropicProvider({
    apiKey: env.ANTHROPIC_API_KEY,
    baseUrl: config.provider.base_url,
    model: config.provider.model,
    effort: config.provider.effort,
    timeoutMs: config.provider.timeout_ms,
    maxRetries: config.provider.max_retries,
    gate: options.gate ?? createJobRateLimiter(config),
    isPromptCachingEnabled: config.provider.prompt_caching,
  });
}

/** The limiter for one job: run.* numbers are ceilings; "account" leaves the pace to the API's headers. */
export function createJobRateLimiter(config: Config): RateLimiter {
  const ceiling = (value: number | "account"): number | undefined => (value === "account" ? undefined : value);
  return createRateLimiter({
    requestsPerMinute: ceiling(config.run.requests_per_minute),
    inputTokensPerMinute: ceiling(config.run.input_tokens_per_minute),
    outputTokensPerMinute: ceiling(config.run.output_tokens_per_minute),
    maxPauseMs: config.run.max_retry_after_ms,
  });
}
