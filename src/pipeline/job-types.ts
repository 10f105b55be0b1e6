import type { Config } from "../config/config-schema.ts";
import type { Pricing, TokenUsage } from "../domain/cost.ts";
import type { DraftOutcome } from "../drafting/draft-section.ts";
import type { ModelProvider } from "../providers/types.ts";
import type { Store } from "../store/open-store.ts";
import type { Verifier } from "../verification/types.ts";

// The types every job of the pipeline shares: what one section and one article came to, what to do
// with a section of a new version, and what a section's work needs. In a file of their own so the
// jobs import them without importing each other.

export interface SectionSummary {
  sectionId: string;
  status: DraftOutcome["status"];
  error: string | undefined;
  claims: { source: number; llm: number; example: number };
  flags: string[];
  /** drafted now, carried over unchanged from a stored version, or carried with new verdicts. */
  origin: "drafted" | "carried" | "reverified";
  /** What this section's calls cost in this run (absent for carried sections). */
  costUsd?: number | undefined;
  tokens?: TokenUsage | undefined;
}

/**
 * What to do with one section of the new version (regeneration): draft it (the default), carry a
 * stored section over byte for byte, or carry it and re-verify its claims with today's verifier.
 */
export type SectionInstruction = { kind: "draft" } | { kind: "carry"; fromRowId: number } | { kind: "reverify"; fromRowId: number };

export interface ArticleSummary {
  slug: string;
  version: number;
  articleVersionId: number;
  /** interrupted: a cost cap stopped it before every section was drafted; the next run resumes it. */
  status: "done" | "partial" | "failed" | "interrupted";
  sections: SectionSummary[];
  /** Sections not started because the cost cap was reached. */
  sectionsLeft: string[];
  /** An interrupted version taken over from an earlier run. */
  isResumed: boolean;
  failedSources: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
}

/** What drafting, verifying and storing a section needs, shared by the sections of one job. */
export interface SectionJobContext {
  db: Store;
  /** Drafting budgets and the output limit (config.drafting, config.provider). */
  config: Config;
  /** Prices for the model-call rows. */
  pricing: Pricing;
  runId: number;
  provider: ModelProvider;
  verifier: Verifier;
  signal: AbortSignal | undefined;
}
