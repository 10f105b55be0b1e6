import path from "node:path";
import { UsageError } from "../../domain/errors.ts";
import { closeIfNotFound } from "../../pipeline/batch/check-open-batch.ts";
import { createConfiguredAnthropic } from "../../pipeline/wiring/create-provider.ts";
import { listAllBatches, loadBatch, updateBatchStatus, type BatchRow } from "../../store/message-batches.ts";
import { openExistingStore } from "../../store/open-store.ts";
import { EXIT, type CliIo, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";
import { formatTable } from "../format-table.ts";

// The Message Batches the store knows (what `generate --batch` submitted) and a way to cancel one.
// list reads only the store; cancel asks the API and records what it answered.

export const batchesCommand: Command = {
  usage: "batches [list | cancel <id>] [--json] [--db runs.db]",
  optionHelp: ["--json          print one JSON document on stdout"],
  options: { json: { type: "boolean" } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const [action = "list", ...rest] = positionals;
    if (action !== "list" && action !== "cancel") throw new UsageError(`expected list or cancel <id>, got "${action}"`);
    if (action === "list" && rest.length > 0) throw new UsageError(`list takes no arguments, got "${rest.join(" ")}"`);
    if (action === "cancel" && rest.length !== 1) throw new UsageError("cancel: expected one batch id (see wikigen batches list)");
    const { config } = await loadCliConfig(values, io);
    const db = openExistingStore(config.paths.db);
    const dbName = path.relative(io.cwd, config.paths.db) || config.paths.db;
    try {
      if (action === "list") return listBatches({ rows: listAllBatches(db), isJson: values.json === true, io, dbName });
      const id = rest[0] as string;
      const row = loadBatch(db, id);
      if (!row) {
        const known = listAllBatches(db).map((batch) => batch.id);
        const shown = known.length === 0 ? "it holds no batch" : `known: ${known.slice(0, 5).join(", ")}${known.length > 5 ? `, ... (${known.length} in all)` : ""}`;
        throw new UsageError(`cancel: no batch "${id}" in ${dbName} (${shown})`);
      }
      if (row.outcome !== null) throw new UsageError(`cancel: batch ${id} is already closed (${describeBatch(row, new Date())}); nothing to cancel`);
      const batches = createConfiguredAnthropic(config, io.env).batches;
      if (!batches) throw new Error("the anthropic provider has no batch API");
      let status;
      try {
        status = await batches.cancel(id);
      } catch (error) {
        const closed = closeIfNotFound({ db, id, error });
        if (closed === undefined) throw error;
        io.stderr(`wikigen batches: cannot cancel ${id}: ${closed}; recorded in ${dbName}\n`);
        return EXIT.fatal;
      }
      updateBatchStatus(db, { id, processingStatus: status.processingStatus, counts: status.counts, endedAt: status.endedAt, archivedAt: status.archivedAt, cancelInitiatedAt: status.cancelInitiatedAt, now: new Date() });
      const updated = loadBatch(db, id) as BatchRow;
      if (values.json) {
        io.stdout(`${JSON.stringify({ batch: toJson(updated, new Date()) }, null, 2)}\n`);
        return EXIT.ok;
      }
      io.stdout(`${id}: ${status.processingStatus}; ${describeBatch(updated, new Date())}\n`);
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};

function listBatches(args: { rows: BatchRow[]; isJson: boolean; io: CliIo; dbName: string }): number {
  const { rows, io } = args;
  const now = new Date();
  if (args.isJson) {
    io.stdout(`${JSON.stringify({ batches: rows.map((row) => toJson(row, now)) }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (rows.length === 0) {
    io.stdout(`no batches in ${args.dbName}\n`);
    return EXIT.ok;
  }
  const table = rows.map((row) => [row.id, row.run_id, row.processing_status, row.request_count, minute(row.created_at), minute(row.expires_at), describeBatch(row, now)]);
  io.stdout(`${formatTable(["batch", "run", "status", "sections", "created (UTC)", "expires (UTC)", "what happened"], table)}\n`);
  return EXIT.ok;
}

function toJson(row: BatchRow, now: Date) {
  return {
    id: row.id,
    run_id: row.run_id,
    status: row.processing_status,
    outcome: row.outcome,
    sections: row.request_count,
    counts: JSON.parse(row.counts) as unknown,
    created_at: row.created_at,
    expires_at: row.expires_at,
    ended_at: row.ended_at,
    cancel_initiated_at: row.cancel_initiated_at,
    archived_at: row.archived_at,
    collected_at: row.collected_at,
    what_happened: describeBatch(row, now),
  };
}

/** One line on what became of a batch, or what the next batch job will do with it. */
export function describeBatch(row: BatchRow, now: Date): string {
  const detail = row.outcome_detail ?? "";
  switch (row.outcome) {
    case "collected":
      return `collected: ${detail}`;
    case "expired":
      return `expired before every request was processed: ${detail}; the expired ones were drafted again live`;
    case "canceled":
      return `cancelled: ${detail}; the cancelled ones were drafted again live`;
    case "archived":
      return detail;
    case "not_found":
      return `not found: ${detail}`;
    case null:
      break;
  }
  if (row.cancel_initiated_at !== null) return `cancel requested at ${minute(row.cancel_initiated_at)}; the next generate --batch collects it`;
  if (Date.parse(row.expires_at) <= now.getTime()) return "past its expiry; the next generate --batch collects what it finished and drafts the rest again";
  return `${row.processing_status.replace("_", " ")}; the next generate --batch polls it`;
}

function minute(iso: string): string {
  return iso.replace("T", " ").slice(0, 16);
}
