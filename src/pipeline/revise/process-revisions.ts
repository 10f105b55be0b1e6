import type { Config } from "../../config/config-schema.ts";
import type { ModelProvider } from "../../providers/types.ts";
import type { Store } from "../../store/open-store.ts";
import { listSuggestions } from "../../store/suggestions.ts";
import type { Verifier } from "../../verification/types.ts";
import { createJobRateLimiter, createProvider } from "../wiring/create-provider.ts";
import { createVerifier } from "../wiring/create-verifier.ts";
import { preflightModels } from "../wiring/preflight-models.ts";
import { draftRevision, type DraftRevisionResult } from "./draft-revision.ts";

// The runners a revision job uses (the configured provider and verifier, preflighted like any run)
// and the loop that drafts the suggestions waiting for a draft, one by one.

export interface RevisionRunners {
  provider: ModelProvider;
  verifier: Verifier;
  /** What the preflight found worth saying. */
  notes: string[];
}

export async function createRevisionRunners(config: Config, env: Readonly<Record<string, string | undefined>>, options: { isPreflight: boolean }): Promise<RevisionRunners> {
  const provider = createProvider(config, env, { gate: createJobRateLimiter(config) });
  const verifier = await createVerifier(config, provider, env);
  const notes = options.isPreflight ? await preflightModels({ config, provider, verifier }) : [];
  return { provider, verifier, notes };
}

/** Drafts the given suggestions, or every one still waiting for its first draft; one failing does not stop the others. */
export async function draftWaitingRevisions(args: {
  db: Store;
  config: Config;
  runners: RevisionRunners;
  ids?: readonly number[] | undefined;
  isOffline?: boolean;
  onResult?: (result: DraftRevisionResult) => void;
}): Promise<{ results: DraftRevisionResult[]; errors: { id: number; error: string }[] }> {
  const ids = args.ids ?? listSuggestions(args.db, { statuses: ["received"] }).map((row) => row.id);
  const results: DraftRevisionResult[] = [];
  const errors: { id: number; error: string }[] = [];
  for (const id of ids) {
    try {
      const result = await draftRevision({ db: args.db, config: args.config, suggestionId: id, provider: args.runners.provider, verifier: args.runners.verifier, isOffline: args.isOffline ?? false });
      results.push(result);
      args.onResult?.(result);
    } catch (error) {
      errors.push({ id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { results, errors };
}
