import type { Store } from "./open-store.ts";

// Submitted Message Batches and the section each custom_id stands for. A batch is recorded right
// after the API accepts it, with every mapping in one transaction; it stays open (collected_at
// NULL) until its results have been stored, so a restarted job polls it again instead of
// submitting the same sections twice. A batch that can no longer be collected (archived, or
// unknown to the API for this key) is closed with its outcome; its requests keep result NULL, so
// its sections count as not drafted and the next batch job submits them again.

export interface BatchRow {
  id: string;
  run_id: number;
  created_at: string;
  expires_at: string;
  processing_status: "in_progress" | "canceling" | "ended";
  request_count: number;
  counts: string;
  polled_at: string | null;
  ended_at: string | null;
  collected_at: string | null;
  submission_id: number | null;
  archived_at: string | null;
  cancel_initiated_at: string | null;
  outcome: BatchOutcome | null;
  outcome_detail: string | null;
  closed_at: string | null;
}

/** Why a batch is no longer polled (NULL while it is). */
export type BatchOutcome = "collected" | "expired" | "canceled" | "archived" | "not_found";

export interface BatchRequestRow {
  batch_id: string;
  custom_id: string;
  article_version_id: number;
  section_id: string;
  result: "succeeded" | "errored" | "canceled" | "expired" | null;
  error: string | null;
}

/** Which section one custom_id stands for. */
export interface BatchRequestMapping {
  customId: string;
  articleVersionId: number;
  sectionId: string;
}

export function insertBatch(
  db: Store,
  args: {
    batch: { id: string; createdAt: string; expiresAt: string; processingStatus: BatchRow["processing_status"]; counts: unknown };
    runId: number;
    requests: BatchRequestMapping[];
    submissionId?: number | undefined;
  },
): void {
  const insertRequest = db.prepare(`INSERT INTO batch_requests (batch_id, custom_id, article_version_id, section_id) VALUES (?, ?, ?, ?)`);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO message_batches (id, run_id, created_at, expires_at, processing_status, request_count, counts, submission_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(args.batch.id, args.runId, args.batch.createdAt, args.batch.expiresAt, args.batch.processingStatus, args.requests.length, JSON.stringify(args.batch.counts), args.submissionId ?? null);
    for (const request of args.requests) insertRequest.run(args.batch.id, request.customId, request.articleVersionId, request.sectionId);
  })();
}

export function updateBatchStatus(
  db: Store,
  args: {
    id: string;
    processingStatus: BatchRow["processing_status"];
    counts: unknown;
    endedAt: string | null;
    archivedAt?: string | null | undefined;
    cancelInitiatedAt?: string | null | undefined;
    now: Date;
  },
): void {
  db.prepare(
    `UPDATE message_batches SET processing_status = ?, counts = ?, ended_at = ?, archived_at = ?, cancel_initiated_at = COALESCE(?, cancel_initiated_at), polled_at = ? WHERE id = ?`,
  ).run(args.processingStatus, JSON.stringify(args.counts), args.endedAt, args.archivedAt ?? null, args.cancelInitiatedAt ?? null, args.now.toISOString(), args.id);
}

export function recordBatchResult(db: Store, args: { batchId: string; customId: string; result: NonNullable<BatchRequestRow["result"]>; error: string | null }): void {
  db.prepare(`UPDATE batch_requests SET result = ?, error = ? WHERE batch_id = ? AND custom_id = ?`).run(args.result, args.error, args.batchId, args.customId);
}

/** Results stored; `outcome` says whether the batch ran out of time or was cancelled on the way. */
export function markBatchCollected(db: Store, args: { id: string; outcome: "collected" | "expired" | "canceled"; detail: string; now: Date }): void {
  const now = args.now.toISOString();
  db.prepare(`UPDATE message_batches SET collected_at = ?, closed_at = ?, outcome = ?, outcome_detail = ? WHERE id = ?`).run(now, now, args.outcome, args.detail, args.id);
}

/** No results can be had any more: the batch stops being polled and its sections count as not drafted. */
export function closeUncollectableBatch(db: Store, args: { id: string; outcome: "archived" | "not_found"; detail: string; now: Date }): void {
  db.prepare(`UPDATE message_batches SET closed_at = ?, outcome = ?, outcome_detail = ? WHERE id = ?`).run(args.now.toISOString(), args.outcome, args.detail, args.id);
}

export function loadBatch(db: Store, id: string): BatchRow | undefined {
  return db.prepare(`SELECT * FROM message_batches WHERE id = ?`).get(id) as BatchRow | undefined;
}

/** Every stored batch, newest first. */
export function listAllBatches(db: Store): BatchRow[] {
  return db.prepare(`SELECT * FROM message_batches ORDER BY created_at DESC, id DESC`).all() as BatchRow[];
}

/** Batches not yet collected that carry requests for any of these article versions. */
export function listOpenBatches(db: Store, articleVersionIds: number[]): BatchRow[] {
  if (articleVersionIds.length === 0) return [];
  const marks = articleVersionIds.map(() => "?").join(", ");
  return db
    .prepare(
      `SELECT * FROM message_batches WHERE collected_at IS NULL AND outcome IS NULL AND id IN
         (SELECT batch_id FROM batch_requests WHERE article_version_id IN (${marks})) ORDER BY created_at, id`,
    )
    .all(...articleVersionIds) as BatchRow[];
}

export function listBatchRequests(db: Store, batchId: string): BatchRequestRow[] {
  return db.prepare(`SELECT * FROM batch_requests WHERE batch_id = ? ORDER BY custom_id`).all(batchId) as BatchRequestRow[];
}
