import { ProviderError } from "../../domain/errors.ts";
import type { BatchStatus, ModelBatches } from "../../providers/types.ts";
import { closeUncollectableBatch, listBatchRequests, updateBatchStatus } from "../../store/message-batches.ts";
import type { Store } from "../../store/open-store.ts";

// One poll of a stored open batch. A batch that can no longer be collected is closed in the store
// with what happened, instead of failing every later run that polls it:
// - archived: ended, but results_url is null (results are kept 29 days after the end, as of
//   2026-11), so nothing can be downloaded;
// - not_found: the API answers 404 or 403 for it: the key now belongs to another workspace, or
//   the batch was deleted.
// Its requests keep result NULL, so its sections count as not drafted: the job submits them in a
// new batch (found before submitting) or leaves them to the next run (found while polling).
// An expired or cancelled batch still has results: it is collected, and what it did not process is
// drafted again live (collect-batch.ts).

export async function checkOpenBatch(args: {
  db: Store;
  batches: ModelBatches;
  id: string;
  signal?: AbortSignal | undefined;
}): Promise<{ status: BatchStatus } | { closed: string }> {
  const { db, id } = args;
  let status: BatchStatus;
  try {
    status = await args.batches.retrieve(id, args.signal ? { signal: args.signal } : {});
  } catch (error) {
    const closed = closeIfNotFound({ db, id, error });
    if (closed === undefined) throw error;
    return { closed };
  }
  updateBatchStatus(db, { id, processingStatus: status.processingStatus, counts: status.counts, endedAt: status.endedAt, archivedAt: status.archivedAt, cancelInitiatedAt: status.cancelInitiatedAt, now: new Date() });
  if (status.processingStatus === "ended" && !status.hasResults) {
    const detail = `archived${status.archivedAt ? ` at ${status.archivedAt}` : ""} before its results were collected`;
    return { closed: close({ db, id, outcome: "archived", detail }) };
  }
  return { status };
}

/** A 404 or 403 for a stored batch: closed as not_found, with what happened; undefined for any other error. */
export function closeIfNotFound(args: { db: Store; id: string; error: unknown }): string | undefined {
  const { error } = args;
  if (!(error instanceof ProviderError) || (error.status !== 404 && error.status !== 403)) return undefined;
  const detail = `the API answers ${error.status} for it with this key (another key or workspace, or deleted)`;
  return close({ db: args.db, id: args.id, outcome: "not_found", detail });
}

function close(args: { db: Store; id: string; outcome: "archived" | "not_found"; detail: string }): string {
  const left = listBatchRequests(args.db, args.id).filter((request) => request.result === null).length;
  const detail = `${args.detail}; ${left} section(s) queued again`;
  closeUncollectableBatch(args.db, { id: args.id, outcome: args.outcome, detail, now: new Date() });
  return detail;
}
