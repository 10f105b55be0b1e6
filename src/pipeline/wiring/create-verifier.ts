import type { Config } from "../../config/config-schema.ts";
import type { ModelProvider } from "../../providers/types.ts";
import { createConfiguredAnthropic } from "./create-provider.ts";
import { recordJudgeCalls } from "../record/record-judge-calls.ts";
import { createCascadeVerifier } from "../../verification/cascade-verifier.ts";
import { loadLlmVerifier } from "../../verification/llm-verifier.ts";
import { createOfflineVerifier } from "../../verification/offline-verifier.ts";
import type { Verifier } from "../../verification/types.ts";

/**
 * The configured verifier. The judge of `llm` and `cascade` needs a model: the drafting provider
 * when it is one, otherwise the anthropic provider from config (which needs ANTHROPIC_API_KEY), unless
 * the caller names the judge's provider.
 */
export async function createVerifier(
  config: Config,
  draftingProvider: ModelProvider | undefined,
  env: Readonly<Record<string, string | undefined>>,
  options: { judgeProvider?: ModelProvider | undefined } = {},
): Promise<Verifier> {
  const offline = createOfflineVerifier();
  if (config.verifier.name === "offline") return offline;
  const judge = options.judgeProvider ?? (draftingProvider?.id === "anthropic" ? draftingProvider : createConfiguredAnthropic(config, env));
  const judgeProvider = recordJudgeCalls(judge);
  const llm = await loadLlmVerifier({ provider: judgeProvider, promptsDir: config.paths.prompts, maxTokens: config.verifier.judge_max_tokens });
  if (config.verifier.name === "llm") return llm;
  return createCascadeVerifier({ offline, judge: llm, band: config.verifier.cascade_band });
}
