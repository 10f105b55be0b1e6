import type PQueue from "p-queue";
import type { Config } from "../config/config-schema.ts";
import { PIPELINE_VERSION } from "../domain/pipeline-version.ts";
import { draftSection, type DraftOutcome } from "../drafting/draft-section.ts";
import type { SectionPrompt, TemplateSet } from "../drafting/load-prompts.ts";
import type { ModelProvider } from "../providers/types.ts";
import { rankPassages } from "../retrieval/rank-passages.ts";
import { retrievePassages } from "../retrieval/retrieve-passages.ts";
import { selectPassages } from "../retrieval/select-passages.ts";
import type { ArticleSpec } from "../spec/article-spec.ts";
import { createArticleVersion, finishArticleVersion } from "../store/articles.ts";
import type { Store } from "../store/open-store.ts";
import { insertSectionResult, type ClaimInput } from "../store/sections.ts";
import type { Verifier } from "../verification/types.ts";
import { verifyClaim } from "../verification/verify-claim.ts";
import { carryStoredSection } from "./carry-stored-section.ts";
import { claimRows, modelCallRows, sumCalls, verdictRow } from "./build-section-rows.ts";
import { loadSourceTexts, type SourceText } from "./load-source-texts.ts";
import type { SourceResult } from "./snapshot-spec-sources.ts";

export interface SectionSummary {
  sectionId: string;
  status: DraftOutcome["status"];
  error: string | undefined;
  claims: { source: number; llm: number; example: number };
  flags: string[];
  /** drafted now, carried over unchanged from a stored version, or carried with new verdicts. */
  origin: "drafted" | "carried" | "reverified";
}

/**
 * What to do with one section of the new version (regeneration): draft it (the default), carry a
 * stored section over byte for byte, or carry it and re-verify its claims with today's verifier.
 */
export type SectionInstruction = { kind: "draft" } | { kind: "carry"; fromRowId: number } | { kind: "reverify"; fromRowId: number };

export interface ArticleSummary {
  slug: string;
  version: number;
  articleVersionId: number;
  status: "done" | "partial" | "failed";
  sections: SectionSummary[];
  failedSources: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
}

export interface GenerateArticleInput {
  db: Store;
  config: Config;
  runId: number;
  spec: ArticleSpec;
  sources: SourceResult[];
  templates: TemplateSet;
  provider: ModelProvider;
  verifier: Verifier;
  /** Shared by all articles of a job: bounds concurrent (and per-minute) model calls. */
  queue: PQueue;
  onSection?: (slug: string, summary: SectionSummary) => void;
  signal?: AbortSignal | undefined;
  /** By section id; sections not named are drafted. */
  sectionInstructions?: ReadonlyMap<string, SectionInstruction> | undefined;
}

/**
 * Drafts, verifies and stores one article version. Each section is committed on its own as soon as
 * it is verified; a failed section is stored with its error and the other sections go on.
 */
export async function generateArticle(input: GenerateArticleInput): Promise<ArticleSummary> {
  const { db, config, spec, provider, verifier, templates } = input;
  const sourceTexts = await loadSourceTexts(input.sources, config.paths.sources);
  const article = { title: spec.title, topic: spec.topic, sources: spec.sources.map(({ number, title, tier }) => ({ number, title, tier })) };
  const { id: articleVersionId, version } = createArticleVersion(db, {
    article: {
      run_id: input.runId,
      slug: spec.slug,
      title: spec.title,
      spec_file: spec.file,
      spec_version: spec.spec_version,
      spec_hash: spec.hash,
      spec_json: JSON.stringify({ ...spec, file: undefined, hash: undefined }),
      template_id: templates.template.id,
      template_version: templates.template.version,
      template_hash: templates.template.hash,
      system_prompt_version: templates.system.version,
      system_prompt_hash: templates.system.hash,
      provider: provider.id,
      model_requested: provider.model,
      api_version: provider.versions.api,
      sdk_version: provider.versions.sdk,
      effort: provider.id === "anthropic" ? config.provider.effort : null,
      verifier_id: verifier.id,
      verifier_version: verifier.version,
      pipeline_version: PIPELINE_VERSION,
    },
    sources: sourceTexts.map((source) => source.row),
    now: new Date(),
  });

  const available = sourceTexts.filter((source): source is SourceText & { text: string } => source.text !== null);
  const shared = retrievePassages({
    sources: available.map((source) => ({ number: source.number, text: source.text })),
    query: spec.topic,
    topic: spec.topic,
    tokenBudget: config.drafting.source_token_budget,
  });

  const sections = await Promise.all(
    templates.sections.map((section, position) => {
      const instruction = input.sectionInstructions?.get(section.id) ?? { kind: "draft" };
      const work =
        instruction.kind === "draft"
          ? () => draftAndStoreSection({ input, section, position, articleVersionId, article, shared, sourceTexts })
          : () =>
              carryStoredSection({
                db,
                articleVersionId,
                position,
                fromRowId: instruction.fromRowId,
                reverify: instruction.kind === "reverify" ? { verifier, sourcesDir: config.paths.sources, signal: input.signal } : undefined,
              });
      // A plain carry makes no call, so it does not wait for a slot in the model-call queue.
      const run = async () => {
        const summary = await work();
        input.onSection?.(spec.slug, summary);
        return summary;
      };
      return instruction.kind === "carry" ? run() : input.queue.add(run, { throwOnTimeout: true });
    }),
  );

  const totals = db
    .prepare(
      `SELECT COALESCE(SUM(input_tokens), 0) AS input, COALESCE(SUM(output_tokens), 0) AS output, COALESCE(SUM(cache_read_tokens), 0) AS cacheRead,
         COALESCE(SUM(cache_write_tokens), 0) AS cacheWrite, COALESCE(SUM(cost_usd), 0) AS cost FROM sections WHERE article_version_id = ?`,
    )
    .get(articleVersionId) as { input: number; output: number; cacheRead: number; cacheWrite: number; cost: number };
  const modelReported = (
    db.prepare(`SELECT model_reported FROM sections WHERE article_version_id = ? AND model_reported IS NOT NULL ORDER BY position DESC LIMIT 1`).get(articleVersionId) as
      | { model_reported: string }
      | undefined
  )?.model_reported;
  const failed = sections.filter((section) => section.status === "failed").length;
  const status = failed === 0 ? "done" : failed === sections.length ? "failed" : "partial";
  finishArticleVersion(db, {
    id: articleVersionId,
    status,
    modelReported: modelReported ?? null,
    error: failed > 0 ? `${failed} of ${sections.length} sections failed` : null,
    now: new Date(),
  });
  return {
    slug: spec.slug,
    version,
    articleVersionId,
    status,
    sections,
    failedSources: sourceTexts.filter((source) => source.text === null).length,
    inputTokens: totals.input,
    outputTokens: totals.output,
    cacheReadTokens: totals.cacheRead,
    cacheWriteTokens: totals.cacheWrite,
    costUsd: totals.cost,
  };
}

