import { setTimeout as sleepFor } from "node:timers/promises";
import { buildSectionRequest } from "../../drafting/draft-section.ts";
import type { SectionPrompt } from "../../drafting/load-prompts.ts";
import type { BatchItem } from "../../providers/types.ts";
import { splitIntoBatches, toCustomId } from "../../pacing/split-batches.ts";
import { listBatchRequests, listOpenBatches, type BatchRow } from "../../store/message-batches.ts";
import type { BatchJobArgs } from "./batch-job.ts";
import { checkOpenBatch } from "./check-open-batch.ts";
import { collectBatch } from "./collect-batch.ts";
import { resolvePendingSubmissions, submitBatch } from "./submit-batch.ts";
import { sectionDraftInput, type PreparedArticle } from "../generate/prepare-article.ts";
import { storeDraftedSection } from "../record/store-drafted-section.ts";

// `generate --batch`: every section still to draft goes into Message Batches (split at the API's
// limits), each batch and its custom_id -> section mapping is stored as soon as the API accepts it,
// then the batches are polled with a doubling delay and their results stored by custom_id as they
// end. A rerun of the same command after a crash finds the batches still open for its article
// versions and polls them instead of submitting those sections again. Before that it settles what
// earlier runs left uncertain: a create left unanswered is resolved (submit-batch.ts), and an open
// batch that can no longer be collected is closed, its sections submitted again (check-open-batch.ts).

interface PendingSection {
  prepared: PreparedArticle;
  section: SectionPrompt;
  position: number;
}

export async function generateInBatches(args: BatchJobArgs): Promise<void> {
  const { context, batches, articles } = args;
  const { db, config } = context;
  const log = args.log ?? (() => undefined);
  const sleep = args.sleep ?? ((ms: number, signal?: AbortSignal) => sleepFor(ms, undefined, signal ? { signal } : {}));
  const articleVersionIds = articles.map((article) => article.articleVersionId);
  await resolvePendingSubmissions({ db, batches, articleVersionIds, signal: context.signal, log });
  const open: BatchRow[] = [];
  for (const batch of listOpenBatches(db, articleVersionIds)) {
    const checked = await checkOpenBatch({ db, batches, id: batch.id, signal: context.signal });
    if ("closed" in checked) log(`batch: ${batch.id} can no longer be collected: ${checked.closed}`);
    else open.push(batch);
  }
  const inOpenBatch = new Set(open.flatMap((batch) => listBatchRequests(db, batch.id).map((request) => `${request.article_version_id}/${request.section_id}`)));
  if (open.length > 0) log(`batch: resuming ${open.length} open batch(es) from an earlier run: ${open.map((batch) => batch.id).join(", ")}`);

  const items: (BatchItem & PendingSection)[] = [];
  for (const prepared of articles) {
    for (const [position, section] of prepared.templates.sections.entries()) {
      if (prepared.storedSectionIds.has(section.id) || inOpenBatch.has(`${prepared.articleVersionId}/${section.id}`)) continue;
      const { draftInput, sectionPassages } = sectionDraftInput({ prepared, section, provider: context.provider, config, signal: context.signal });
      const built = buildSectionRequest(draftInput);
      if ("status" in built) {
        const summary = await storeDraftedSection({ context, prepared, section, position, draft: built, sectionPassages, startedAt: new Date() });
        args.onSection?.(prepared.spec.slug, summary);
        continue;
      }
      items.push({ customId: toCustomId(prepared.articleVersionId, section.id, position), request: built.request, prepared, section, position });
    }
  }

  const chunks = splitIntoBatches(items, { maxRequests: config.batch.max_requests, maxBytes: config.batch.max_bytes, measure: (item) => batches.measure(item) });
  const submitted: string[] = [];
  for (const [index, chunk] of chunks.entries()) {
    if (args.budget.isExhausted()) {
      log(`batch: cost cap reached; ${chunks.slice(index).reduce((sum, rest) => sum + rest.length, 0)} section request(s) not submitted`);
      break;
    }
    const status = await submitBatch({
      db,
      batches,
      runId: context.runId,
      items: chunk.map(({ customId, request }) => ({ customId, request })),
      mapping: chunk.map((item) => ({ customId: item.customId, articleVersionId: item.prepared.articleVersionId, sectionId: item.section.id })),
      maxAttempts: 1 + config.provider.max_retries,
      retryDelayMs: config.batch.poll_initial_ms,
      signal: context.signal,
      log,
      sleep,
    });
    submitted.push(status.id);
    log(`batch: submitted ${status.id} with ${chunk.length} request(s)`);
  }
  await pollUntilCollected({ args, batchIds: [...open.map((batch) => batch.id), ...submitted], sleep });
}

async function pollUntilCollected(input: { args: BatchJobArgs; batchIds: string[]; sleep: (ms: number, signal?: AbortSignal) => Promise<void> }): Promise<void> {
  const { args, sleep } = input;
  const { context, batches } = args;
  const waiting = new Set(input.batchIds);
  let delay = context.config.batch.poll_initial_ms;
  for (;;) {
    for (const id of [...waiting]) {
      const checked = await checkOpenBatch({ db: context.db, batches, id, signal: context.signal });
      if ("closed" in checked) {
        waiting.delete(id);
        args.log?.(`batch: ${id} can no longer be collected: ${checked.closed} (for the next run)`);
        continue;
      }
      const { status } = checked;
      if (status.processingStatus !== "ended") continue;
      waiting.delete(id);
      const outcome = await collectBatch({ ...args, batchId: id, batchStatus: status });
      args.log?.(`batch: ${id} ended: ${formatCounts(outcome.results)}${outcome.isCollected ? "" : " (has requests of articles outside this job: left open)"}`);
    }
    if (waiting.size === 0) return;
    args.log?.(`batch: ${waiting.size} batch(es) in progress; next poll in ${Math.round(delay / 1000)} s`);
    await sleep(delay, context.signal);
    delay = Math.min(delay * 2, context.config.batch.poll_max_ms);
  }
}

function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([type, count]) => `${count} ${type}`)
    .join(", ") || "no results";
}
