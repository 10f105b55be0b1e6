import type { Store } from "./open-store.ts";

export interface NewRun {
  command: string;
  trigger: string;
  pipeline_version: string;
  provider: string;
  model_requested: string;
  verifier_id: string;
  verifier_version: string;
  options: string;
}

export function createRun(db: Store, run: NewRun, now: Date): number {
  const result = db
    .prepare(
      `INSERT INTO runs (command, trigger, started_at, status, pipeline_version, provider, model_requested, verifier_id, verifier_version, options, pid)
       VALUES (@command, @trigger, @started_at, 'running', @pipeline_version, @provider, @model_requested, @verifier_id, @verifier_version, @options, @pid)`,
    )
    .run({ ...run, started_at: now.toISOString(), pid: process.pid });
  return Number(result.lastInsertRowid);
}

export function finishRun(db: Store, args: { runId: number; status: "done" | "failed"; error?: string | undefined; now: Date }): void {
  db.prepare(`UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ?`).run(args.status, args.now.toISOString(), args.error ?? null, args.runId);
}
