import { listEffectiveConfig } from "../../config/load-config.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";
import { formatTable } from "../format-table.ts";

/** Secrets are reported as set or not, never printed. */
const SECRET_ENV = ["ANTHROPIC_API_KEY"];

export const configCommand: Command = {
  usage: "config [--json] [--provider P] [--model M] [--verifier V] [--out DIR] [--concurrency N]",
  optionHelp: [
    "--json          print one JSON document on stdout",
    "--provider, --model, --verifier, --out, --concurrency   the flags generate takes; shown with origin flag",
  ],
  options: {
    json: { type: "boolean" },
    provider: { type: "string" },
    model: { type: "string" },
    verifier: { type: "string" },
    out: { type: "string" },
    concurrency: { type: "string" },
  },
  allowPositionals: false,
  async run({ values, io }) {
    const loaded = await loadCliConfig(values, io);
    const rows = listEffectiveConfig(loaded);
    const secrets = SECRET_ENV.map((name) => ({ name, isSet: Boolean(io.env[name]) }));
    if (values.json) {
      io.stdout(`${JSON.stringify({ file: loaded.file ?? null, fileIsEmpty: loaded.isFileEmpty, values: rows, secrets }, null, 2)}\n`);
      return EXIT.ok;
    }
    const fileLine = loaded.file === undefined ? "(none; embedded defaults)" : loaded.isFileEmpty ? `${loaded.file} (empty: embedded defaults apply)` : loaded.file;
    io.stdout(`config file: ${fileLine}\n`);
    io.stdout(`${formatTable(["key", "value", "from"], rows.map((row) => [row.key, JSON.stringify(row.value), row.origin]))}\n`);
    for (const secret of secrets) io.stdout(`${secret.name}: ${secret.isSet ? "set (environment; not shown)" : "not set"}\n`);
    return EXIT.ok;
  },
};
