import type { Config } from "../../config/config-schema.ts";
import { UsageError } from "../../domain/errors.ts";
import { PIPELINE_VERSION } from "../../domain/pipeline-version.ts";
import { buildSectionQueries, joinQueries } from "../../drafting/build-section-queries.ts";
import { draftSection } from "../../drafting/draft-section.ts";
import type { ModelProvider } from "../../providers/types.ts";
import { rankPassagesForQueries } from "../../retrieval/rank-passages-for-queries.ts";
import { retrievePassages } from "../../retrieval/retrieve-passages.ts";
import { selectPassages } from "../../retrieval/select-passages.ts";
import { draftedMail } from "../../revisions/compose-mail.ts";
import { revisionInstructions } from "../../revisions/revision-instructions.ts";
import type { ArticleSpec, ResolvedSource } from "../../spec/article-spec.ts";
import { loadArticle } from "../../store/load-article.ts";
import { enqueueMail } from "../../store/mail-outbox.ts";
import type { Store } from "../../store/open-store.ts";
import { createRun, finishRun } from "../../store/runs.ts";
import { insertModelCalls } from "../../store/sections.ts";
import { getSuggestion, recordSuggestionDraft, type SuggestionRow } from "../../store/suggestions.ts";
import type { Verifier } from "../../verification/types.ts";
import { loadSourceTexts } from "../generate/load-source-texts.ts";
import { snapshotSpecSources } from "../generate/snapshot-spec-sources.ts";
import { buildDraftedSection } from "../record/store-drafted-section.ts";
import { loadTemplates } from "../wiring/load-templates.ts";
import { pricingFrom } from "../wiring/pricing.ts";
import { summaryOf } from "./accept-suggestion.ts";
import type { RevisionDraft } from "./revision-draft.ts";

// A received suggestion becomes a revised section: the reader's source URLs are fetched and
// snapshotted like any spec source, the section is drafted through the configured provider with the
// current section, the change and the new sources, and its claims are verified like any claim. The
// rows wait in the suggestion until a reviewer decides; the reader is mailed either way.

export interface DraftRevisionResult {
  id: number;
  status: "drafted" | "draft_failed";
  error: string | null;
  sentences: number;
  flagged: number;
}

