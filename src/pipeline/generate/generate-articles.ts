import { hostname } from "node:os";
import PQueue from "p-queue";
import type { Config } from "../../config/config-schema.ts";
import { PIPELINE_VERSION } from "../../domain/pipeline-version.ts";
import type { TemplateSet } from "../../drafting/load-prompts.ts";
import type { ModelProvider } from "../../providers/types.ts";
import { createCostBudget } from "../../pacing/cost-budget.ts";
import type { ArticleSpec } from "../../spec/article-spec.ts";
import { interruptRunVersions } from "../../store/articles.ts";
import type { Store } from "../../store/open-store.ts";
import { createRun, finishRun, interruptDeadRuns } from "../../store/runs.ts";
import { summarizeStoredSections } from "../../store/section-outcomes.ts";
import type { Verifier } from "../../verification/types.ts";
import { finishArticle } from "../record/finish-article.ts";
import { generateArticle } from "./generate-article.ts";
import { generateInBatches } from "../batch/generate-in-batches.ts";
import { isRunProcessGone } from "../process/is-process-alive.ts";
import { prepareArticle, type PreparedArticle } from "./prepare-article.ts";
import { assertSomeSourceSnapshotted, listFailedSources, snapshotSpecSources, type FailedSource, type SourceResult } from "./snapshot-spec-sources.ts";
import { loadTemplates } from "../wiring/load-templates.ts";
import { withApprovedReaderSources } from "../regen/reader-sources.ts";
import { pricingFrom } from "../wiring/pricing.ts";
import { writeArticleOutputs } from "../../render/write-stored-article.ts";
import type { ArticleSummary, SectionSummary } from "../job-types.ts";

export interface GenerateJobResult {
  runId: number;
  articles: ArticleSummary[];
  /** Articles that could not be generated at all (e.g. every source failed). */
  failures: { slug: string; error: string }[];
  /** Sources without a snapshot, with why, whether or not their article was generated. */
  failedSources: FailedSource[];
  outputs: string[];
  /** Runs found dead at the start (their process is gone) and marked interrupted. */
  interruptedRuns: number[];
  /** What this run's calls cost. */
  costUsd: number;
  stoppedBy: "max_cost" | null;
}

