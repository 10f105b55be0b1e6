import { readFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../../domain/errors.ts";
import { acceptSuggestion, type IntakeOutcome } from "../../pipeline/revise/accept-suggestion.ts";
import { deliverMail, describeDelivery } from "../../pipeline/revise/deliver-mail.ts";
import { openExistingStore } from "../../store/open-store.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";

// `wikigen suggest --file suggestions.jsonl`: reader suggestions that arrived by other channels, one
// JSON object a line. Each line is checked and stored on its own (with its receipt mail), so a bad
// line refuses that line only and what was accepted before it stays stored.

export const suggestCommand: Command = {
  usage: "suggest --file suggestions.jsonl [--json] [--db runs.db]",
  optionHelp: [
    '--file FILE      one suggestion a line: {"article", "section", "change", "sources": [urls], "email", "credit": "name"|"anonymous"|"none", "name"?}',
    "--json           print one JSON document on stdout",
  ],
  options: { file: { type: "string" }, json: { type: "boolean" } },
  allowPositionals: false,
  async run({ values, io }) {
    if (typeof values.file !== "string") throw new UsageError("--file: expected the suggestions file (JSON lines)");
    const file = path.resolve(io.cwd, values.file);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new UsageError(`--file ${values.file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    const { config } = await loadCliConfig(values, io);
    const db = openExistingStore(config.paths.db);
    try {
      const outcomes: (IntakeOutcome & { line: number })[] = [];
      text.split(/\r?\n/).forEach((raw, index) => {
        if (raw.trim() === "") return;
        const line = index + 1;
        let input: unknown;
        try {
          input = JSON.parse(raw);
        } catch (error) {
          outcomes.push({ kind: "refused", line, reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})`, isPhi: false });
          return;
        }
        outcomes.push({ ...acceptSuggestion({ db, input, channel: "file" }), line });
      });
      const delivery = await deliverMail({ db, config, env: io.env });
      const refused = outcomes.filter((outcome) => outcome.kind === "refused").length;
      if (values.json) {
        io.stdout(`${JSON.stringify({ file: values.file, lines: outcomes.map(({ line, ...outcome }) => ({ line, ...outcome })), accepted: outcomes.length - refused, refused, mail: delivery }, null, 2)}\n`);
      } else {
        for (const outcome of outcomes) {
          io.stdout(outcome.kind === "accepted" ? `${values.file}:${outcome.line}: accepted as suggestion #${outcome.id}\n` : `${values.file}:${outcome.line}: refused: ${outcome.reason}\n`);
        }
        io.stdout(`${outcomes.length - refused} accepted, ${refused} refused${outcomes.length - refused > 0 ? "; draft them with wikigen revisions draft" : ""}\n`);
      }
      const note = describeDelivery(delivery);
      if (note) io.stderr(`${note}\n`);
      return refused > 0 ? EXIT.failedItems : EXIT.ok;
    } finally {
      db.close();
    }
  },
};
