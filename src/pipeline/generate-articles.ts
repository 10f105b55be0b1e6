import PQueue from "p-queue";
import type { Config } from "../config/config-schema.ts";
import { PIPELINE_VERSION } from "../domain/pipeline-version.ts";
import { loadTemplateSet, type TemplateSet } from "../drafting/load-prompts.ts";
import type { ModelProvider } from "../providers/types.ts";
import type { ArticleSpec } from "../spec/article-spec.ts";
import type { Store } from "../store/open-store.ts";
import { createRun, finishRun } from "../store/runs.ts";
import type { Verifier } from "../verification/types.ts";
import { generateArticle, type ArticleSummary, type SectionSummary } from "./generate-article.ts";
import { snapshotSpecSources } from "./snapshot-spec-sources.ts";
import { writeArticleOutputs } from "./write-article-outputs.ts";

export interface GenerateJobResult {
  runId: number;
  articles: ArticleSummary[];
  /** Articles that could not be generated at all (e.g. their template is missing). */
  failures: { slug: string; error: string }[];
  outputs: string[];
}

/**
 * One generation job: snapshot every source, then draft, verify, store and render each article.
 * Articles run in parallel; one article's failure never stops another.
 */
export async function generateArticles(args: {
  db: Store;
  config: Config;
  specs: ArticleSpec[];
  provider: ModelProvider;
  verifier: Verifier;
  isOffline: boolean;
  command: string;
  trigger: string;
  onSection?: (slug: string, summary: SectionSummary) => void;
  log?: (line: string) => void;
  signal?: AbortSignal;
}): Promise<GenerateJobResult> {
  const { db, config, provider, verifier } = args;
  // Prompts are input too: a missing or malformed one stops the job before anything is written.
  const templates = new Map<string, TemplateSet>();
  for (const spec of args.specs) {
    if (!templates.has(spec.template)) templates.set(spec.template, await loadTemplateSet(config.paths.prompts, spec.template));
  }
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
      options: JSON.stringify({ offline: args.isOffline, concurrency: config.run.concurrency }),
    },
    new Date(),
  );
  try {
    const sourceResults = await snapshotSpecSources({ specs: args.specs, db, config, isRefresh: false, isOffline: args.isOffline });
    const isRateLimited = provider.id !== "extractive";
    const queue = new PQueue({
      concurrency: config.run.concurrency,
      ...(isRateLimited ? { intervalCap: config.run.requests_per_minute, interval: 60_000 } : {}),
    });
    const failures: { slug: string; error: string }[] = [];
    const outputs: string[] = [];
    const articles: ArticleSummary[] = [];
    await Promise.all(
      sourceResults.map(async ({ spec, sources }) => {
        try {
          const templateSet = templates.get(spec.template) as TemplateSet;
          args.log?.(`${spec.slug}: drafting ${templateSet.sections.length} sections with ${provider.id} (${provider.model})`);
          const summary = await generateArticle({
            db,
            config,
            runId,
            spec,
            sources,
            templates: templateSet,
            provider,
            verifier,
            queue,
            signal: args.signal,
            ...(args.onSection ? { onSection: args.onSection } : {}),
          });
          articles.push(summary);
          outputs.push(...(await writeArticleOutputs({ db, outputDir: config.paths.output, slug: spec.slug, version: summary.version })));
        } catch (error) {
          failures.push({ slug: spec.slug, error: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
    articles.sort((a, b) => a.slug.localeCompare(b.slug));
    finishRun(db, { runId, status: failures.length > 0 && articles.length === 0 ? "failed" : "done", now: new Date() });
    return { runId, articles, failures, outputs };
  } catch (error) {
    finishRun(db, { runId, status: "failed", error: error instanceof Error ? error.message : String(error), now: new Date() });
    throw error;
  }
}
