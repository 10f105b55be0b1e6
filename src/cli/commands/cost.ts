import { UsageError } from "../../domain/errors.ts";
import { openExistingStore } from "../../store/open-store.ts";
import { buildCostReport, type UsageTotals } from "../../store/usage-reports.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";
import { formatTable } from "../format-table.ts";
import { formatRatio, formatTokens } from "./runs.ts";

export const costCommand: Command = {
  usage: "cost [--since DATE] [--json]",
  optionHelp: [
    "--since DATE    only calls started on or after DATE (YYYY-MM-DD, or a full ISO time, UTC)",
    "--json          print the report as one JSON document on stdout",
  ],
  options: { since: { type: "string" }, json: { type: "boolean" } },
  allowPositionals: false,
  async run({ values, io }) {
    const since = typeof values.since === "string" ? parseSince(values.since) : undefined;
    const { config } = await loadCliConfig(values, io);
    const db = openExistingStore(config.paths.db);
    try {
      const report = buildCostReport(db, { since });
      if (values.json) {
        io.stdout(`${JSON.stringify(report, null, 2)}\n`);
        return EXIT.ok;
      }
      const header = ["calls", "tokens in/out/cache w/r", "cost", "cache hits"];
      const cells = (usage: UsageTotals) => [usage.calls, formatTokens(usage), `$${usage.costUsd.toFixed(4)}`, formatRatio(usage.cacheHitRatio)];
      const sections = [
        `spent${since ? ` since ${since}` : ""}: $${report.total.costUsd.toFixed(4)} over ${report.total.calls} calls, cache hits ${formatRatio(report.total.cacheHitRatio)}`,
        "",
        formatTable(["model", ...header], report.byModel.map((row) => [row.model, ...cells(row)])),
        "",
        formatTable(["mode", ...header], report.byMode.map((row) => [row.mode, ...cells(row)])),
        "",
        formatTable(["article", ...header], report.byArticle.map((row) => [row.slug, ...cells(row)])),
        "",
        formatTable(["day (UTC)", ...header], report.byDay.map((row) => [row.day, ...cells(row)])),
      ];
      io.stdout(`${report.total.calls === 0 ? `no model calls${since ? ` since ${since}` : ""}` : sections.join("\n")}\n`);
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};

/** A date or time as the ISO string stored call times compare with. */
function parseSince(value: string): string {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time)) throw new UsageError(`--since: expected a date like 2026-11-01, got "${value}"`);
  return new Date(time).toISOString();
}
