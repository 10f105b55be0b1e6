import { listDueMail, listUnsentMail, markMailFailed, markMailSent, type OutboxRow } from "../store/mail-outbox.ts";
import type { Store } from "../store/open-store.ts";
import type { MailSender } from "./smtp-sender.ts";

// Sends the outbox's due mails one by one. A failed send stays in the outbox with its error and a
// later next attempt (doubling from one minute, at most six hours): the suggestion it is about is
// already stored, so a mail server that is down only delays the mail.

const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 6 * 60 * 60_000;

export function retryDelayMs(attemptsSoFar: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attemptsSoFar));
}

export interface FlushResult {
  sent: number;
  failed: { id: number; to: string; error: string }[];
  /** Unsent mails after this flush (failed ones and those whose retry is not due yet). */
  waiting: number;
}

export async function flushOutbox(args: { db: Store; sender: MailSender; now?: () => Date; /** Send every unsent mail, due or not (`wikigen mail flush`). */ isEveryUnsent?: boolean }): Promise<FlushResult> {
  const now = args.now ?? (() => new Date());
  const rows: OutboxRow[] = args.isEveryUnsent ? listUnsentMail(args.db) : listDueMail(args.db, now());
  const result: FlushResult = { sent: 0, failed: [], waiting: 0 };
  for (const row of rows) {
    try {
      await args.sender.send({ to: row.to_address, subject: row.subject, text: row.body });
      markMailSent(args.db, row.id, now());
      result.sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      markMailFailed(args.db, { id: row.id, error: message, nextAttemptAt: new Date(now().getTime() + retryDelayMs(row.attempts)) });
      result.failed.push({ id: row.id, to: row.to_address, error: message });
    }
  }
  result.waiting = listUnsentMail(args.db).length;
  return result;
}
