import type { Config } from "../../config/config-schema.ts";
import type { DraftOutcome } from "../../drafting/draft-section.ts";
import type { SectionPrompt } from "../../drafting/load-prompts.ts";
import type { Passage } from "../../domain/passage.ts";
import type { ModelProvider } from "../../providers/types.ts";
import type { Store } from "../../store/open-store.ts";
import { insertSectionResult, type ClaimInput } from "../../store/sections.ts";
import type { Verifier } from "../../verification/types.ts";
import { verifyClaim } from "../../verification/verify-claim.ts";
import { claimRows, modelCallRows, sumCalls, verdictRow } from "./section-rows.ts";
import type { SectionSummary } from "../generate/generate-article.ts";
import { collectJudgeCalls } from "./record-judge-calls.ts";
import type { SourceText } from "../generate/load-source-texts.ts";
import type { PreparedArticle } from "../generate/prepare-article.ts";

// A drafted section (done, failed or not drafted) verified and written in one transaction with its
// claims, citations, verdicts and every model call that produced it. The same for live calls and
// batch results.

export interface SectionStoreContext {
  db: Store;
  config: Config;
  runId: number;
  provider: ModelProvider;
  verifier: Verifier;
  signal: AbortSignal | undefined;
}

export async function storeDraftedSection(args: {
  context: SectionStoreContext;
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
  const judged = await collectJudgeCalls(() => verifyClaims(claims, sourceTexts, context.verifier, context.signal), {
    runId: context.runId,
    sectionId: section.id,
    config: context.config,
  });
  const calls = [
    ...modelCallRows({
      calls: draft.calls,
      runId: context.runId,
      sectionId: section.id,
      provider: context.provider.id,
      modelRequested: context.provider.model,
      config: context.config,
    }),
    ...judged.calls,
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
