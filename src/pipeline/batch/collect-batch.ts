import { buildSectionRequest, type ModelCallRecord } from "../../drafting/draft-section.ts";
import type { BatchItemOutcome, BatchStatus } from "../../providers/types.ts";
import { listBatchRequests, markBatchCollected, recordBatchResult } from "../../store/message-batches.ts";
import { storedSectionIds } from "../../store/resumable-versions.ts";
import { draftLiveSection } from "../generate/draft-live-section.ts";
import type { BatchJobArgs } from "./batch-job.ts";
import { sectionDraftInput, type PreparedArticle } from "../generate/prepare-article.ts";
import { storeDraftedSection } from "../record/store-drafted-section.ts";
import type { SectionSummary } from "../job-types.ts";

// The results of one ended batch, matched to sections by custom_id and stored:
// - succeeded: checked like a live answer; invalid output gets one live repair request;
// - errored with a retryable error (overloaded, rate limited, server), canceled or expired: drafted
//   again live, once (the batch attempt counts as the first try);
// - anything else (a bad request, a truncated or refused answer): stored as a failed section.
// Sections already stored (by an earlier collection of the same batch) are skipped, so collecting
// twice after a crash stores nothing twice.

export async function collectBatch(
  args: BatchJobArgs & { batchId: string; batchStatus: BatchStatus },
): Promise<{ results: Record<string, number>; isCollected: boolean }> {
  const { context, batchId } = args;
  const { db } = context;
  const requests = new Map(listBatchRequests(db, batchId).map((request) => [request.custom_id, request]));
  const byVersion = new Map(args.articles.map((article) => [article.articleVersionId, article]));
  const results: Record<string, number> = { succeeded: 0, errored: 0, canceled: 0, expired: 0 };
  let isComplete = true;
  const work: Promise<void>[] = [];
  for await (const outcome of args.batches.results(batchId, context.signal ? { signal: context.signal } : {})) {
    const request = requests.get(outcome.customId);
    if (!request) {
      args.log?.(`batch: ${batchId} returned an unknown custom_id "${outcome.customId}"; ignored`);
      continue;
    }
    results[outcome.type] = (results[outcome.type] ?? 0) + 1;
    recordBatchResult(db, { batchId, customId: outcome.customId, result: outcome.type, error: "error" in outcome ? outcome.error.message : null });
    const prepared = byVersion.get(request.article_version_id);
    if (!prepared) {
      isComplete = false;
      continue;
    }
    const position = prepared.templates.sections.findIndex((section) => section.id === request.section_id);
    if (position < 0 || storedSectionIds(db, prepared.articleVersionId).has(request.section_id)) continue;
    work.push(
      args.queue.add(
        async () => {
          const summary = await storeOutcome({ args, prepared, position, outcome });
          if (summary) args.onSection?.(prepared.spec.slug, summary);
        },
        { throwOnTimeout: true },
      ),
    );
  }
  await Promise.all(work);
  if (isComplete) {
    // Expired and cancelled batches end with results too: what they did not process was drafted again above.
    const outcome = args.batchStatus.cancelInitiatedAt !== null ? "canceled" : (results.expired ?? 0) > 0 ? "expired" : "collected";
    markBatchCollected(db, { id: batchId, outcome, detail: describeResults(results), now: new Date() });
  }
  return { results, isCollected: isComplete };
}

function describeResults(results: Record<string, number>): string {
  return (
    Object.entries(results)
      .filter(([, count]) => count > 0)
      .map(([type, count]) => `${count} ${type}`)
      .join(", ") || "no results"
  );
}

async function storeOutcome(input: {
  args: BatchJobArgs & { batchId: string; batchStatus: BatchStatus };
  prepared: PreparedArticle;
  position: number;
  outcome: BatchItemOutcome;
}): Promise<SectionSummary | undefined> {
  const { args, prepared, position, outcome } = input;
  const { context, budget, batchStatus } = args;
  const section = prepared.templates.sections[position] as PreparedArticle["templates"]["sections"][number];
  // The request is rebuilt from the same snapshots and prompts, so it is the one that was sent.
  const { draftInput, sectionPassages } = sectionDraftInput({ prepared, section, provider: context.provider, config: context.config, signal: context.signal });
  const built = buildSectionRequest(draftInput);
  if ("status" in built) throw new Error(`batch result for ${prepared.spec.slug} ${section.id}, a section the provider does not draft`);
  const endedAt = batchStatus.endedAt ? Date.parse(batchStatus.endedAt) : Date.now();
  const call: ModelCallRecord = {
    request: built.request,
    startedAt: batchStatus.createdAt,
    latencyMs: Math.max(0, endedAt - Date.parse(batchStatus.createdAt)),
    result: "result" in outcome ? outcome.result : undefined,
    outcome: "result" in outcome ? "ok" : "error",
    error: "error" in outcome ? outcome.error : undefined,
    batchId: args.batchId,
  };
  if ("result" in outcome) return draftLiveSection({ context, budget, prepared, section, position, firstCall: call });
  if (outcome.error.retryable) return draftLiveSection({ context, budget, prepared, section, position, priorCalls: [call] });
  const summary = await storeDraftedSection({
    context,
    prepared,
    section,
    position,
    draft: { status: "failed", error: outcome.error.message, attempts: 1, calls: [call] },
    sectionPassages,
    startedAt: new Date(batchStatus.createdAt),
  });
  budget.add(summary.costUsd ?? 0);
  return summary;
}
