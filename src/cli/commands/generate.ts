import path from "node:path";
import { UsageError } from "../../domain/errors.ts";
import { createJobRateLimiter, createProvider } from "../../pipeline/wiring/create-provider.ts";
import { createVerifier } from "../../pipeline/wiring/create-verifier.ts";
import { preflightModels } from "../../pipeline/wiring/preflight-models.ts";
import { checkPrices } from "../../pipeline/wiring/pricing.ts";
import { generateArticles, type GenerateJobResult } from "../../pipeline/generate/generate-articles.ts";
import { openStore } from "../../store/open-store.ts";
import { EXIT, type Command } from "../command.ts";
import { checkOutputDir } from "../../render/check-output-dir.ts";
import { loadCliConfig, loadSpecArguments, outputDirName } from "../context.ts";
import { formatTable } from "../format-table.ts";
import { createProgressReporter } from "../progress-reporter.ts";
import type { ArticleSummary } from "../../pipeline/job-types.ts";

export const generateCommand: Command = {
  usage: "generate <spec...> [--provider extractive|anthropic] [--model M] [--verifier offline|llm|cascade] [--db runs.db] [--out output/] [--offline] [--concurrency N] [--batch] [--max-cost USD] [--json]",
  optionHelp: [
    "--provider NAME  extractive (offline default, no key) or anthropic (needs ANTHROPIC_API_KEY)",
    "--model M        model id for the anthropic provider",
    "--verifier NAME  offline (default), llm or cascade",
    "--out DIR        where rendered articles go (default: output/)",
    "--offline        never touch the network for sources; use stored snapshots and local files",
    "--concurrency N  sections drafted at once across the job",
    "--batch          submit the sections as Message Batches (anthropic; billed at batch.cost_multiplier); a rerun resumes polling",
    "--max-cost USD   start no new section once this run's calls cost this much; a rerun finishes what is left",
    "--json           print the job summary as one JSON document on stdout",
  ],
  options: {
    provider: { type: "string" },
    model: { type: "string" },
    verifier: { type: "string" },
    out: { type: "string" },
    offline: { type: "boolean" },
    concurrency: { type: "string" },
    batch: { type: "boolean" },
    "max-cost": { type: "string" },
    json: { type: "boolean" },
  },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const maxCostUsd = parseMaxCost(values["max-cost"]);
    const { config, file: configFile } = await loadCliConfig(values, io);
    for (const warning of checkPrices({ config, configFile, maxCostUsd }).warnings) io.stderr(`wikigen generate: ${warning}\n`);
    const specs = await loadSpecArguments(positionals, config.paths.articles, io);
    await checkOutputDir(config.paths.output, outputDirName(values));
    const limiter = createJobRateLimiter(config);
    const provider = createProvider(config, io.env, { gate: limiter });
    const db = openStore(config.paths.db);
    const progress = createProgressReporter({ io, totalArticles: specs.length, intervalMs: config.run.progress_interval_ms, rateLimited: () => limiter.stats().rateLimited });
    try {
      const verifier = await createVerifier(config, provider, io.env);
      for (const line of await preflightModels({ config, provider, verifier, isBatch: values.batch === true })) progress.log(line);
      let result: GenerateJobResult;
      try {
        result = await generateArticles({
          db,
          config,
          specs,
          provider,
          verifier,
          isOffline: values.offline === true,
          isBatch: values.batch === true,
          maxCostUsd,
          command: ["generate", ...positionals].join(" "),
          trigger: "manual",
          log: progress.log,
          onPrepared: progress.articlePrepared,
          onSection: progress.sectionFinished,
          onArticle: progress.articleFinished,
        });
      } finally {
        progress.stop();
      }
      // A finished article without a single claim is a failure too: nothing in it is worth reading.
      const empty = result.articles.filter(hasNoClaims);
      const hasFailures =
        result.failures.length > 0 ||
        empty.length > 0 ||
        result.articles.some((article) => article.failedSources > 0 || article.sections.some((section) => section.status === "failed"));
      const flagged = result.articles.reduce((total, article) => total + article.sections.reduce((sum, section) => sum + section.flags.length, 0), 0);
      const left = result.articles.filter((article) => article.sectionsLeft.length > 0).map((article) => ({ slug: article.slug, sections: article.sectionsLeft }));
      if (values.json) {
        const pacing = limiter.stats();
        // The per-minute rates the job ended at: the account's announced limits within any ceiling set in the config.
        const pace = { requests_per_minute: pacing.pace.requestsPerMinute, input_tokens_per_minute: pacing.pace.inputTokensPerMinute, output_tokens_per_minute: pacing.pace.outputTokensPerMinute };
        const job = { run_id: result.runId, cost_usd: result.costUsd, stopped_by: result.stoppedBy, left, interrupted_runs: result.interruptedRuns, rate_limited: pacing.rateLimited, pace };
        io.stdout(`${JSON.stringify({ ...job, articles: result.articles.map(articleJson), failures: result.failures, failed_sources: result.failedSources, outputs: result.outputs.map((file) => path.relative(io.cwd, file)) }, null, 2)}\n`);
      } else {
        io.stdout(`${renderSummary(result.articles)}\n`);
        // An article that failed as a whole lists its sources' reasons in its own line below.
        const failedSlugs = new Set(result.failures.map((failure) => failure.slug));
        for (const source of result.failedSources.filter((source) => !failedSlugs.has(source.slug))) {
          io.stdout(`${source.slug}: source ${source.number} failed: ${source.error}\n`);
        }
        for (const article of empty) io.stdout(`${article.slug}: no claims: not one section drafted a sentence from the sources\n`);
        for (const failure of result.failures) io.stdout(`${failure.slug}: failed: ${failure.error}\n`);
        if (result.stoppedBy === "max_cost") {
          const sections = left.reduce((sum, article) => sum + article.sections.length, 0);
          io.stdout(`stopped by --max-cost ${maxCostUsd ?? ""}: spent $${result.costUsd.toFixed(4)}; ${sections} section(s) of ${left.length} article(s) left: ${left.map((article) => `${article.slug} (${article.sections.length})`).join(", ")}; run the same command again to finish them\n`);
        }
        for (const file of result.outputs) io.stdout(`wrote ${path.relative(io.cwd, file)}\n`);
      }
      if (hasFailures) return EXIT.failedItems;
      return flagged > 0 ? EXIT.flagged : EXIT.ok;
    } finally {
      db.close();
    }
  },
};

