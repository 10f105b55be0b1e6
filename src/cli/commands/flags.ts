import { reasonPrefix } from "../../review/flag-filters.ts";
import { listOpenFlags } from "../../store/flags.ts";
import { openStore } from "../../store/open-store.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";
import { formatTable } from "../format-table.ts";

const MAX_TEXT = 70;

export const flagsCommand: Command = {
  usage: "flags [--article slug] [--json] [--db runs.db]",
  optionHelp: ["--article SLUG   only this article", "--json           print one JSON document on stdout"],
  options: { article: { type: "string" }, json: { type: "boolean" } },
  allowPositionals: false,
  async run({ values, io }) {
    const { config } = await loadCliConfig(values, io);
    const db = openStore(config.paths.db);
    try {
      const flags = listOpenFlags(db, { slug: typeof values.article === "string" ? values.article : undefined });
      if (values.json) {
        const rows = flags.map((flag) => ({
          id: flag.claim_id,
          article: flag.slug,
          version: flag.version,
          section: flag.section_id,
          claim: flag.text,
          claim_key: flag.claim_key,
          verdict: flag.verdict,
          score: flag.score,
          reason: flag.reason,
          verifier: { id: flag.verifier_id, version: flag.verifier_version },
        }));
        io.stdout(`${JSON.stringify({ count: rows.length, flags: rows }, null, 2)}\n`);
        return EXIT.ok;
      }
      if (flags.length === 0) {
        io.stdout("no open flags\n");
        return EXIT.ok;
      }
      const rows = flags.map((flag) => [
        flag.claim_id,
        `${flag.slug} v${flag.version}`,
        flag.section_id,
        reasonPrefix(flag.reason),
        flag.score.toFixed(2),
        flag.text.length > MAX_TEXT ? `${flag.text.slice(0, MAX_TEXT - 1)}…` : flag.text,
      ]);
      io.stdout(`${formatTable(["id", "article", "section", "reason", "score", "claim"], rows)}\n`);
      io.stdout(`${flags.length} open ${flags.length === 1 ? "flag" : "flags"}; decide with: wikigen decide <id> approve|reject|retag\n`);
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};
