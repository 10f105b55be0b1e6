import { createHash } from "node:crypto";
import { ProviderError } from "../../domain/errors.ts";
import type { BatchItem, BatchStatus, ModelBatches } from "../../providers/types.ts";
import {
  countSubmissionAttempt,
  listPendingSubmissions,
  recordSubmissionIntent,
  recordSubmittedBatch,
  resolveSubmissionWithoutBatch,
} from "../../store/batch-submissions.ts";
import { loadBatch, type BatchRequestMapping } from "../../store/message-batches.ts";
import type { Store } from "../../store/open-store.ts";

// Submitting a Message Batch at most once. The create endpoint takes no idempotency key, and a
// create whose answer is lost (connection reset, timeout, a 5xx after the body went out) may
// still have made a batch that runs and is billed. Retrying such a create blindly, as the SDK's own
// retries would, can submit and pay for every section twice while only one batch gets recorded.
// So:
// 1. before the request, an intent is stored: the time, the request count, a fingerprint of the
//    custom_ids and the custom_id -> section mapping (a crash from here on leaves a trace);
// 2. the create is sent once (the provider sends it with maxRetries 0);
// 3. an answer settles it: the batch (submitted) or an error status that means no batch was made
//    (refused; a 429 is tried again after a pause);
// 4. no answer (uncertain): after a pause, list the batches created since the attempt started (less a margin for
//    clock skew) and adopt the one with the same request count that the store does not know yet;
//    only when there is none is the create sent again;
// 5. if even the list cannot be read, the intent stays pending and the job stops: the next run
//    looks again before it submits anything (resolvePendingSubmissions).
// The list shows neither custom_ids nor params, so a batch is matched by its size and time. A batch
// of the same size created in that window by another program on the same workspace could be taken
// for ours; its results would then not match our custom_ids, be ignored, and leave our sections
// not drafted for the next run to submit, which costs a delay but never a double charge.

/** How much earlier than our clock the API's created_at may read for a batch we sent. */
const CLOCK_SKEW_MS = 2 * 60_000;

