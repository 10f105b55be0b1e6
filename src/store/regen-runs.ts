import type { Store } from "./open-store.ts";

// One row per regen run (manual or scheduled), beside its runs row: the trigger, the plan the run
// started from and, once finished, what it did and what it left, as JSON documents.

export interface RegenRunRow {
  run_id: number;
  trigger: string;
  plan: string;
  outcome: string | null;
  started_at: string;
  finished_at: string | null;
}

export function insertRegenRun(db: Store, args: { runId: number; trigger: string; plan: unknown; now: Date }): void {
  db.prepare(`INSERT INTO regen_runs (run_id, trigger, plan, started_at) VALUES (?, ?, ?, ?)`).run(
    args.runId,
    args.trigger,
    JSON.stringify(args.plan),
    args.now.toISOString(),
  );
}

export function finishRegenRun(db: Store, args: { runId: number; outcome: unknown; now: Date }): void {
  db.prepare(`UPDATE regen_runs SET outcome = ?, finished_at = ? WHERE run_id = ?`).run(JSON.stringify(args.outcome), args.now.toISOString(), args.runId);
}

export function listRegenRuns(db: Store): RegenRunRow[] {
  return db.prepare(`SELECT * FROM regen_runs ORDER BY run_id`).all() as RegenRunRow[];
}
