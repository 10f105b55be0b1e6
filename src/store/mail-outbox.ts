import type { Store } from "./open-store.ts";

// The mail outbox (migration 8): every mail to a reader is a row first and is sent afterwards, so a
// mail server that is down delays the mail but never loses it, nor the suggestion it is about.

export type MailKind = "receipt" | "drafted" | "decision";

export interface OutgoingMail {
  suggestion_id: number;
  kind: MailKind;
  to_address: string;
  subject: string;
  body: string;
}

export interface OutboxRow extends OutgoingMail {
  id: number;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
}

export function enqueueMail(db: Store, mail: OutgoingMail, now: Date): number {
  const at = now.toISOString();
  const result = db
    .prepare(
      `INSERT INTO mail_outbox (suggestion_id, kind, to_address, subject, body, created_at, next_attempt_at)
       VALUES (@suggestion_id, @kind, @to_address, @subject, @body, @at, @at)`,
    )
    .run({ ...mail, at });
  return Number(result.lastInsertRowid);
}

/** Unsent mails whose next attempt is due, oldest first. */
export function listDueMail(db: Store, now: Date): OutboxRow[] {
  return db.prepare(`SELECT * FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY id`).all(now.toISOString()) as OutboxRow[];
}

export function listUnsentMail(db: Store): OutboxRow[] {
  return db.prepare(`SELECT * FROM mail_outbox WHERE sent_at IS NULL ORDER BY id`).all() as OutboxRow[];
}

export function listMailOf(db: Store, suggestionId: number): OutboxRow[] {
  return db.prepare(`SELECT * FROM mail_outbox WHERE suggestion_id = ? ORDER BY id`).all(suggestionId) as OutboxRow[];
}

export function markMailSent(db: Store, id: number, now: Date): void {
  db.prepare(`UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`).run(now.toISOString(), id);
}

export function markMailFailed(db: Store, args: { id: number; error: string; nextAttemptAt: Date }): void {
  db.prepare(`UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`).run(args.error, args.nextAttemptAt.toISOString(), args.id);
}