function parseMaxCost(value: string | boolean | (string | boolean)[] | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === "string" ? Number(value) : Number.NaN;
  if (!Number.isFinite(number) || number < 0) throw new UsageError(`--max-cost: expected an amount in USD >= 0, got "${String(value)}"`);
  return number;
}

function countSections(article: ArticleSummary, status: string): number {
  return article.sections.filter((section) => section.status === status).length;
}

function flagsByReason(article: ArticleSummary): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const reason of article.sections.flatMap((section) => section.flags)) {
    const key = reason.split(":")[0] ?? reason;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * Finished (nothing left for a later run, no section failed: failures explain themselves) without
 * one claim in any section.
 */
function hasNoClaims(article: ArticleSummary): boolean {
  const claims = article.sections.reduce((sum, section) => sum + section.claims.source + section.claims.llm + section.claims.example, 0);
  return article.sectionsLeft.length === 0 && claims === 0 && article.sections.every((section) => section.status !== "failed");
}

function articleJson(article: ArticleSummary): unknown {
  const claims = { source: 0, llm: 0, example: 0 };
  for (const section of article.sections) {
    claims.source += section.claims.source;
    claims.llm += section.claims.llm;
    claims.example += section.claims.example;
  }
  return {
    slug: article.slug,
    version: article.version,
    status: article.status,
    resumed: article.isResumed,
    sections_left: article.sectionsLeft,
    sections: { done: countSections(article, "done"), failed: countSections(article, "failed"), not_drafted: countSections(article, "not_drafted") },
    failed_sources: article.failedSources,
    no_claims: hasNoClaims(article),
    claims,
    flags_by_reason: flagsByReason(article),
    tokens: { input: article.inputTokens, output: article.outputTokens, cache_read: article.cacheReadTokens, cache_write: article.cacheWriteTokens },
    cost_usd: article.costUsd,
    section_errors: article.sections.filter((section) => section.error && section.status === "failed").map((section) => ({ section: section.sectionId, error: section.error })),
  };
}

function renderSummary(articles: ArticleSummary[]): string {
  const rows = articles.map((article) => {
    const json = articleJson(article) as { claims: { source: number; llm: number; example: number } };
    const flags = Object.entries(flagsByReason(article)).map(([reason, count]) => `${reason} ${count}`).join(", ");
    return [
      `${article.slug} v${article.version}`,
      article.status,
      `${countSections(article, "done")}/${countSections(article, "failed")}/${countSections(article, "not_drafted")}`,
      `${json.claims.source}/${json.claims.llm}/${json.claims.example}`,
      flags || "none",
      `${article.inputTokens}/${article.outputTokens}`,
      `$${article.costUsd.toFixed(4)}`,
    ];
  });
  const table = formatTable(["article", "status", "sections done/failed/not drafted", "claims source/llm/example", "flags", "tokens in/out", "cost"], rows);
  const errors = articles.flatMap((article) =>
    article.sections.filter((section) => section.status === "failed").map((section) => `  ${article.slug} ${section.sectionId}: ${section.error ?? ""}`),
  );
  return [table, ...errors].join("\n");
}
