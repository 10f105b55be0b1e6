import { UsageError } from "../../domain/errors.ts";
import { isRunProcessGone } from "../../pipeline/process/is-process-alive.ts";
import { openExistingStore } from "../../store/open-store.ts";
import { listRunReports, type RunReport, type UsageTotals } from "../../store/usage-reports.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";
import { formatTable } from "../format-table.ts";

export const runsCommand: Command = {
  usage: "runs [--limit N] [--json]",
  optionHelp: ["--limit N       the newest N runs (default: all)", "--json          print the runs as one JSON document on stdout"],
  options: { limit: { type: "string" }, json: { type: "boolean" } },
  allowPositionals: false,
  async run({ values, io }) {
    const limit = typeof values.limit === "string" ? Number(values.limit) : undefined;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit: expected a whole number >= 1, got "${String(values.limit)}"`);
    const { config } = await loadCliConfig(values, io);
    const db = openExistingStore(config.paths.db);
    try {
      const runs = listRunReports(db, limit === undefined ? {} : { limit }).map(showDeadAsInterrupted);
      if (values.json) {
        io.stdout(`${JSON.stringify({ runs }, null, 2)}\n`);
        return EXIT.ok;
      }
      if (runs.length === 0) {
        io.stdout(`no runs in ${config.paths.db}\n`);
        return EXIT.ok;
      }
      const rows = runs.map((run) => [
        run.id,
        run.startedAt.replace("T", " ").slice(0, 16),
        run.stoppedBy ? `${run.status} (${run.stoppedBy})` : run.status,
        run.command.length > 40 ? `${run.command.slice(0, 37)}...` : run.command,
        run.articles,
        `${run.sections.done}/${run.sections.failed}/${run.sections.notDrafted}`,
        run.usage.calls,
        formatTokens(run.usage),
        `$${run.usage.costUsd.toFixed(4)}`,
        formatRatio(run.usage.cacheHitRatio),
      ]);
      io.stdout(
        `${formatTable(["run", "started (UTC)", "status", "command", "articles", "sections done/failed/not drafted", "calls", "tokens in/out/cache w/r", "cost", "cache hits"], rows)}\n`,
      );
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};

/** A run still marked running whose process is gone on this host is shown as interrupted (the next generate marks it so). */
function showDeadAsInterrupted(run: RunReport): RunReport {
  const isDead = run.status === "running" && isRunProcessGone(run);
  return isDead ? { ...run, status: "interrupted" } : run;
}

export function formatTokens(usage: UsageTotals): string {
  return `${usage.inputTokens}/${usage.outputTokens}/${usage.cacheWriteTokens}/${usage.cacheReadTokens}`;
}

export function formatRatio(ratio: number | null): string {
  return ratio === null ? "-" : `${(ratio * 100).toFixed(1)}%`;
}
