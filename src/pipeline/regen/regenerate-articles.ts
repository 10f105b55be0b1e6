import PQueue from "p-queue";
import type { Config } from "../../config/config-schema.ts";
import { PIPELINE_VERSION } from "../../domain/pipeline-version.ts";
import type { TemplateSet } from "../../drafting/load-prompts.ts";
import type { ModelProvider } from "../../providers/types.ts";
import type { ArticlePlan, ArticleStatus, CurrentEnvironment, RegenPlan, StoredArticleFingerprint } from "../../regen/fingerprints.ts";
import { planArticle } from "../../regen/plan-regeneration.ts";
import type { ArticleSpec } from "../../spec/article-spec.ts";
import type { Store } from "../../store/open-store.ts";
import { finishRegenRun, insertRegenRun } from "../../store/regen-runs.ts";
import { createRun, finishRun, interruptDeadRuns } from "../../store/runs.ts";
import type { Verifier } from "../../verification/types.ts";
import { generateArticle } from "../generate/generate-article.ts";
import { isRunProcessGone } from "../process/is-process-alive.ts";
import { composeRegenPlan } from "./compose-regen-plan.ts";
import { currentArticleFromSnapshots } from "./gather-current-fingerprints.ts";
import { snapshotSpecSources } from "../generate/snapshot-spec-sources.ts";
import { pricingFrom } from "../wiring/pricing.ts";
import { writeArticleOutputs } from "../../render/write-stored-article.ts";
import type { ArticleSummary, SectionInstruction, SectionSummary } from "../job-types.ts";

// `wikigen regen`: plan, then per stale article re-snapshot its sources (re-fetching those past the
// max age), re-plan with the hashes just read, and store a new version that redrafts only the stale
// sections and carries the rest. Articles run one after another so the caps stop between articles.
// The caller holds the regen lease.

export interface ArticleOutcome {
  slug: string;
  planned: ArticleStatus;
  result: "regenerated" | "generated" | "up_to_date" | "unchanged_after_refetch" | "failed";
  version: number | null;
  /** The plan carried out: the initial one, re-made after the article's sources were snapshotted. */
  plan: ArticlePlan;
  summary: ArticleSummary | null;
  error: string | null;
}

export interface RegenResult {
  runId: number;
  plan: RegenPlan;
  articles: ArticleOutcome[];
  /** Stale or new articles not started because a cap was reached. */
  left: { slug: string; status: ArticleStatus }[];
  stoppedBy: "max_articles" | "max_cost" | null;
  costUsd: number;
  outputs: string[];
  /** Runs found dead at the start (their process is gone) and marked interrupted. */
  interruptedRuns: number[];
}

export interface RegenerateArticlesInput {
  db: Store;
  config: Config;
  specs: ArticleSpec[];
  provider: ModelProvider;
  verifier: Verifier;
  command: string;
  /** "regen" (by hand or from cron) or "schedule" (the foreground scheduler). */
  trigger: string;
  isOffline: boolean;
  /** No specs were named: every stored article is planned, so one whose spec was deleted is reported. */
  isEveryArticle: boolean;
  maxArticles?: number | undefined;
  maxCostUsd?: number | undefined;
  log?: (line: string) => void;
  onSection?: (slug: string, summary: SectionSummary) => void;
  signal?: AbortSignal;
  now?: () => Date;
}

