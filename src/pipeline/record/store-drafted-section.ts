import type { Passage } from "../../domain/passage.ts";
import type { DraftOutcome } from "../../drafting/draft-section.ts";
import type { SectionPrompt } from "../../drafting/load-prompts.ts";
import { insertSectionResult } from "../../store/sections.ts";
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
  const { context, prepared, section, draft } = args;
  const { sourceTexts } = prepared;
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
  const usedSources = new Set(draft.status === "done" ? args.sectionPassages.map((passage) => passage.source) : []);
  for (const claim of claims) for (const citation of claim.citations) usedSources.add(citation.source_number);
  const snapshotHashes = Object.fromEntries(
    sourceTexts.filter((source) => usedSources.has(source.number)).map((source) => [source.number, source.row.text_sha256]),
  );
  insertSectionResult(context.db, {
    articleVersionId: prepared.articleVersionId,
    runId: context.runId,
    section: {
      section_id: section.id,
      position: args.position,
      title: section.title,
      prompt_version: section.version,
      prompt_hash: section.hash,
      status: draft.status,
      error: draft.status === "done" ? null : draft.error,
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
    costUsd: totals.costUsd,
    tokens: totals.usage,
  };
}
