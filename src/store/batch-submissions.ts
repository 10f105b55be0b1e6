import type { Store } from "./open-store.ts";
import { insertBatch, type BatchRequestMapping } from "./message-batches.ts";

// A batch create the job is about to send, recorded before the request goes out. The API gives a
// create no idempotency key, so an unanswered create leaves us not knowing whether a batch (billed
// when it runs) exists. This row is what lets the next attempt, or the next run after a crash, look
// for that batch (created since started_at, with request_count requests) and adopt it instead of
// submitting the same sections a second time. status: pending until the outcome is known;
// submitted (the API answered with the batch), adopted (found after an unanswered create), refused
// (the API answered with an error: no batch was made), abandoned (looked for, not found: the
// sections are submitted again).

export interface SubmissionRow {
  id: number;
  run_id: number;
  started_at: string;
  request_count: number;
  fingerprint: string;
  requests: string;
  attempts: number;
  status: "pending" | "submitted" | "adopted" | "refused" | "abandoned";
  batch_id: string | null;
  error: string | null;
  resolved_at: string | null;
}

export function recordSubmissionIntent(db: Store, args: { runId: number; startedAt: Date; fingerprint: string; requests: BatchRequestMapping[] }): number {
  const result = db
    .prepare(`INSERT INTO batch_submissions (run_id, started_at, request_count, fingerprint, requests, status) VALUES (?, ?, ?, ?, ?, 'pending')`)
    .run(args.runId, args.startedAt.toISOString(), args.requests.length, args.fingerprint, JSON.stringify(args.requests));
  return Number(result.lastInsertRowid);
}

/** Counted before each create request is sent. */
export function countSubmissionAttempt(db: Store, id: number): void {
  db.prepare(`UPDATE batch_submissions SET attempts = attempts + 1 WHERE id = ?`).run(id);
}

/** The batch is known (answered, or found): stored with its custom_id mapping and the intent closed, in one transaction. */
export function recordSubmittedBatch(
  db: Store,
  args: { submissionId: number; how: "submitted" | "adopted"; batch: Parameters<typeof insertBatch>[1]["batch"]; runId: number; requests: BatchRequestMapping[]; now: Date },
): void {
  db.transaction(() => {
    insertBatch(db, { batch: args.batch, runId: args.runId, requests: args.requests, submissionId: args.submissionId });
    db.prepare(`UPDATE batch_submissions SET status = ?, batch_id = ?, resolved_at = ? WHERE id = ?`).run(args.how, args.batch.id, args.now.toISOString(), args.submissionId);
  })();
}

/** No batch came of it: refused by the API, or looked for and not found. */
export function resolveSubmissionWithoutBatch(db: Store, args: { id: number; status: "refused" | "abandoned"; error: string; now: Date }): void {
  db.prepare(`UPDATE batch_submissions SET status = ?, error = ?, resolved_at = ? WHERE id = ?`).run(args.status, args.error, args.now.toISOString(), args.id);
}

/** Pending intents (an earlier run died or could not look) with a request for any of these article versions. */
export function listPendingSubmissions(db: Store, articleVersionIds: number[]): (SubmissionRow & { mapping: BatchRequestMapping[] })[] {
  const wanted = new Set(articleVersionIds);
  const rows = db.prepare(`SELECT * FROM batch_submissions WHERE status = 'pending' ORDER BY id`).all() as SubmissionRow[];
  return rows
    .map((row) => ({ ...row, mapping: JSON.parse(row.requests) as BatchRequestMapping[] }))
    .filter((row) => row.mapping.some((request) => wanted.has(request.articleVersionId)));
}