export async function regenerateArticles(input: RegenerateArticlesInput): Promise<RegenResult> {
  const { db, config, provider, verifier } = input;
  const now = input.now ?? (() => new Date());
  // A run killed or crashed mid-version left it 'running'; marked interrupted now, its half-written
  // version is plainly no baseline, and history and runs say what happened to it.
  const interruptedRuns = interruptDeadRuns(db, { isGone: isRunProcessGone, now: now() });
  if (interruptedRuns.length > 0) input.log?.(`runs ${interruptedRuns.join(", ")} ended without finishing (process gone): marked interrupted`);
  // The specs as planned: with the sources approved reader revisions added (reader-sources.ts).
  const { plan, specs: plannedSpecs, templates, stored, environment } = await composeRegenPlan({
    db,
    config,
    specs: input.specs,
    runners: { provider, verifier },
    isOffline: input.isOffline,
    isEveryArticle: input.isEveryArticle,
    now: now(),
  });

  const runId = createRun(
    db,
    {
      command: input.command,
      trigger: input.trigger,
      pipeline_version: PIPELINE_VERSION,
      provider: provider.id,
      model_requested: provider.model,
      verifier_id: verifier.id,
      verifier_version: verifier.version,
      options: JSON.stringify({ offline: input.isOffline, max_articles: input.maxArticles ?? null, max_cost_usd: input.maxCostUsd ?? null }),
    },
    now(),
  );
  insertRegenRun(db, { runId, trigger: input.trigger, plan, now: now() });
  // Sections in progress at once; the provider's rate limiter (run.*) paces the calls themselves.
  const queue = new PQueue({ concurrency: config.run.concurrency });
  const specs = new Map(plannedSpecs.map((spec) => [spec.slug, spec]));
  const storedBySlug = new Map(stored.map((article) => [article.slug, article]));
  const result: RegenResult = { runId, plan, articles: [], left: [], stoppedBy: null, costUsd: 0, outputs: [], interruptedRuns };
  let written = 0;
  try {
    for (const [index, article] of plan.articles.entries()) {
      if (article.status === "up_to_date") {
        result.articles.push({ slug: article.slug, planned: article.status, result: "up_to_date", version: article.storedVersion, plan: article, summary: null, error: null });
        continue;
      }
      const cap = input.maxArticles !== undefined && written >= input.maxArticles ? "max_articles" : input.maxCostUsd !== undefined && result.costUsd >= input.maxCostUsd ? "max_cost" : null;
      if (cap) {
        result.stoppedBy = cap;
        result.left = plan.articles.slice(index).filter((rest) => rest.status !== "up_to_date").map((rest) => ({ slug: rest.slug, status: rest.status }));
        break;
      }
      const spec = specs.get(article.slug) as ArticleSpec;
      try {
        const outcome = await applyArticlePlan({ input, spec, templates: templateOf(templates, spec), stored: storedBySlug.get(article.slug), runId, queue, environment, now });
        result.articles.push({ ...outcome, planned: article.status });
        if (outcome.summary) {
          written += 1;
          result.costUsd += outcome.summary.costUsd;
          result.outputs.push(...(await writeArticleOutputs({ db, outputDir: config.paths.output, slug: spec.slug, version: outcome.summary.version })));
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        input.log?.(`${article.slug}: failed: ${message}`);
        result.articles.push({ slug: article.slug, planned: article.status, result: "failed", version: null, plan: article, summary: null, error: message });
      }
    }
    finishRun(db, { runId, status: "done", now: now() });
    finishRegenRun(db, { runId, outcome: describeOutcome(result), now: now() });
    return result;
  } catch (error) {
    finishRun(db, { runId, status: "failed", error: error instanceof Error ? error.message : String(error), now: now() });
    finishRegenRun(db, { runId, outcome: describeOutcome(result), now: now() });
    throw error;
  }
}

async function applyArticlePlan(args: {
  input: RegenerateArticlesInput;
  spec: ArticleSpec;
  templates: TemplateSet;
  stored: StoredArticleFingerprint | undefined;
  runId: number;
  queue: PQueue;
  environment: CurrentEnvironment;
  now: () => Date;
}): Promise<Omit<ArticleOutcome, "planned">> {
  const { input, spec, templates } = args;
  const [snapshots] = await snapshotSpecSources({ specs: [spec], db: input.db, config: input.config, isRefresh: false, isOffline: input.isOffline, now: args.now });
  const sources = snapshots?.sources ?? [];
  // Re-plan with what was just read: a re-fetched page whose text did not change makes nothing stale.
  const plan = planArticle(args.stored, currentArticleFromSnapshots(spec, templates, sources), { ...args.environment, now: args.now() });
  if (plan.status === "up_to_date" || plan.status === "refetch") {
    input.log?.(`${spec.slug}: sources re-read, nothing changed`);
    return { slug: spec.slug, result: "unchanged_after_refetch", version: args.stored?.version ?? null, plan, summary: null, error: null };
  }
  const instructions = new Map<string, SectionInstruction>();
  for (const section of plan.sections) {
    if (section.storedRowId === null) continue;
    if (section.action === "keep") instructions.set(section.sectionId, { kind: "carry", fromRowId: section.storedRowId });
    if (section.action === "reverify") instructions.set(section.sectionId, { kind: "reverify", fromRowId: section.storedRowId });
  }
  const redrafts = plan.sections.filter((section) => section.action === "redraft").length;
  input.log?.(`${spec.slug}: ${redrafts} section(s) to draft, ${instructions.size} to carry over`);
  const summary = await generateArticle({
    db: input.db,
    config: input.config,
    runId: args.runId,
    spec,
    sources,
    templates,
    provider: input.provider,
    verifier: input.verifier,
    pricing: pricingFrom(input.config),
    queue: args.queue,
    signal: input.signal,
    sectionInstructions: instructions,
    ...(input.onSection ? { onSection: input.onSection } : {}),
  });
  return { slug: spec.slug, result: args.stored ? "regenerated" : "generated", version: summary.version, plan, summary, error: null };
}

/** What a regen run did, as stored in regen_runs.outcome. */
export function describeOutcome(result: Omit<RegenResult, "runId" | "plan">): unknown {
  return {
    articles: result.articles.map((article) => ({
      slug: article.slug,
      planned: article.planned,
      result: article.result,
      version: article.version,
      redrafted: article.plan.sections.filter((section) => section.action === "redraft").map((section) => ({ section: section.sectionId, reasons: section.reasons })),
      reverified: article.plan.sections.filter((section) => section.action === "reverify").map((section) => section.sectionId),
      cost_usd: article.summary?.costUsd ?? 0,
      error: article.error,
    })),
    left: result.left,
    stopped_by: result.stoppedBy,
    cost_usd: result.costUsd,
  };
}

function templateOf(templates: Map<string, TemplateSet>, spec: ArticleSpec): TemplateSet {
  return templates.get(spec.template) as TemplateSet;
}
