import { appendFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import { findClosedPort, startSmtpSink } from "./helpers/smtp-sink.ts";

// Mail to readers goes through the outbox: with the SMTP server down the suggestion is stored and
// its receipt waits (with its error and a later retry); once the server is up, `wikigen mail flush`
// delivers it, with the login from the config and the password from the environment only.

const SUGGESTION = {
  article: "demo-article",
  section: "summary",
  change: "Mention that facilitators protect the confidentiality of clients in peer consultation groups.",
  sources: ["https://example.org/guide"],
  email: "reader@example.org",
  credit: "none",
};

describe("reader mail through the outbox", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-revisions-mail-", project: { kind: "article" } });

  it("keeps the suggestion and retries its receipt when SMTP is down, and delivers it once SMTP is up", async () => {
    expect([0, 3]).toContain((await harness.wikigen(["generate", "demo-article"])).code);
    const port = await findClosedPort();
    appendFileSync(path.join(harness.dir, "wikigen.config.yaml"), ["mail:", "  host: 127.0.0.1", `  port: ${port}`, "  user: wikigen", '  from: "wikigen <wiki@example.org>"', ""].join("\n"));
    writeFileSync(path.join(harness.dir, "s.jsonl"), `${JSON.stringify(SUGGESTION)}\n`);
    const env = { ...harness.env, WIKIGEN_SMTP_PASSWORD: "s3cret" };

    const down = await harness.wikigen(["suggest", "--file", "s.jsonl"], { env });
    expect(down.code).toBe(0);
    expect(down.stdout).toContain("s.jsonl:1: accepted as suggestion #1");
    expect(down.stderr).toMatch(/mail: 0 sent through smtp:\/\/127\.0\.0\.1:\d+, 1 failed \(#1: .*ECONNREFUSED.*\); they stay in the outbox/);
    const db = harness.openDb();
    try {
      expect(db.prepare(`SELECT status FROM suggestions`).all()).toEqual([{ status: "received" }]);
      const mail = db.prepare(`SELECT attempts, last_error, sent_at, created_at, next_attempt_at FROM mail_outbox`).get() as { attempts: number; last_error: string; sent_at: null; created_at: string; next_attempt_at: string };
      expect(mail).toMatchObject({ attempts: 1, sent_at: null });
      expect(mail.last_error).toContain("ECONNREFUSED");
      // Backoff: the next attempt is a minute after the failure, not at once.
      expect(Date.parse(mail.next_attempt_at) - Date.parse(mail.created_at)).toBeGreaterThanOrEqual(60_000);
    } finally {
      db.close();
    }

    const sink = harness.adopt(await startSmtpSink({ port, login: { user: "wikigen", password: "s3cret" } }));
    // Another command's automatic send leaves the mail alone until its retry is due.
    const early = await harness.wikigen(["revisions", "list"], { env });
    expect(early.code).toBe(0);
    expect(sink.received).toHaveLength(0);

    const flushed = await harness.wikigen(["mail", "flush"], { env });
    expect(flushed.code).toBe(0);
    expect(flushed.stdout).toMatch(/mail: 1 sent through smtp:\/\/127\.0\.0\.1:\d+/);
    const [receipt] = await sink.waitFor(1);
    expect(receipt?.to).toEqual(["reader@example.org"]);
    expect(receipt?.from).toBe("wiki@example.org");
    expect(receipt?.raw).toContain("Suggestion #1 received: demo-article / summary");
    expect(receipt?.raw).toContain("You asked not to be credited.");
    expect(sink.logins).toEqual(["wikigen"]);
    const after = harness.openDb();
    try {
      expect(after.prepare(`SELECT attempts, last_error, sent_at IS NOT NULL AS sent FROM mail_outbox`).get()).toEqual({ attempts: 2, last_error: null, sent: 1 });
    } finally {
      after.close();
    }
    expect((await harness.wikigen(["mail", "list"], { env })).stdout).toBe("the outbox is empty\n");
  });

  it("refuses an SMTP password in the config file, naming the variable to use", async () => {
    appendFileSync(path.join(harness.dir, "wikigen.config.yaml"), "  password: hunter2\n");
    const run = await harness.wikigen(["mail", "list"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("mail.password: the SMTP password is not read from the config file; remove it and set WIKIGEN_SMTP_PASSWORD in the environment");
    expect(run.stderr).not.toContain("hunter2");
  });
});
