import { draftSection, type DraftOutcome, type ModelCallRecord } from "../../drafting/draft-section.ts";
import type { SectionPrompt } from "../../drafting/load-prompts.ts";
import type { CostBudget } from "../../pacing/cost-budget.ts";
import { sectionDraftInput, type PreparedArticle } from "./prepare-article.ts";
import { storeDraftedSection } from "../record/store-drafted-section.ts";
import type { SectionJobContext, SectionSummary } from "../job-types.ts";

// One section drafted with live calls and stored. Faults are retried in three layers, each
// bounded: the SDK retries an HTTP attempt (429, 5xx, 529, resets, timeouts; provider.max_retries),
// draftSection repairs invalid output once, and here a section whose call still failed with a
// retryable error is drafted once more (its attempts queue at the rate limiter behind those already
// waiting). Everything else (truncation, refusal, a bad request, a second failure) is stored as a
// failed section with its reason, and the job goes on.

export interface LiveSectionArgs {
  context: SectionJobContext;
  budget?: CostBudget | undefined;
  prepared: PreparedArticle;
  section: SectionPrompt;
  position: number;
  /** Calls already made for this section (a failed batch request): they count as its first try. */
  priorCalls?: ModelCallRecord[] | undefined;
  /** An answer already received (a batch result): checked, and repaired live if needed. */
  firstCall?: ModelCallRecord | undefined;
}

/**
 * The stored section's summary, or undefined when the cost cap was reached before it started (an
 * answer already received is stored whatever the cap: it has been paid for).
 */
export async function draftLiveSection(args: LiveSectionArgs): Promise<SectionSummary | undefined> {
  const { context, budget, prepared, section } = args;
  if (budget?.isExhausted() && args.firstCall === undefined) return undefined;
  const startedAt = new Date();
  const { draftInput, sectionPassages } = sectionDraftInput({ prepared, section, provider: context.provider, config: context.config, signal: context.signal });
  const prior = args.priorCalls ?? [];
  let draft = prefixCalls(prior, await draftSection({ ...draftInput, firstCall: args.firstCall }));
  const hasRetryLeft = prior.length === 0 && args.firstCall === undefined;
  if (hasRetryLeft && isRetryableFailure(draft) && !budget?.isExhausted()) {
    draft = prefixCalls(draft.calls, await draftSection(draftInput));
  }
  const summary = await storeDraftedSection({ context, prepared, section, position: args.position, draft, sectionPassages, startedAt });
  budget?.add(summary.costUsd ?? 0);
  return summary;
}

/** Failed because the provider gave up on a fault that may pass (not invalid output, not truncation). */
export function isRetryableFailure(draft: DraftOutcome): boolean {
  const last = draft.calls[draft.calls.length - 1];
  return draft.status === "failed" && last?.outcome === "error" && last.error?.retryable === true;
}

function prefixCalls(before: ModelCallRecord[], draft: DraftOutcome): DraftOutcome {
  if (before.length === 0) return draft;
  return { ...draft, attempts: before.length + draft.attempts, calls: [...before, ...draft.calls] };
}
