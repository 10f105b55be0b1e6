import { hostname } from "node:os";

/** Whether a process with this id exists on this host (signal 0 checks without signalling). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether a run still marked running has ended without finishing: it ran on this host (or before
 * hosts were recorded) and its process is gone. The one test for it: interruptDeadRuns marks such
 * runs, and runs and history show them as interrupted before that; a run on another host cannot be
 * checked and counts as alive.
 */
export function isRunProcessGone(run: { pid: number | null; host: string | null }): boolean {
  return (run.host === null || run.host === hostname()) && run.pid !== process.pid && (run.pid === null || !isProcessAlive(run.pid));
}
