import { createRequire } from "node:module";
import { describe, expect, it, onTestFinished } from "vitest";
import { runSchedule } from "../src/pipeline/process/run-schedule.ts";
import { startIntegrationHarness } from "./helpers/integration-harness.ts";

// The foreground scheduler: the loop on its own (times from a list, a run that overruns the next
// time), and `wikigen schedule` as a real process once croner is installed.

function hasCroner(): boolean {
  try {
    createRequire(import.meta.url).resolve("croner");
    return true;
  } catch {
    return false;
  }
}

describe("runSchedule", () => {
  it("runs at each scheduled time, skips the times that passed during a long run, and stops when aborted", async () => {
    const start = Date.now();
    const times = [150, 300, 450, 600, 750, 900].map((offset) => new Date(start + offset));
    const started: { scheduled: number; at: number }[] = [];
    const controller = new AbortController();
    const runs = await runSchedule({
      nextRun: (after) => times.find((time) => time.getTime() > after.getTime()) ?? null,
      signal: controller.signal,
      runOnce: async (scheduledFor) => {
        started.push({ scheduled: scheduledFor.getTime() - start, at: Date.now() - start });
        // The second run lasts past two scheduled times (450 and 600): they are skipped.
        if (started.length === 2) await new Promise((resolve) => setTimeout(resolve, 400));
        if (started.length === 3) controller.abort();
      },
    });
    expect(runs).toBe(3);
    expect(started.map((run) => run.scheduled)).toEqual([150, 300, 750]);
    for (const run of started) expect(run.at).toBeGreaterThanOrEqual(run.scheduled);
  });

  it("stops when the schedule has no further time", async () => {
    const lines: string[] = [];
    const runs = await runSchedule({ nextRun: () => null, signal: new AbortController().signal, runOnce: async () => undefined, log: (line) => lines.push(line) });
    expect(runs).toBe(0);
    expect(lines).toEqual(["the schedule names no further time: stopping"]);
  });
});

describe.skipIf(!hasCroner())("wikigen schedule (needs the croner package)", () => {
  it("runs regen on the cron schedule with trigger \"schedule\", recording each run, and stops on SIGTERM", async () => {
    const harness = await startIntegrationHarness({ prefix: "wikigen-schedule-", project: { kind: "article", runLimits: "default" } });
    onTestFinished(() => harness.close());
    const child = harness.spawnWikigen(["schedule", "--cron", "* * * * * *", "--offline"]);
    let stderr = "";
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no two runs in time:\n${stderr}`)), 45_000);
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if ((stderr.match(/finished with exit code/g) ?? []).length >= 2) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const db = harness.openDb();
    const runs = db.prepare("SELECT r.trigger, rr.outcome FROM runs r JOIN regen_runs rr ON rr.run_id = r.id ORDER BY r.id").all() as { trigger: string; outcome: string }[];
    db.close();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.every((run) => run.trigger === "schedule")).toBe(true);
    const results = runs.map((run) => (JSON.parse(run.outcome) as { articles: { result: string }[] }).articles[0]?.result);
    // The first run generates the never-generated article; the next finds it up to date.
    expect(results.slice(0, 2)).toEqual(["generated", "up_to_date"]);
  }, 60_000);
});
