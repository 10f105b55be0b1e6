import type { Config } from "../../config/config-schema.ts";
import { flushOutbox, type FlushResult } from "../../mail/flush-outbox.ts";
import { createSmtpSender, type MailSettings } from "../../mail/smtp-sender.ts";
import type { Store } from "../../store/open-store.ts";
import { listUnsentMail } from "../../store/mail-outbox.ts";

// Sends what the outbox holds, with the config's SMTP settings and the password from the
// environment. Without mail.host nothing is sent and the mails wait; the caller says so.

export const SMTP_PASSWORD_ENV = "WIKIGEN_SMTP_PASSWORD";

export type DeliveryOutcome = ({ kind: "flushed"; server: string } & FlushResult) | { kind: "not_configured"; waiting: number };

export function mailSettingsFrom(config: Config, env: Readonly<Record<string, string | undefined>>): MailSettings | undefined {
  const { mail } = config;
  if (!mail.host) return undefined;
  return { host: mail.host, port: mail.port, secure: mail.secure, user: mail.user, password: env[SMTP_PASSWORD_ENV], from: mail.from, timeoutMs: 10_000 };
}

export async function deliverMail(args: { db: Store; config: Config; env: Readonly<Record<string, string | undefined>>; isEveryUnsent?: boolean; now?: () => Date }): Promise<DeliveryOutcome> {
  const settings = mailSettingsFrom(args.config, args.env);
  if (!settings) return { kind: "not_configured", waiting: listUnsentMail(args.db).length };
  const sender = await createSmtpSender(settings);
  try {
    const result = await flushOutbox({ db: args.db, sender, ...(args.now ? { now: args.now } : {}), isEveryUnsent: args.isEveryUnsent ?? false });
    return { kind: "flushed", server: sender.describe, ...result };
  } finally {
    sender.close();
  }
}

/** One line for stderr about what a delivery did, or undefined when there was nothing to say. */
export function describeDelivery(outcome: DeliveryOutcome): string | undefined {
  if (outcome.kind === "not_configured") {
    return outcome.waiting > 0 ? `mail: ${outcome.waiting} mail(s) wait in the outbox: no mail.host configured (set mail.host, then run wikigen mail flush)` : undefined;
  }
  if (outcome.sent === 0 && outcome.failed.length === 0 && outcome.waiting === 0) return undefined;
  const failures = outcome.failed.map((failure) => `#${failure.id}: ${failure.error}`).join("; ");
  return `mail: ${outcome.sent} sent through ${outcome.server}${outcome.failed.length > 0 ? `, ${outcome.failed.length} failed (${failures}); they stay in the outbox and are retried later` : ""}${outcome.waiting > 0 ? `; ${outcome.waiting} waiting` : ""}`;
}
