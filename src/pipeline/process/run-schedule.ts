// The foreground scheduler's loop: wait for the next time the cron expression names, run once, repeat
// until the signal aborts. The cron arithmetic is passed in (`nextRun`), so the loop is tested with a
// fake clock-free schedule and the command supplies a real cron library.

/** Longest single wait: a suspended laptop or a clock change is noticed within this. */
const MAX_WAIT_MS = 30_000;

export interface ScheduleInput {
  /** The first scheduled time strictly after `after`, or null when there is none. */
  nextRun(after: Date): Date | null;
  runOnce(scheduledFor: Date): Promise<void>;
  signal: AbortSignal;
  now?: () => Date;
  log?: (line: string) => void;
}

/** Runs until aborted (or the schedule ends); returns how many runs it started. */
export async function runSchedule(input: ScheduleInput): Promise<number> {
  const now = input.now ?? (() => new Date());
  let after = now();
  let runs = 0;
  while (!input.signal.aborted) {
    const next = input.nextRun(after);
    if (!next) {
      input.log?.("the schedule names no further time: stopping");
      break;
    }
    input.log?.(`next run at ${next.toISOString()}`);
    await waitUntil(next, input.signal, now);
    if (input.signal.aborted) break;
    runs += 1;
    await input.runOnce(next);
    // Times that passed while a run lasted are skipped, not queued up behind it.
    const finished = now();
    after = finished.getTime() > next.getTime() ? finished : next;
  }
  return runs;
}

async function waitUntil(target: Date, signal: AbortSignal, now: () => Date): Promise<void> {
  for (let remaining = target.getTime() - now().getTime(); remaining > 0 && !signal.aborted; remaining = target.getTime() - now().getTime()) {
    await sleep(Math.min(remaining, MAX_WAIT_MS), signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
