import { UsageError } from "../../domain/errors.ts";
import { checkPrices } from "../../pipeline/wiring/pricing.ts";
import { runSchedule } from "../../pipeline/process/run-schedule.ts";
import { EXIT, type Command } from "../command.ts";
import { checkOutputDir } from "../../render/check-output-dir.ts";
import { loadCliConfig, outputDirName } from "../context.ts";
import { loadRegenSpecs } from "./plan.ts";
import { parseCaps, runRegen } from "./regen.ts";

export const scheduleCommand: Command = {
  usage: 'schedule --cron "0 3 * * *" [articles...] [--timezone TZ] [--max-articles N] [--max-cost USD] [--offline] [--json]',
  optionHelp: [
    '--cron EXPR      when to run: five fields (minute hour day month weekday), or six with seconds first',
    "--timezone TZ    read the expression in this IANA time zone (default: the machine's)",
    "--max-articles N, --max-cost USD, --offline, --json   passed to each regen run",
    "Each run records trigger \"schedule\"; a run that finds another regen holding the lock is skipped.",
    "Stops on SIGINT or SIGTERM after the run in progress, if any, has finished.",
  ],
  options: {
    cron: { type: "string" },
    timezone: { type: "string" },
    "max-articles": { type: "string" },
    "max-cost": { type: "string" },
    offline: { type: "boolean" },
    json: { type: "boolean" },
  },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    if (typeof values.cron !== "string") throw new UsageError('--cron is required, e.g. --cron "0 3 * * *"');
    const nextRun = await compileCron(values.cron, typeof values.timezone === "string" ? values.timezone : undefined);
    const { config, file: configFile } = await loadCliConfig(values, io);
    const caps = parseCaps(values);
    // A missing price stops the scheduler now under --max-cost, not at its first run.
    for (const warning of checkPrices({ config, configFile, maxCostUsd: caps.maxCostUsd }).warnings) io.stderr(`wikigen schedule: ${warning}\n`);
    // Specs are read now to fail fast on a bad one, and again before every run to pick up edits.
    await loadRegenSpecs(positionals, config, io);
    // An output folder that cannot be written stops the scheduler now, not at the first run's end.
    await checkOutputDir(config.paths.output, outputDirName(values));
    const controller = new AbortController();
    const stop = () => {
      io.stderr("wikigen schedule: stopping after the run in progress, if any\n");
      controller.abort();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
      io.stderr(`wikigen schedule: regen on "${values.cron}"${values.timezone ? ` (${String(values.timezone)})` : ""}\n`);
      await runSchedule({
        nextRun,
        signal: controller.signal,
        log: (line) => io.stderr(`wikigen schedule: ${line}\n`),
        runOnce: async (scheduledFor) => {
          try {
            const specs = await loadRegenSpecs(positionals, config, io);
            const command = ["schedule", ...positionals].join(" ");
            const code = await runRegen({ config, specs, io, trigger: "schedule", command, caps, isOffline: values.offline === true, isEveryArticle: positionals.length === 0, isJson: values.json === true });
            io.stderr(`wikigen schedule: run for ${scheduledFor.toISOString()} finished with exit code ${code}\n`);
          } catch (error) {
            // One failed run (a bad spec edited in meanwhile, a full disk) must not end the schedule.
            io.stderr(`wikigen schedule: run for ${scheduledFor.toISOString()} failed: ${error instanceof Error ? error.message : String(error)}\n`);
          }
        },
      });
      return EXIT.ok;
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    }
  },
};

/** Parses the expression with croner (a maintained cron library); a bad expression is a usage error. */
async function compileCron(expression: string, timezone: string | undefined): Promise<(after: Date) => Date | null> {
  let croner: typeof import("croner");
  try {
    croner = await import("croner");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND") {
      throw new Error("the schedule command needs the croner package, which is not installed: run npm ci");
    }
    throw error;
  }
  const build = () => new croner.Cron(expression, timezone ? { timezone } : {});
  let job: ReturnType<typeof build>;
  try {
    job = build();
    // A bad time zone only shows when a time is computed: find out now, not at the first tick.
    job.nextRun();
  } catch (error) {
    const flag = timezone ? `--cron "${expression}" --timezone ${timezone}` : `--cron "${expression}"`;
    throw new UsageError(`${flag}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (after) => job.nextRun(after);
}
