import { hostname } from "node:os";
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
      `INSERT INTO runs (command, trigger, started_at, status, pipeline_version, provider, model_requested, verifier_id, verifier_version, options, pid, host)
       VALUES (@command, @trigger, @started_at, 'running', @pipeline_version, @provider, @model_requested, @verifier_id, @verifier_version, @options, @pid, @host)`,
    )
    .run({ ...run, started_at: now.toISOString(), pid: process.pid, host: hostname() });
  return Number(result.lastInsertRowid);
}

export function finishRun(
  db: Store,
  args: { runId: number; status: "done" | "failed"; error?: string | undefined; stoppedBy?: string | undefined; now: Date },
): void {
  db.prepare(`UPDATE runs SET status = ?, finished_at = ?, error = ?, stopped_by = ? WHERE id = ?`).run(
    args.status,
    args.now.toISOString(),
    args.error ?? null,
    args.stoppedBy ?? null,
    args.runId,
  );
}

/**
 * Runs still marked running whose process is gone (killed, crashed, machine restarted) become
 * 'interrupted', and so do the article versions they were writing. Only runs started on this host
 * can be checked; a run from another host is left alone. Returns the ids marked.
 */
export function interruptDeadRuns(db: Store, args: { isGone: (run: { pid: number | null; host: string | null }) => boolean; now: Date }): number[] {
  return db.transaction(() => {
    const running = db.prepare(`SELECT id, pid, host FROM runs WHERE status = 'running'`).all() as { id: number; pid: number | null; host: string | null }[];
    const dead = running.filter(args.isGone);
    const markRun = db.prepare(`UPDATE runs SET status = 'interrupted', finished_at = ?, error = ? WHERE id = ?`);
    const markVersions = db.prepare(
      `UPDATE article_versions SET status = 'interrupted', error = 'the run writing it ended without finishing'
       WHERE status = 'running' AND (run_id = @id OR id IN (SELECT article_version_id FROM run_resumptions WHERE run_id = @id))`,
    );
    for (const run of dead) {
      markRun.run(args.now.toISOString(), `process ${run.pid ?? "?"} ended without finishing (killed or crashed)`, run.id);
      markVersions.run({ id: run.id });
    }
    return dead.map((run) => run.id);
  }).immediate();
}
