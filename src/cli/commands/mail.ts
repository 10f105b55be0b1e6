import { UsageError } from "../../domain/errors.ts";
import { deliverMail, describeDelivery } from "../../pipeline/revise/deliver-mail.ts";
import { listUnsentMail } from "../../store/mail-outbox.ts";
import { openExistingStore } from "../../store/open-store.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";
import { formatTable } from "../format-table.ts";

// `wikigen mail [list | flush]`: the outbox of mails to readers. flush sends every unsent mail now,
// whatever its backoff; other commands send only those whose retry is due.

export const mailCommand: Command = {
  usage: "mail [list | flush] [--json] [--db runs.db]",
  optionHelp: ["--json           print one JSON document on stdout"],
  options: { json: { type: "boolean" } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const [action = "list", ...rest] = positionals;
    if ((action !== "list" && action !== "flush") || rest.length > 0) throw new UsageError(`expected list or flush, got "${positionals.join(" ")}"`);
    const { config } = await loadCliConfig(values, io);
    const db = openExistingStore(config.paths.db);
    try {
      if (action === "list") {
        const rows = listUnsentMail(db).map((row) => ({ id: row.id, suggestion: row.suggestion_id, kind: row.kind, attempts: row.attempts, next_attempt_at: row.next_attempt_at, last_error: row.last_error }));
        if (values.json) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
        else if (rows.length === 0) io.stdout("the outbox is empty\n");
        else io.stdout(`${formatTable(["id", "suggestion", "kind", "attempts", "next attempt", "last error"], rows.map((row) => [String(row.id), `#${row.suggestion}`, row.kind, String(row.attempts), row.next_attempt_at.slice(0, 19), row.last_error ?? ""]))}\n`);
        return EXIT.ok;
      }
      const outcome = await deliverMail({ db, config, env: io.env, isEveryUnsent: true });
      if (values.json) io.stdout(`${JSON.stringify(outcome, null, 2)}\n`);
      else io.stdout(`${describeDelivery(outcome) ?? "mail: nothing to send"}\n`);
      if (outcome.kind === "not_configured") return outcome.waiting > 0 ? EXIT.failedItems : EXIT.ok;
      return outcome.failed.length > 0 ? EXIT.failedItems : EXIT.ok;
    } finally {
      db.close();
    }
  },
};
