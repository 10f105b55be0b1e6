import { createHash } from "node:crypto";
import { claimKeyOf } from "../../domain/claim-key.ts";
import type { Block, Claim } from "../../domain/claims.ts";
import { addUsage, costOf, priceOf, ZERO_USAGE, type Pricing } from "../../domain/cost.ts";
import { FRAMING_BLOCK_KIND } from "../../domain/section-answer.ts";
import type { DraftOutcome, ModelCallRecord } from "../../drafting/draft-section.ts";
import type { ClaimInput, ModelCallInput } from "../../store/sections.ts";
import type { SourceText } from "../generate/load-source-texts.ts";

/** Stable hash of what was asked, for the model-call log (never includes the key). */
export function hashRequest(call: ModelCallRecord): string {
  const { request } = call;
  const material = JSON.stringify({ system: request.system, user: request.user, repair: request.repair ?? null, maxTokens: request.maxTokens });
  return createHash("sha256").update(material).digest("hex");
}

export function modelCallRows(args: {
  calls: ModelCallRecord[];
  runId: number;
  sectionId: string;
  provider: string;
  modelRequested: string;
  pricing: Pricing;
}): ModelCallInput[] {
  return args.calls.map((call) => {
    // A call cut off mid-stream has no result, but the API may bill what it generated: count that.
    const usage = call.result?.usage ?? call.partialUsage ?? ZERO_USAGE;
    const model = call.result?.model ?? null;
    return {
      run_id: args.runId,
      section_id: args.sectionId,
      purpose: call.request.purpose,
      provider: args.provider,
      model_requested: args.modelRequested,
      model_reported: model,
      request_hash: hashRequest(call),
      request_id: call.result?.requestId ?? call.requestId ?? null,
      started_at: call.startedAt,
      latency_ms: call.latencyMs,
      attempts: call.result?.attempts ?? call.attempts ?? 1,
      input_tokens: usage.inputTokens,
      output_tokens: usage.outputTokens,
      cache_write_tokens: usage.cacheWriteTokens,
      cache_read_tokens: usage.cacheReadTokens,
      // Batch answers are billed at the batch price: the whole usage times batch.cost_multiplier.
      cost_usd: costOf(usage, priceOf(args.pricing, model, args.modelRequested), call.batchId ? args.pricing.batchCostMultiplier : 1),
      stop_reason: call.result?.stopReason ?? null,
      outcome: call.outcome,
      error_kind: call.error?.kind ?? null,
      error_message: call.error?.message ?? null,
      batch_id: call.batchId ?? null,
    };
  });
}

export function sumCalls(calls: ModelCallInput[]): { usage: typeof ZERO_USAGE; costUsd: number; modelReported: string | null; requestIds: string[] } {
  let usage = ZERO_USAGE;
  let costUsd = 0;
  for (const call of calls) {
    usage = addUsage(usage, {
      inputTokens: call.input_tokens,
      outputTokens: call.output_tokens,
      cacheWriteTokens: call.cache_write_tokens,
      // The rows keep no TTL split of the writes; their cost_usd already prices it.
      cacheWrite1hTokens: 0,
      cacheReadTokens: call.cache_read_tokens,
    });
    costUsd += call.cost_usd;
  }
  const reported = calls.map((call) => call.model_reported).filter((model): model is string => model !== null);
  return { usage, costUsd, modelReported: reported[reported.length - 1] ?? null, requestIds: calls.flatMap((call) => (call.request_id ? [call.request_id] : [])) };
}

/**
 * Claim rows with their citations' snapshot hashes and claim keys; verdicts are added by the caller.
 * A framing line (smart-objectives) is one more model-written claim, in a "framing" block of its own.
 */
export function claimRows(draft: DraftOutcome, sources: SourceText[]): ClaimInput[] {
  if (draft.status !== "done") return [];
  const bySource = new Map(sources.map((source) => [source.number, source.row]));
  const framingClaim: Claim = { text: draft.framing ?? "", basis: "llm", citations: [] };
  const framing: { kind: Block["kind"] | typeof FRAMING_BLOCK_KIND; claims: Claim[] }[] = draft.framing ? [{ kind: FRAMING_BLOCK_KIND, claims: [framingClaim] }] : [];
  return [...draft.output.blocks, ...framing].flatMap((block, blockIndex) =>
    block.claims.map((claim, claimIndex) => {
      const citations = claim.citations.map((citation) => ({
        source_number: citation.source,
        quote: citation.quote,
        raw_sha256: bySource.get(citation.source)?.raw_sha256 ?? null,
        text_sha256: bySource.get(citation.source)?.text_sha256 ?? null,
        verdict: null,
      }));
      return {
        block_index: blockIndex,
        block_kind: block.kind,
        claim_index: claimIndex,
        text: claim.text.trim(),
        basis: claim.basis,
        elaborated: claim.elaborated === true ? 1 : 0,
        sourced_text: claim.elaborated === true ? (claim.sourced_text ?? null) : null,
        claim_key: claimKeyOf({ text: claim.text, citations: citations.map((citation) => ({ snapshotTextSha256: citation.text_sha256, quote: citation.quote })) }),
        citations,
        verdict: null,
      };
    }),
  );
}
