import path from "node:path";
import { UsageError } from "../../domain/errors.ts";
import { reasonPrefix } from "../../review/flag-filters.ts";
import { listStoredSlugs } from "../../store/article-history.ts";
import { listOpenFlags } from "../../store/flags.ts";
import { openExistingStore } from "../../store/open-store.ts";
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
    const db = openExistingStore(config.paths.db);
    try {
      const slug = typeof values.article === "string" ? values.article : undefined;
      const stored = listStoredSlugs(db);
      // A mistyped slug would read as "no open flags": a script could take that for all clear.
      if (slug !== undefined && !stored.includes(slug)) {
        const known = stored.length === 0 ? "it holds no article yet" : `stored: ${stored.slice(0, 8).join(", ")}${stored.length > 8 ? `, ... (${stored.length} in all)` : ""}`;
        throw new UsageError(`--article: no article "${slug}" in ${path.relative(io.cwd, config.paths.db) || config.paths.db} (${known})`);
      }
      const flags = listOpenFlags(db, { slug });
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