export interface GenerateJobInput {
  db: Store;
  config: Config;
  specs: ArticleSpec[];
  provider: ModelProvider;
  verifier: Verifier;
  isOffline: boolean;
  command: string;
  trigger: string;
  /** Submit the sections as Message Batches instead of live calls. */
  isBatch?: boolean | undefined;
  /** No section starts once this run's calls have cost this much (USD). */
  maxCostUsd?: number | undefined;
  onSection?: (slug: string, summary: SectionSummary) => void;
  onPrepared?: (slug: string, counts: { total: number; stored: number }) => void;
  onArticle?: (summary: ArticleSummary) => void;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/**
 * One generation job: snapshot every source, then draft, verify, store and render each article.
 * Articles run in parallel; one article's failure never stops another. A version left interrupted
 * by an earlier run with the same fingerprints is resumed: only its missing sections are drafted.
 */
export async function generateArticles(input: GenerateJobInput): Promise<GenerateJobResult> {
  // A new version keeps the sources approved reader revisions added, as regen does (reader-sources.ts).
  const merged = withApprovedReaderSources(input.db, input.specs);
  for (const { spec, notes } of merged) for (const note of notes) input.log?.(`${spec.slug}: ${note}`);
  const args = { ...input, specs: merged.map((entry) => entry.spec) };
  const { db, config, provider, verifier } = args;
  // Prompts are input too: a missing or malformed one stops the job before anything is written.
  const templates = await loadTemplates(config, args.specs);
  if (args.isBatch && !provider.batches) throw new Error(`--batch needs a provider with a batch API (anthropic), not ${provider.id}`);
  const interruptedRuns = interruptDeadRuns(db, { isGone: isRunProcessGone, now: new Date() });
  if (interruptedRuns.length > 0) args.log?.(`runs ${interruptedRuns.join(", ")} ended without finishing (process gone): marked interrupted`);
  const runId = createRun(
    db,
    {
      command: args.command,
      trigger: args.trigger,
      pipeline_version: PIPELINE_VERSION,
      provider: provider.id,
      model_requested: provider.model,
      verifier_id: verifier.id,
      verifier_version: verifier.version,
      options: JSON.stringify({ offline: args.isOffline, concurrency: config.run.concurrency, batch: args.isBatch === true, max_cost_usd: args.maxCostUsd ?? null, host: hostname() }),
    },
    new Date(),
  );
  const budget = createCostBudget(args.maxCostUsd);
  try {
    const snapshotted = await snapshotSpecSources({ specs: args.specs, db, config, isRefresh: false, isOffline: args.isOffline });
    const failedSources = listFailedSources(snapshotted);
    for (const source of failedSources) args.log?.(`${source.slug}: source ${source.number} failed: ${source.error}`);
    // Sections in progress at once; the provider's rate limiter paces the calls themselves.
    const queue = new PQueue({ concurrency: config.run.concurrency });
    const failures: { slug: string; error: string }[] = [];
    const articles: ArticleSummary[] = [];
    const context = { db, config, pricing: pricingFrom(config), runId, provider, verifier, signal: args.signal };
    // Said once the version is known: a resumed one drafts only the sections not stored yet.
    const announce = (slug: string, counts: { total: number; stored: number }) => {
      const resumed = counts.stored > 0 ? ` (${counts.stored} stored by an earlier run)` : "";
      args.log?.(`${slug}: drafting ${counts.total - counts.stored} of ${counts.total} sections with ${provider.id} (${provider.model})${resumed}`);
      args.onPrepared?.(slug, counts);
    };
    const fail = (slug: string, error: unknown) => failures.push({ slug, error: error instanceof Error ? error.message : String(error) });
    // An article none of whose sources could be read fails here, before anything about it is drafted or stored.
    const sourceResults = snapshotted.filter(({ spec, sources }) => {
      try {
        assertSomeSourceSnapshotted(spec.slug, sources);
        return true;
      } catch (error) {
        fail(spec.slug, error);
        return false;
      }
    });
    if (args.isBatch && provider.batches) {
      const prepared: PreparedArticle[] = [];
      for (const { spec, sources } of sourceResults) {
        try {
          prepared.push(await prepareFor({ args, runId, spec, sources, templates }));
        } catch (error) {
          fail(spec.slug, error);
        }
      }
      await generateInBatches({ context, batches: provider.batches, budget, queue, articles: prepared, onSection: args.onSection, log: args.log });
      for (const article of prepared) articles.push(finishFromStore(db, article));
    } else {
      await Promise.all(
        sourceResults.map(async ({ spec, sources }) => {
          try {
            const templateSet = templates.get(spec.template) as TemplateSet;
            const summary = await generateArticle({ ...context, spec, sources, templates: templateSet, queue, budget, isResumeAllowed: true, onSection: args.onSection, onPrepared: announce });
            articles.push(summary);
          } catch (error) {
            fail(spec.slug, error);
          }
        }),
      );
    }
    const outputs: string[] = [];
    for (const article of articles) {
      args.onArticle?.(article);
      // An article the cost cap left unfinished is rendered once a later run completes it.
      if (article.status !== "interrupted") outputs.push(...(await writeArticleOutputs({ db, outputDir: config.paths.output, slug: article.slug, version: article.version })));
    }
    articles.sort((a, b) => a.slug.localeCompare(b.slug));
    const stoppedBy = budget.isExhausted() && articles.some((article) => article.sectionsLeft.length > 0) ? "max_cost" : null;
    finishRun(db, { runId, status: failures.length > 0 && articles.length === 0 ? "failed" : "done", stoppedBy: stoppedBy ?? undefined, now: new Date() });
    return { runId, articles, failures, failedSources, outputs, interruptedRuns, costUsd: budget.spentUsd(), stoppedBy };
  } catch (error) {
    // Versions this run was writing stay resumable by the next run.
    interruptRunVersions(db, runId);
    finishRun(db, { runId, status: "failed", error: error instanceof Error ? error.message : String(error), now: new Date() });
    throw error;
  }
}

async function prepareFor(input: { args: GenerateJobInput; runId: number; spec: ArticleSpec; sources: SourceResult[]; templates: Map<string, TemplateSet> }): Promise<PreparedArticle> {
  const { args, spec } = input;
  const templateSet = input.templates.get(spec.template) as TemplateSet;
  const prepared = await prepareArticle({ ...args, runId: input.runId, spec, sources: input.sources, templates: templateSet, isResumeAllowed: true });
  args.onPrepared?.(spec.slug, { total: templateSet.sections.length, stored: prepared.storedSectionIds.size });
  return prepared;
}

/** The article as stored once its batches are collected; sections still missing were left by the cost cap. */
function finishFromStore(db: Store, prepared: PreparedArticle): ArticleSummary {
  const stored = summarizeStoredSections(db, prepared.articleVersionId);
  const storedIds = new Set(stored.map((section) => section.sectionId));
  const left = prepared.templates.sections.filter((section) => !storedIds.has(section.id)).map((section) => section.id);
  return finishArticle({ db, prepared, sections: stored, left });
}
