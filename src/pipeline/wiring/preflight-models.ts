import type { Config } from "../../config/config-schema.ts";
import type { ModelProvider } from "../../providers/types.ts";
import type { Verifier } from "../../verification/types.ts";

/**
 * The model preflight of a run, before anything is spent: the drafting provider's model with
 * provider.max_tokens (and the batch API when --batch), then the judge's with its own budget. An
 * unknown model or a setting it does not take throws a ProviderError naming both; the caller stops
 * with exit 1 before any Messages request. A provider without a model (extractive) has nothing to
 * check. Returns the lines worth showing: what each model takes, and settings left out for it.
 */
export async function preflightModels(args: { config: Config; provider?: ModelProvider | undefined; verifier?: Verifier | undefined; isBatch?: boolean | undefined }): Promise<string[]> {
  const lines: string[] = [];
  const drafting = await args.provider?.preflight?.({ maxTokens: args.config.provider.max_tokens, maxTokensSetting: "provider.max_tokens", isBatch: args.isBatch });
  if (drafting) lines.push(`model ${drafting.summary}`, ...drafting.notes);
  const judge = await args.verifier?.preflight?.();
  // The judge often is the drafting model: its summary is said once.
  if (judge && judge.summary !== drafting?.summary) lines.push(`judge model ${judge.summary}`);
  for (const note of judge?.notes ?? []) if (!lines.includes(note)) lines.push(note);
  return lines;
}