export interface SubmitBatchArgs {
  db: Store;
  batches: ModelBatches;
  runId: number;
  items: BatchItem[];
  mapping: BatchRequestMapping[];
  /** Create requests in all (1 + provider.max_retries). */
  maxAttempts: number;
  retryDelayMs: number;
  signal?: AbortSignal | undefined;
  log: (line: string) => void;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export async function submitBatch(args: SubmitBatchArgs): Promise<BatchStatus> {
  const { db, batches, mapping, log } = args;
  const startedAt = new Date();
  const submissionId = recordSubmissionIntent(db, { runId: args.runId, startedAt, fingerprint: fingerprintOf(mapping), requests: mapping });
  const signalOption = args.signal ? { signal: args.signal } : {};
  for (let attempt = 1; ; attempt++) {
    countSubmissionAttempt(db, submissionId);
    let failure: unknown;
    try {
      const status = await batches.submit(args.items, signalOption);
      recordSubmittedBatch(db, { submissionId, how: "submitted", batch: status, runId: args.runId, requests: mapping, now: new Date() });
      return status;
    } catch (error) {
      failure = error;
    }
    const kind = classifyCreateFailure(failure);
    const message = failure instanceof Error ? failure.message : String(failure);
    // An abort or an unexpected error: whether a batch was made is unknown; the next run looks.
    if (kind === "unknown") throw failure;
    const isLastAttempt = attempt >= args.maxAttempts;
    if (kind === "not_created" || kind === "rate_limited") {
      if (kind === "not_created" || isLastAttempt) {
        resolveSubmissionWithoutBatch(db, { id: submissionId, status: "refused", error: message, now: new Date() });
        throw failure;
      }
      log(`batch: create of ${mapping.length} request(s) was rate limited; trying again in ${Math.round(args.retryDelayMs / 1000)} s`);
      await args.sleep(args.retryDelayMs, args.signal);
      continue;
    }
    log(`batch: create of ${mapping.length} request(s) got no answer (${message}); looking for a batch the API accepted`);
    // A pause first: the API documents no guarantee that a batch it has just accepted is already in
    // the list, and missing it here is what would lead to a second submission.
    await args.sleep(args.retryDelayMs, args.signal);
    const found = await findAcceptedBatch({ db, batches, since: startedAt, requestCount: mapping.length, signal: args.signal }).catch((error: unknown) => {
      throw new Error(
        `batch: create of ${mapping.length} request(s) got no answer, and the batch list could not be read to see whether the API accepted it ` +
          `(${error instanceof Error ? error.message : String(error)}); nothing was submitted again: rerun to look again`,
      );
    });
    if (found) {
      recordSubmittedBatch(db, { submissionId, how: "adopted", batch: found, runId: args.runId, requests: mapping, now: new Date() });
      log(`batch: the API had accepted it as ${found.id}; adopted instead of submitting again`);
      return found;
    }
    if (isLastAttempt) {
      resolveSubmissionWithoutBatch(db, { id: submissionId, status: "abandoned", error: message, now: new Date() });
      throw failure;
    }
    log(`batch: no such batch at the API; submitting again (attempt ${attempt + 1} of ${args.maxAttempts})`);
  }
}

/**
 * Intents left pending by an earlier run (killed mid-create, or unable to list): each is resolved
 * before anything is submitted, by adopting the batch the API has or closing it so its sections go
 * into a new batch.
 */
export async function resolvePendingSubmissions(args: {
  db: Store;
  batches: ModelBatches;
  articleVersionIds: number[];
  signal?: AbortSignal | undefined;
  log: (line: string) => void;
}): Promise<void> {
  const { db, batches, log } = args;
  for (const pending of listPendingSubmissions(db, args.articleVersionIds)) {
    const found = await findAcceptedBatch({ db, batches, since: new Date(pending.started_at), requestCount: pending.request_count, signal: args.signal });
    if (found) {
      recordSubmittedBatch(db, { submissionId: pending.id, how: "adopted", batch: found, runId: pending.run_id, requests: pending.mapping, now: new Date() });
      log(`batch: run ${pending.run_id} left a create of ${pending.request_count} request(s) unanswered; the API had accepted it as ${found.id}: adopted`);
    } else {
      const error = `no batch of ${pending.request_count} request(s) created since ${pending.started_at}: its sections are submitted again`;
      resolveSubmissionWithoutBatch(db, { id: pending.id, status: "abandoned", error, now: new Date() });
      log(`batch: run ${pending.run_id} left a create unanswered; ${error}`);
    }
  }
}

/** The oldest batch created since `since` with `requestCount` requests that the store does not know. */
async function findAcceptedBatch(args: { db: Store; batches: ModelBatches; since: Date; requestCount: number; signal?: AbortSignal | undefined }): Promise<BatchStatus | undefined> {
  const since = new Date(args.since.getTime() - CLOCK_SKEW_MS).toISOString();
  const listed = await args.batches.listCreatedSince(since, args.signal ? { signal: args.signal } : {});
  const candidates = listed.filter((batch) => totalRequests(batch) === args.requestCount && loadBatch(args.db, batch.id) === undefined);
  return candidates.at(-1);
}

function totalRequests(batch: BatchStatus): number {
  const { processing, succeeded, errored, canceled, expired } = batch.counts;
  return processing + succeeded + errored + canceled + expired;
}

/** sha256 of the custom_ids in order: which requests an intent was for, for the record. */
function fingerprintOf(mapping: BatchRequestMapping[]): string {
  return createHash("sha256").update(mapping.map((request) => request.customId).join("\n")).digest("hex");
}

/**
 * What a failed create says about the batch: an error status before 500 (other than 408 and 429)
 * means the API refused it; a 429 too, but it is worth another try; no answer, a timeout or a 5xx
 * leaves it uncertain; anything else (an abort, a bug) is unknown.
 */
function classifyCreateFailure(error: unknown): "not_created" | "rate_limited" | "uncertain" | "unknown" {
  if (!(error instanceof ProviderError)) return "unknown";
  switch (error.kind) {
    case "rate_limited":
      return "rate_limited";
    case "connection":
    case "timeout":
    case "server":
    case "overloaded":
      return "uncertain";
    default:
      return "not_created";
  }
}
