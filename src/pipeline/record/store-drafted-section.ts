import type { Passage } from "../../domain/passage.ts";
import type { DraftOutcome } from "../../drafting/draft-section.ts";
import type { SectionPrompt } from "../../drafting/load-prompts.ts";
import { insertSectionResult, type ClaimInput, type ModelCallInput, type SectionRowInput } from "../../store/sections.ts";
import type { SourceText } from "../generate/load-source-texts.ts";
import type { PreparedArticle } from "../generate/prepare-article.ts";
import type { SectionJobContext, SectionSummary } from "../job-types.ts";
import { claimRows, modelCallRows, sumCalls } from "./section-rows.ts";
import { verifySectionClaims } from "./verify-section-claims.ts";

// A drafted section (done, failed or not drafted) verified and written in one transaction with its
// claims, citations, verdicts and every model call that produced it. The same for live calls and
// batch results.

export async function storeDraftedSection(args: {
  context: SectionJobContext;
  prepared: PreparedArticle;
  section: SectionPrompt;
  position: number;
  draft: DraftOutcome;
  sectionPassages: Passage[];
  startedAt: Date;
}): Promise<SectionSummary> {
  const built = await buildDraftedSection({ ...args, sourceTexts: args.prepared.sourceTexts, sharedPassages: args.prepared.shared });
  insertSectionResult(args.context.db, {
    articleVersionId: args.prepared.articleVersionId,
    runId: args.context.runId,
    section: built.section,
    claims: built.claims,
    calls: built.calls,
  });
  return built.summary;
}

export interface BuiltSection {
  section: SectionRowInput;
  claims: ClaimInput[];
  calls: ModelCallInput[];
  summary: SectionSummary;
}

/**
 * A drafted section verified and turned into rows, not yet stored: storeDraftedSection writes them at
 * once; a reader's revision keeps them until a reviewer approves it.
 */
export async function buildDraftedSection(args: {
  context: SectionJobContext;
  sourceTexts: SourceText[];
  /** The passages every section of the article read (the shared, cached block). */
  sharedPassages: Passage[];
  section: SectionPrompt;
  position: number;
  draft: DraftOutcome;
  sectionPassages: Passage[];
  startedAt: Date;
}): Promise<BuiltSection> {
  const { context, section, draft, sourceTexts } = args;
  const claims = claimRows(draft, sourceTexts);
  const texts = new Map(sourceTexts.map((source) => [source.number, source.text]));
  const verification = await verifySectionClaims({
    claims: claims.map((claim) => ({
      text: claim.text,
      basis: claim.basis,
      elaborated: claim.elaborated === 1,
      sourcedText: claim.sourced_text,
      citations: claim.citations.map((citation) => ({ source: citation.source_number, quote: citation.quote, sourceText: texts.get(citation.source_number) ?? null })),
    })),
    verifier: context.verifier,
    policy: { sectionId: section.id, accepts: section.accepts },
    signal: context.signal,
    judgeLog: { runId: context.runId, sectionId: section.id, pricing: context.pricing },
  });
  claims.forEach((claim, index) => {
    const verdicts = verification.verdicts[index];
    if (!verdicts) return;
    claim.verdict = verdicts.claim;
    claim.citations.forEach((citation, position) => {
      citation.verdict = verdicts.citations[position] ?? null;
    });
  });
  const calls = [
    ...modelCallRows({
      calls: draft.calls,
      runId: context.runId,
      sectionId: section.id,
      provider: context.provider.id,
      modelRequested: context.provider.model,
      pricing: context.pricing,
    }),
    ...verification.judgeCalls,
  ];
  const totals = sumCalls(calls);
  // A section the model found nothing for rests on every passage it read: a change to any of their
  // sources may give it material.
  const isNoSourceMaterial = draft.status === "not_drafted" && draft.reason === "no_source_material";
  const readPassages = isNoSourceMaterial ? args.sharedPassages : draft.status === "done" ? args.sectionPassages : [];
  const usedSources = new Set(readPassages.map((passage) => passage.source));
  for (const claim of claims) for (const citation of claim.citations) usedSources.add(citation.source_number);
  const snapshotHashes = Object.fromEntries(
    sourceTexts.filter((source) => usedSources.has(source.number)).map((source) => [source.number, source.row.text_sha256]),
  );
  const sectionRow: SectionRowInput = {
    section_id: section.id,
    position: args.position,
    title: section.title,
    prompt_version: section.version,
    prompt_hash: section.hash,
    status: draft.status,
    error: draft.status === "done" ? null : draft.error,
    not_drafted_reason: isNoSourceMaterial ? "no_source_material" : null,
    attempts: draft.attempts,
    provider: context.provider.id,
    model_requested: context.provider.model,
    model_reported: totals.modelReported,
    input_tokens: totals.usage.inputTokens,
    output_tokens: totals.usage.outputTokens,
    cache_write_tokens: totals.usage.cacheWriteTokens,
    cache_read_tokens: totals.usage.cacheReadTokens,
    cost_usd: totals.costUsd,
    request_ids: JSON.stringify(totals.requestIds),
    snapshot_hashes: JSON.stringify(snapshotHashes),
    started_at: args.startedAt.toISOString(),
    finished_at: new Date().toISOString(),
    reused_from: null,
    figure: draft.status === "done" && draft.figure ? JSON.stringify(draft.figure) : null,
    template_note: section.framing ?? null,
  };
  const count = (basis: string) => claims.filter((claim) => claim.basis === basis).length;
  const summary: SectionSummary = {
    sectionId: section.id,
    status: draft.status,
    error: draft.status === "done" ? undefined : draft.error,
    claims: { source: count("source"), llm: count("llm"), example: count("example") },
    flags: claims.flatMap((claim) => (claim.verdict?.is_flagged ? [claim.verdict.reason] : [])),
    origin: "drafted",
    costUsd: totals.costUsd,
    tokens: totals.usage,
  };
  return { section: sectionRow, claims, calls, summary };
}
