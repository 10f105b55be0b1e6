import { UsageError } from "../../domain/errors.ts";
import { isRunProcessGone } from "../../pipeline/process/is-process-alive.ts";
import { listUnfinishedNewestVersions, listVersionHistory, type VersionHistoryRow } from "../../store/article-history.ts";
import { openStoreReadOnly } from "../../store/open-store-read-only.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";
import { formatTable } from "../format-table.ts";

export const historyCommand: Command = {
  usage: "history <slug> [--json]",
  optionHelp: ["--json          print the versions as one JSON document on stdout"],
  options: { json: { type: "boolean" } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const [slug, ...extra] = positionals;
    if (!slug || extra.length > 0) throw new UsageError("expected exactly one article slug");
    const { config } = await loadCliConfig(values, io);
    const db = openStoreReadOnly(config.paths.db);
    try {
      const versions = showDeadAsInterrupted(listVersionHistory(db, slug), db, slug);
      if (versions.length === 0) throw new UsageError(`no stored versions of "${slug}" in ${config.paths.db}`);
      if (values.json) {
        io.stdout(`${JSON.stringify({ slug, versions }, null, 2)}\n`);
        return EXIT.ok;
      }
      const rows = versions.map((row) => [
        `v${row.version}`,
        (row.finished_at ?? row.started_at).replace("T", " ").slice(0, 16),
        row.trigger,
        row.model_reported ?? row.model_requested,
        row.status,
        `${row.done}/${row.failed}/${row.not_drafted}`,
        row.carried,
        `${row.claims} (${row.sourced} sourced)`,
        row.flagged,
        `$${row.cost_usd.toFixed(4)}`,
      ]);
      io.stdout(`${formatTable(["version", "date (UTC)", "trigger", "model", "status", "sections done/failed/not drafted", "carried", "claims", "flagged", "cost"], rows)}\n`);
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};

/**
 * A version still marked running whose run's process is gone is shown as interrupted, as `runs`
 * shows the run: this command only reads, and the next generate or regen marks both.
 */
function showDeadAsInterrupted(rows: VersionHistoryRow[], db: Parameters<typeof listVersionHistory>[0], slug: string): VersionHistoryRow[] {
  const dead = new Set(listUnfinishedNewestVersions(db, [slug]).flatMap((version) => (version.status === "running" && isRunProcessGone(version.writer) ? [version.version] : [])));
  return rows.map((row) => (dead.has(row.version) ? { ...row, status: "interrupted" } : row));
}