async function draftAndStoreSection(args: {
  input: GenerateArticleInput;
  section: SectionPrompt;
  position: number;
  articleVersionId: number;
  article: { title: string; topic: string; sources: { number: number; title: string; tier: string }[] };
  shared: ReturnType<typeof retrievePassages>;
  sourceTexts: SourceText[];
}): Promise<SectionSummary> {
  const { input, section, sourceTexts } = args;
  const startedAt = new Date();
  const ranked = rankPassages({ passages: args.shared, query: section.query, topic: input.spec.topic });
  const sectionPassages = selectPassages({ ranked, tokenBudget: input.config.drafting.section_token_budget });
  const draft = await draftSection({
    provider: input.provider,
    system: input.templates.system.text,
    section,
    article: args.article,
    sharedPassages: args.shared,
    sectionPassages,
    otherSectionQueries: input.templates.sections.filter((other) => other.id !== section.id).map((other) => other.query),
    maxTokens: input.config.provider.max_tokens,
    signal: input.signal,
  });
  const claims = claimRows(draft, sourceTexts);
  await verifyClaims(claims, sourceTexts, input.verifier, input.signal);
  const calls = modelCallRows({
    calls: draft.calls,
    runId: input.runId,
    sectionId: section.id,
    provider: input.provider.id,
    modelRequested: input.provider.model,
    config: input.config,
  });
  const totals = sumCalls(calls);
  const usedSources = new Set(draft.status === "done" ? sectionPassages.map((passage) => passage.source) : []);
  for (const claim of claims) for (const citation of claim.citations) usedSources.add(citation.source_number);
  const snapshotHashes = Object.fromEntries(
    sourceTexts.filter((source) => usedSources.has(source.number)).map((source) => [source.number, source.row.text_sha256]),
  );
  insertSectionResult(input.db, {
    articleVersionId: args.articleVersionId,
    section: {
      section_id: section.id,
      position: args.position,
      title: section.title,
      prompt_version: section.version,
      prompt_hash: section.hash,
      status: draft.status,
      error: draft.status === "done" ? null : draft.error,
      attempts: draft.attempts,
      provider: input.provider.id,
      model_requested: input.provider.model,
      model_reported: totals.modelReported,
      input_tokens: totals.usage.inputTokens,
      output_tokens: totals.usage.outputTokens,
      cache_write_tokens: totals.usage.cacheWriteTokens,
      cache_read_tokens: totals.usage.cacheReadTokens,
      cost_usd: totals.costUsd,
      request_ids: JSON.stringify(totals.requestIds),
      snapshot_hashes: JSON.stringify(snapshotHashes),
      started_at: startedAt.toISOString(),
      finished_at: new Date().toISOString(),
      reused_from: null,
    },
    claims,
    calls,
  });
  const count = (basis: string) => claims.filter((claim) => claim.basis === basis).length;
  return {
    sectionId: section.id,
    status: draft.status,
    error: draft.status === "done" ? undefined : draft.error,
    claims: { source: count("source"), llm: count("llm"), example: count("example") },
    flags: claims.flatMap((claim) => (claim.verdict?.is_flagged ? [claim.verdict.reason] : [])),
    origin: "drafted",
  };
}

async function verifyClaims(claims: ClaimInput[], sources: SourceText[], verifier: Verifier, signal: AbortSignal | undefined): Promise<void> {
  const texts = new Map(sources.map((source) => [source.number, source.text]));
  const now = new Date();
  for (const claim of claims) {
    if (claim.basis !== "source") continue;
    const result = await verifyClaim(
      { text: claim.text, citations: claim.citations.map((citation) => ({ source: citation.source_number, quote: citation.quote, sourceText: texts.get(citation.source_number) ?? null })) },
      verifier,
      { signal },
    );
    claim.verdict = verdictRow(result.claim, now);
    result.citations.forEach((verdict, index) => {
      const citation = claim.citations[index];
      if (citation) citation.verdict = verdictRow(verdict, now);
    });
  }
}
