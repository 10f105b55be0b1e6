import path from "node:path";
import { checkPrices } from "../../pipeline/wiring/pricing.ts";
import type { Config } from "../../config/config-schema.ts";
import { UsageError } from "../../domain/errors.ts";
import { createProvider } from "../../pipeline/wiring/create-provider.ts";
import { createVerifier } from "../../pipeline/wiring/create-verifier.ts";
import { preflightModels } from "../../pipeline/wiring/preflight-models.ts";
import { describeHeldLease, tryHoldRegenLease } from "../../pipeline/process/hold-regen-lease.ts";
import { describeOutcome, regenerateArticles, type RegenResult } from "../../pipeline/regen/regenerate-articles.ts";
import type { ArticleSpec } from "../../spec/article-spec.ts";
import { openStore } from "../../store/open-store.ts";
import { EXIT, type CliIo, type Command, type ParsedValues } from "../command.ts";
import { checkOutputDir } from "../../render/check-output-dir.ts";
import { loadCliConfig, outputDirName } from "../context.ts";
import { computePlan, formatPlan, formatSectionActions, loadRegenSpecs } from "./plan.ts";

export const regenCommand: Command = {
  usage: "regen [articles...] [--dry-run] [--max-articles N] [--max-cost USD] [--offline] [--concurrency N] [--out DIR] [--json]",
  optionHelp: [
    "articles         specs (paths or slugs); default: every spec in the articles folder",
    "--dry-run        print the plan and stop: nothing is fetched, drafted or written",
    "--max-articles N regenerate at most N articles; the rest are listed as left",
    "--max-cost USD   start no further article once this much was spent in this run",
    "--offline        never touch the network for sources",
    "--concurrency N  sections drafted at once",
    "--out DIR        where rendered articles go (default: output/)",
    "--provider, --model, --verifier   as for generate",
    "--json           print the outcome as one JSON document on stdout",
    "Exit codes: 0 done (also when a cap stopped it); 1 another regen holds the lock, or a fatal error;",
    "2 an article, section or source failed; 3 newly drafted or re-verified claims were flagged.",
  ],
  options: {
    "dry-run": { type: "boolean" },
    "max-articles": { type: "string" },
    "max-cost": { type: "string" },
    offline: { type: "boolean" },
    concurrency: { type: "string" },
    out: { type: "string" },
    provider: { type: "string" },
    model: { type: "string" },
    verifier: { type: "string" },
    json: { type: "boolean" },
  },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const { config, file: configFile } = await loadCliConfig(values, io);
    const caps = parseCaps(values);
    const specs = await loadRegenSpecs(positionals, config, io);
    if (values["dry-run"]) {
      const plan = await computePlan({ config, specs, env: io.env, isOffline: values.offline === true, isEveryArticle: positionals.length === 0 });
      io.stdout(values.json ? `${JSON.stringify({ dry_run: true, plan }, null, 2)}\n` : `${formatPlan(plan)}\ndry run: nothing fetched, drafted or written\n`);
      return EXIT.ok;
    }
    await checkOutputDir(config.paths.output, outputDirName(values));
    for (const warning of checkPrices({ config, configFile, maxCostUsd: caps.maxCostUsd }).warnings) io.stderr(`wikigen regen: ${warning}\n`);
    return runRegen({ config, specs, io, trigger: "regen", command: ["regen", ...positionals].join(" "), caps, isOffline: values.offline === true, isEveryArticle: positionals.length === 0, isJson: values.json === true });
  },
};

export interface RegenCaps {
  maxArticles: number | undefined;
  maxCostUsd: number | undefined;
}

export function parseCaps(values: ParsedValues): RegenCaps {
  const read = (flag: string, isWhole: boolean): number | undefined => {
    const value = values[flag];
    if (typeof value !== "string") return undefined;
    const number = Number(value);
    if (value.trim() === "" || !Number.isFinite(number) || number < 0 || (isWhole && !Number.isInteger(number))) {
      throw new UsageError(`--${flag}: expected ${isWhole ? "a whole number" : "a number"} >= 0, got "${value}"`);
    }
    return number;
  };
  return { maxArticles: read("max-articles", true), maxCostUsd: read("max-cost", false) };
}