export async function draftRevision(args: {
  db: Store;
  config: Config;
  suggestionId: number;
  provider: ModelProvider;
  verifier: Verifier;
  isOffline?: boolean;
  signal?: AbortSignal | undefined;
  now?: () => Date;
}): Promise<DraftRevisionResult> {
  const { db, config, provider, verifier } = args;
  const now = args.now ?? (() => new Date());
  const row = getSuggestion(db, args.suggestionId);
  if (!row) throw new UsageError(`no suggestion #${args.suggestionId} (see wikigen revisions list)`);
  if (row.status === "approved" || row.status === "rejected") throw new UsageError(`suggestion #${row.id} is already ${row.status}; nothing to draft`);
  const base = loadArticle(db, row.article_slug);
  const fail = (error: string): DraftRevisionResult => {
    recordSuggestionDraft(db, { id: row.id, status: "draft_failed", baseVersionId: base?.version.id ?? null, draft: null, error, now: now() });
    enqueueMail(db, { suggestion_id: row.id, kind: "drafted", to_address: row.email, ...draftedMail(summaryOf(row), { isDrafted: false, sentences: 0, flagged: 0, error }) }, now());
    return { id: row.id, status: "draft_failed", error, sentences: 0, flagged: 0 };
  };
  if (!base) return fail(`the article "${row.article_slug}" is no longer stored`);
  const spec = withReaderSources(storedSpec(base.version), row);
  const [templates] = [...(await loadTemplates(config, [spec])).values()];
  const position = templates?.sections.findIndex((section) => section.id === row.section_id) ?? -1;
  const sectionPrompt = templates?.sections[position];
  if (!templates || !sectionPrompt) return fail(`the article's template has no section "${row.section_id}"`);

  const runId = createRun(
    db,
    {
      command: "revisions draft",
      trigger: "revision",
      pipeline_version: PIPELINE_VERSION,
      provider: provider.id,
      model_requested: provider.model,
      verifier_id: verifier.id,
      verifier_version: verifier.version,
      options: JSON.stringify({ suggestion: row.id }),
    },
    now(),
  );
  try {
    const [snapshotted] = await snapshotSpecSources({ specs: [spec], db, config, isRefresh: false, isOffline: args.isOffline ?? false, now });
    const results = snapshotted?.sources ?? [];
    const readerNumbers = new Set(readerSourceNumbers(spec, row));
    const readerSources = results
      .filter(({ source }) => readerNumbers.has(source.number))
      .map(({ source, outcome }) => ({ number: source.number, url: source.url, title: outcome.snapshot?.title || source.title, error: outcome.error?.message ?? null }));
    if (readerSources.every((source) => source.error !== null)) {
      finishRun(db, { runId, status: "done", now: now() });
      return fail(`none of the suggestion's sources could be read (${readerSources.map((source) => `${source.url}: ${source.error}`).join("; ")})`);
    }
    const sourceTexts = await loadSourceTexts(results, config.paths.sources);
    const readable = sourceTexts.filter((source): source is typeof source & { text: string } => source.text !== null);
    // The reader's sources get their own share of the block, ranked by the change; the article's own
    // sources fill the rest as in any drafting of the article.
    const readerPassages = retrievePassages({
      sources: readable.filter((source) => readerNumbers.has(source.number)),
      query: row.change_text,
      topic: spec.topic,
      tokenBudget: config.drafting.section_token_budget,
    });
    const articlePassages = retrievePassages({
      sources: readable.filter((source) => !readerNumbers.has(source.number)),
      query: spec.topic,
      topic: spec.topic,
      tokenBudget: config.drafting.source_token_budget,
    });
    const shared = [...readerPassages, ...articlePassages];
    // The section's own queries (from the spec and its purpose) and the reader's change.
    const queries = [...buildSectionQueries(sectionPrompt, spec), row.change_text];
    const sectionPassages = selectPassages({ ranked: rankPassagesForQueries({ passages: shared, queries }), tokenBudget: config.drafting.section_token_budget });
    const currentSentences = base.sections.find((section) => section.section_id === row.section_id)?.claims.map((claim) => claim.text) ?? [];
    const revisedPrompt = {
      ...sectionPrompt,
      instructions: sectionPrompt.instructions + revisionInstructions({ currentSentences, change: row.change_text, newSourceNumbers: [...readerNumbers] }),
    };
    const startedAt = now();
    const draft = await draftSection({
      provider,
      system: templates.system.text,
      section: revisedPrompt,
      templateSections: templates.sections,
      article: {
        title: spec.title,
        topic: spec.topic,
        sources: spec.sources.map(({ number, title, tier }) => ({ number, title: readerSources.find((source) => source.number === number)?.title ?? title, tier })),
        outline: templates.sections.map(({ id, title, covers }) => ({ id, title, covers })),
      },
      sharedPassages: shared,
      sectionPassages,
      queries,
      otherSectionQueries: templates.sections.filter((other) => other.id !== sectionPrompt.id).map((other) => joinQueries(buildSectionQueries(other, spec))),
      otherSectionIds: templates.sections.filter((other) => other.id !== sectionPrompt.id).map((other) => other.id),
      maxTokens: config.provider.max_tokens,
      signal: args.signal,
    });
    const context = { db, config, pricing: pricingFrom(config), runId, provider, verifier, signal: args.signal };
    const built = await buildDraftedSection({ context, sourceTexts, sharedPassages: shared, section: sectionPrompt, position, draft, sectionPassages, startedAt });
    const revision: RevisionDraft = { spec, position, built, readerSources };
    const sentences = built.claims.length;
    const flagged = built.claims.filter((claim) => claim.verdict?.is_flagged === 1).length;
    const isDrafted = draft.status === "done" && sentences > 0;
    const error = isDrafted ? null : draft.status === "done" ? "the draft has no sentence" : draft.error;
    // The calls were paid for whatever the outcome: logged now, against the version being revised.
    db.transaction(() => {
      insertModelCalls(db, base.version.id, built.calls);
      recordSuggestionDraft(db, { id: row.id, status: isDrafted ? "drafted" : "draft_failed", baseVersionId: base.version.id, draft: JSON.stringify(revision), error, now: now() });
      enqueueMail(db, { suggestion_id: row.id, kind: "drafted", to_address: row.email, ...draftedMail(summaryOf(row), { isDrafted, sentences, flagged, error }) }, now());
    })();
    finishRun(db, { runId, status: "done", now: now() });
    return { id: row.id, status: isDrafted ? "drafted" : "draft_failed", error, sentences, flagged };
  } catch (error) {
    finishRun(db, { runId, status: "failed", error: error instanceof Error ? error.message : String(error), now: now() });
    throw error;
  }
}

/** The spec a stored version was generated from (spec_json keeps the resolved sources). */
export function storedSpec(version: { spec_json: string; spec_file: string; spec_hash: string }): ArticleSpec {
  return { ...(JSON.parse(version.spec_json) as Omit<ArticleSpec, "file" | "hash">), file: version.spec_file, hash: version.spec_hash };
}

/** The spec with each reader URL it does not cite yet appended as a T3 source, numbered after the last. */
function withReaderSources(spec: ArticleSpec, row: SuggestionRow): ArticleSpec {
  const sources: ResolvedSource[] = [...spec.sources];
  let next = Math.max(0, ...sources.map((source) => source.number)) + 1;
  for (const url of JSON.parse(row.source_urls) as string[]) {
    if (sources.some((source) => source.resolvedUrl === url || source.url === url)) continue;
    sources.push({ number: next, url, title: url, tier: "T3", resolvedUrl: url, note: `suggested by a reader (suggestion #${row.id})` });
    next += 1;
  }
  return { ...spec, sources };
}

function readerSourceNumbers(spec: ArticleSpec, row: SuggestionRow): number[] {
  const urls = new Set(JSON.parse(row.source_urls) as string[]);
  return spec.sources.filter((source) => urls.has(source.resolvedUrl) || urls.has(source.url)).map((source) => source.number);
}
