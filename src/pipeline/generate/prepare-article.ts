import type { Config } from "../../config/config-schema.ts";
import { PIPELINE_VERSION } from "../../domain/pipeline-version.ts";
import type { DraftSectionInput } from "../../drafting/draft-section.ts";
import type { SectionPrompt, TemplateSet } from "../../drafting/load-prompts.ts";
import type { ArticleContext } from "../../drafting/render-prompt.ts";
import type { Passage } from "../../domain/passage.ts";
import type { ModelProvider } from "../../providers/types.ts";
import { buildSectionQueries, joinQueries } from "../../drafting/build-section-queries.ts";
import { rankPassagesForQueries } from "../../retrieval/rank-passages-for-queries.ts";
import { selectPassages } from "../../retrieval/select-passages.ts";
import { splitPassages } from "../../retrieval/split-passages.ts";
import type { ArticleSpec } from "../../spec/article-spec.ts";
import { createArticleVersion, type NewArticleVersion } from "../../store/articles.ts";
import type { Store } from "../../store/open-store.ts";
import { claimInterruptedVersion, findResumableVersion, storedSectionIds } from "../../store/resumable-versions.ts";
import type { Verifier } from "../../verification/types.ts";
import { loadSourceTexts, type SourceText } from "./load-source-texts.ts";
import { assertSomeSourceSnapshotted, type SourceResult } from "./snapshot-spec-sources.ts";

// Everything an article's sections share before any is drafted: its stored version (new, or an
// interrupted one taken over), its source texts and the passages all its sections see.

/** Passages one source may place in the article's shared block; the token budget bounds the whole. */
const SHARED_MAX_PER_SOURCE = 16;

export interface PreparedArticle {
  spec: ArticleSpec;
  templates: TemplateSet;
  articleVersionId: number;
  version: number;
  /** An interrupted version taken over: only sections not in storedSectionIds are drafted. */
  isResumed: boolean;
  storedSectionIds: Set<string>;
  article: ArticleContext;
  shared: Passage[];
  sourceTexts: SourceText[];
  /** Each section's retrieval queries, built from the spec and the section's purpose, by section id. */
  queries: Map<string, string[]>;
}

/** What one article of a job is made from; generateArticle's input extends it. */
export interface PrepareArticleInput {
  db: Store;
  config: Config;
  runId: number;
  spec: ArticleSpec;
  sources: SourceResult[];
  templates: TemplateSet;
  provider: ModelProvider;
  verifier: Verifier;
  /** Take over an interrupted version with the same fingerprints instead of starting a new one. */
  isResumeAllowed?: boolean | undefined;
}

export async function prepareArticle(args: PrepareArticleInput): Promise<PreparedArticle> {
  const { db, config, spec, provider, verifier, templates } = args;
  // Before any version exists: an article with no source is a failure, not 14 empty sections.
  assertSomeSourceSnapshotted(spec.slug, args.sources);
  const sourceTexts = await loadSourceTexts(args.sources, config.paths.sources);
  const fingerprint: NewArticleVersion = {
    run_id: args.runId,
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
  };
  const sourceRows = sourceTexts.map((source) => source.row);
  const now = new Date();
  const resumable = args.isResumeAllowed ? findResumableVersion(db, { article: fingerprint, sources: sourceRows }) : undefined;
  const isResumed = resumable !== undefined && claimInterruptedVersion(db, { id: resumable.id, runId: args.runId, now });
  const { id: articleVersionId, version } = isResumed && resumable ? resumable : createArticleVersion(db, { article: fingerprint, sources: sourceRows, now });

  const available = sourceTexts.filter((source): source is SourceText & { text: string } => source.text !== null);
  const queries = new Map(templates.sections.map((section) => [section.id, buildSectionQueries(section, spec)]));
  // The shared (cached) block holds the passages best for all sections' queries together, so a
  // section whose material never names the topic still finds it there.
  const passages = available.flatMap((source) => splitPassages({ source: source.number, text: source.text }));
  const shared = selectPassages({
    ranked: rankPassagesForQueries({ passages, queries: [...queries.values()].flat() }),
    tokenBudget: config.drafting.source_token_budget,
    // The shared block is what every section, and the offline provider, draws from: the default cap
    // of 4 passages a source (meant for one section's focus) filled a fifth of the 24k budget.
    maxPerSource: SHARED_MAX_PER_SOURCE,
  });
  return {
    spec,
    templates,
    articleVersionId,
    version,
    isResumed,
    storedSectionIds: isResumed ? storedSectionIds(db, articleVersionId) : new Set(),
    article: {
      title: spec.title,
      topic: spec.topic,
      sources: spec.sources.map(({ number, title, tier }) => ({ number, title, tier })),
      outline: templates.sections.map(({ id, title, covers }) => ({ id, title, covers })),
    },
    shared,
    sourceTexts,
    queries,
  };
}

/** The section's own passages (best for its query) and the drafting input built from them. */
export function sectionDraftInput(args: {
  prepared: PreparedArticle;
  section: SectionPrompt;
  provider: ModelProvider;
  config: Config;
  signal: AbortSignal | undefined;
}): { draftInput: DraftSectionInput; sectionPassages: Passage[] } {
  const { prepared, section, config } = args;
  const queries = queriesOf(prepared, section.id);
  const ranked = rankPassagesForQueries({ passages: prepared.shared, queries });
  const sectionPassages = selectPassages({ ranked, tokenBudget: config.drafting.section_token_budget });
  return {
    sectionPassages,
    draftInput: {
      provider: args.provider,
      system: prepared.templates.system.text,
      section,
      templateSections: prepared.templates.sections,
      article: prepared.article,
      sharedPassages: prepared.shared,
      sectionPassages,
      queries,
      otherSectionQueries: prepared.templates.sections.filter((other) => other.id !== section.id).map((other) => joinQueries(queriesOf(prepared, other.id))),
      otherSectionIds: prepared.templates.sections.filter((other) => other.id !== section.id).map((other) => other.id),
      maxTokens: config.provider.max_tokens,
      signal: args.signal,
    },
  };
}

function queriesOf(prepared: PreparedArticle, sectionId: string): string[] {
  const queries = prepared.queries.get(sectionId);
  if (!queries) throw new Error(`no retrieval queries for section "${sectionId}" (not in template ${prepared.templates.template.id})`);
  return queries;
}
