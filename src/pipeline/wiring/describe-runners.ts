import type { Config } from "../../config/config-schema.ts";
import { ProviderError } from "../../domain/errors.ts";
import type { ModelProvider } from "../../providers/types.ts";
import type { Verifier } from "../../verification/types.ts";
import { createProvider } from "./create-provider.ts";
import { createVerifier } from "./create-verifier.ts";

/**
 * The configured provider and verifier for planning: their ids and versions are all `plan` needs, so
 * a missing ANTHROPIC_API_KEY must not stop it. Where the key is missing, the anthropic provider is
 * stood in for by one with the same id and model that refuses to be called.
 */
export async function describeRunners(config: Config, env: Readonly<Record<string, string | undefined>>): Promise<{ provider: ModelProvider; verifier: Verifier }> {
  const hasKey = Boolean(env.ANTHROPIC_API_KEY);
  const provider = config.provider.name === "anthropic" && !hasKey ? describeAnthropic(config) : createProvider(config, env);
  const judgeProvider = hasKey || provider.id === "anthropic" ? undefined : describeAnthropic(config);
  return { provider, verifier: await createVerifier(config, provider, env, { judgeProvider }) };
}

function describeAnthropic(config: Config): ModelProvider {
  return {
    id: "anthropic",
    model: config.provider.model,
    versions: { sdk: null, api: null },
    generate: () => Promise.reject(new ProviderError({ kind: "missing_key", message: "ANTHROPIC_API_KEY is not set; set it or use --provider extractive" })),
  };
}