/** One regen run under the lock; shared by `regen` and each tick of `schedule`. Returns the exit code. */
export async function runRegen(args: {
  config: Config;
  specs: ArticleSpec[];
  io: CliIo;
  trigger: string;
  command: string;
  caps: RegenCaps;
  isOffline: boolean;
  /** No specs were named: plan every stored article, as `plan` does. */
  isEveryArticle: boolean;
  isJson: boolean;
}): Promise<number> {
  const { config, io } = args;
  const provider = createProvider(config, io.env);
  const db = openStore(config.paths.db);
  try {
    const attempt = tryHoldRegenLease(db);
    if (!attempt.isHeld) {
      io.stderr(`wikigen regen: ${describeHeldLease(attempt.heldBy)}\n`);
      return EXIT.fatal;
    }
    try {
      const verifier = await createVerifier(config, provider, io.env);
      for (const line of await preflightModels({ config, provider, verifier })) io.stderr(`${line}\n`);
      const result = await regenerateArticles({
        db,
        config,
        specs: args.specs,
        provider,
        verifier,
        command: args.command,
        trigger: args.trigger,
        isOffline: args.isOffline,
        isEveryArticle: args.isEveryArticle,
        maxArticles: args.caps.maxArticles,
        maxCostUsd: args.caps.maxCostUsd,
        log: (line) => io.stderr(`${line}\n`),
        onSection: (slug, section) => {
          if (section.origin === "carried") return;
          const claims = section.claims.source + section.claims.llm + section.claims.example;
          io.stderr(`${slug}: ${section.sectionId} ${section.origin} ${section.status} (${claims} claims, ${section.flags.length} flagged)\n`);
        },
      });
      if (attempt.lease.isLost()) io.stderr("wikigen regen: warning: the lock expired during the run and was taken by another process\n");
      if (args.isJson) {
        const outcome = describeOutcome(result) as Record<string, unknown>;
        io.stdout(`${JSON.stringify({ run_id: result.runId, trigger: args.trigger, ...outcome, interrupted_runs: result.interruptedRuns, warnings: warningsOf(result), outputs: result.outputs.map((file) => path.relative(io.cwd, file)) }, null, 2)}\n`);
      } else {
        io.stdout(`${formatRegenResult(result, args.caps, io.cwd)}\n`);
      }
      return exitCodeOf(result);
    } finally {
      attempt.lease.release();
    }
  } finally {
    db.close();
  }
}

function warningsOf(result: RegenResult): string[] {
  return [...result.plan.warnings, ...result.articles.flatMap((article) => article.plan.warnings.map((warning) => `${article.slug}: ${warning}`))];
}

function exitCodeOf(result: RegenResult): number {
  const hasFailures = result.articles.some(
    (article) => article.result === "failed" || (article.summary !== null && (article.summary.failedSources > 0 || article.summary.sections.some((section) => section.status === "failed"))),
  );
  if (hasFailures) return EXIT.failedItems;
  // Flags carried over unchanged were reported when they were new; only fresh ones change the code.
  const hasNewFlags = result.articles.some((article) => article.summary?.sections.some((section) => section.origin !== "carried" && section.flags.length > 0));
  return hasNewFlags ? EXIT.flagged : EXIT.ok;
}

export function formatRegenResult(result: RegenResult, caps: RegenCaps, cwd: string): string {
  const lines: string[] = [];
  for (const article of result.articles) {
    const summary = article.summary;
    if (article.result === "up_to_date") lines.push(`${article.slug}: up to date (v${article.version ?? "?"})`);
    else if (article.result === "unchanged_after_refetch") lines.push(`${article.slug}: sources re-read, nothing changed (v${article.version ?? "?"})`);
    else if (article.result === "failed") lines.push(`${article.slug}: failed: ${article.error ?? "unknown error"}`);
    else if (summary) {
      const count = (origin: string) => summary.sections.filter((section) => section.origin === origin).length;
      const verb = article.result === "generated" ? "new article, " : "";
      lines.push(`${article.slug} v${summary.version}: ${verb}drafted ${count("drafted")}, carried ${count("carried")}, re-verified ${count("reverified")} (${summary.status}, $${summary.costUsd.toFixed(4)})`);
      if (article.result === "regenerated") lines.push(...formatSectionActions(article.plan.sections));
    }
    lines.push(...article.plan.warnings.map((warning) => `  warning: ${warning}`));
  }
  lines.push(...result.plan.warnings.map((warning) => `warning: ${warning}`));
  if (result.stoppedBy) {
    const cap = result.stoppedBy === "max_articles" ? `--max-articles ${caps.maxArticles ?? ""}` : `--max-cost ${caps.maxCostUsd ?? ""}`;
    lines.push(`stopped: ${cap} reached; left for the next run: ${result.left.map((left) => `${left.slug} (${left.status.replace(/_/g, " ")})`).join(", ")}`);
  }
  const worked = result.articles.filter((article) => article.summary !== null).length;
  lines.push(worked === 0 && !result.stoppedBy ? `nothing to regenerate (run ${result.runId})` : `run ${result.runId}: ${worked} article(s) written, $${result.costUsd.toFixed(4)}`);
  for (const file of result.outputs) lines.push(`wrote ${path.relative(cwd, file)}`);
  return lines.join("\n");
}
