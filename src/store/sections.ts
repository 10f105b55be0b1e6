import type { Store } from "./open-store.ts";

// A drafted section is written in one transaction with its claims, citations, verdicts and the
// model calls that produced it: after a crash a section is either wholly there or not at all.

export interface SectionRowInput {
  section_id: string;
  position: number;
  title: string;
  prompt_version: number;
  prompt_hash: string;
  status: "done" | "failed" | "not_drafted";
  error: string | null;
  /** Why a not-drafted section was not drafted (migration 10); absent or null otherwise, and on older stores. */
  not_drafted_reason?: "no_source_material" | null | undefined;
  attempts: number;
  provider: string;
  model_requested: string;
  model_reported: string | null;
  input_tokens: number;
  output_tokens: number;
  cache_write_tokens: number;
  cache_read_tokens: number;
  cost_usd: number;
  request_ids: string;
  snapshot_hashes: string;
  started_at: string;
  finished_at: string;
  reused_from: number | null;
  /** The concept figure as JSON (migration 7); absent or null when the section has none. */
  figure?: string | null;
  /** The template's framing sentence for this section (migration 7). */
  template_note?: string | null;
}

export interface VerdictInput {
  verdict: "supported" | "partially_supported" | "not_supported" | "unverifiable";
  score: number;
  reason: string;
  quote_status: "exact" | "normalized" | "fuzzy" | "not_found" | null;
  quote_start: number | null;
  quote_end: number | null;
  quote_similarity: number | null;
  evidence_start: number | null;
  evidence_end: number | null;
  evidence_text: string | null;
  is_flagged: number;
  verifier_id: string;
  verifier_version: string;
  created_at: string;
}

export interface ClaimInput {
  block_index: number;
  block_kind: string;
  claim_index: number;
  text: string;
  basis: "source" | "llm" | "example";
  claim_key: string;
  /** 1 for a sourced claim with the model's framing (migration 9); absent means 0. */
  elaborated?: number;
  /** The verbatim part of an elaborated claim's text that its quote supports; absent means null. */
  sourced_text?: string | null;
  citations: { source_number: number; quote: string; raw_sha256: string | null; text_sha256: string | null; verdict: VerdictInput | null }[];
  verdict: VerdictInput | null;
}

export interface ModelCallInput {
  run_id: number;
  section_id: string | null;
  purpose: string;
  provider: string;
  model_requested: string;
  model_reported: string | null;
  request_hash: string;
  request_id: string | null;
  started_at: string;
  latency_ms: number;
  attempts: number;
  input_tokens: number;
  output_tokens: number;
  cache_write_tokens: number;
  cache_read_tokens: number;
  cost_usd: number;
  stop_reason: string | null;
  outcome: "ok" | "invalid_output" | "error";
  error_kind: string | null;
  error_message: string | null;
  /** The Message Batch the answer came from; absent or null for a live call. */
  batch_id?: string | null;
}

export function insertSectionResult(
  db: Store,
  args: {
    articleVersionId: number;
    section: SectionRowInput;
    claims: ClaimInput[];
    calls: ModelCallInput[];
    /** The run drafting the section; defaults to the version's run (see migration 5). */
    runId?: number | undefined;
  },
): number {
  const insertSection = db.prepare(
    `INSERT INTO sections (article_version_id, section_id, position, title, prompt_version, prompt_hash, status, error, attempts, provider,
       model_requested, model_reported, input_tokens, output_tokens, cache_write_tokens, cache_read_tokens, cost_usd, request_ids,
       snapshot_hashes, started_at, finished_at, reused_from, run_id, not_drafted_reason, figure, template_note)
     VALUES (@article_version_id, @section_id, @position, @title, @prompt_version, @prompt_hash, @status, @error, @attempts, @provider,
       @model_requested, @model_reported, @input_tokens, @output_tokens, @cache_write_tokens, @cache_read_tokens, @cost_usd, @request_ids,
       @snapshot_hashes, @started_at, @finished_at, @reused_from, @run_id, @not_drafted_reason, @figure, @template_note)`,
  );
  const insertClaim = db.prepare(
    `INSERT INTO claims (section_row_id, block_index, block_kind, claim_index, text, basis, claim_key, elaborated, sourced_text)
     VALUES (@section_row_id, @block_index, @block_kind, @claim_index, @text, @basis, @claim_key, @elaborated, @sourced_text)`,
  );
  const insertCitation = db.prepare(
    `INSERT INTO citations (claim_id, citation_index, source_number, quote, raw_sha256, text_sha256)
     VALUES (@claim_id, @citation_index, @source_number, @quote, @raw_sha256, @text_sha256)`,
  );
  const insertVerdict = db.prepare(
    `INSERT INTO verdicts (claim_id, citation_id, verdict, score, reason, quote_status, quote_start, quote_end, quote_similarity,
       evidence_start, evidence_end, evidence_text, is_flagged, verifier_id, verifier_version, created_at)
     VALUES (@claim_id, @citation_id, @verdict, @score, @reason, @quote_status, @quote_start, @quote_end, @quote_similarity,
       @evidence_start, @evidence_end, @evidence_text, @is_flagged, @verifier_id, @verifier_version, @created_at)`,
  );
  return db.transaction(() => {
    const sectionRowId = Number(insertSection.run({
        ...args.section,
        article_version_id: args.articleVersionId,
        run_id: args.runId ?? null,
        not_drafted_reason: args.section.not_drafted_reason ?? null,
        figure: args.section.figure ?? null,
        template_note: args.section.template_note ?? null,
      }).lastInsertRowid);
    for (const claim of args.claims) {
      const claimId = Number(
        insertClaim.run({ ...claim, elaborated: claim.elaborated ?? 0, sourced_text: claim.sourced_text ?? null, section_row_id: sectionRowId }).lastInsertRowid,
      );
      claim.citations.forEach((citation, citationIndex) => {
        const citationId = Number(
          insertCitation.run({
            claim_id: claimId,
            citation_index: citationIndex,
            source_number: citation.source_number,
            quote: citation.quote,
            raw_sha256: citation.raw_sha256,
            text_sha256: citation.text_sha256,
          }).lastInsertRowid,
        );
        if (citation.verdict) insertVerdict.run({ ...citation.verdict, claim_id: claimId, citation_id: citationId });
      });
      if (claim.verdict) insertVerdict.run({ ...claim.verdict, claim_id: claimId, citation_id: null });
    }
    insertModelCalls(db, args.articleVersionId, args.calls);
    return sectionRowId;
  })();
}

export interface StoredSection extends SectionRowInput {
  id: number;
  article_version_id: number;
}

export function listSections(db: Store, articleVersionId: number): StoredSection[] {
  return db.prepare(`SELECT * FROM sections WHERE article_version_id = ? ORDER BY position`).all(articleVersionId) as StoredSection[];
}

/** Logs model calls of one article version (call inside the transaction that stores their result). */
export function insertModelCalls(db: Store, articleVersionId: number, calls: readonly ModelCallInput[]): void {
  const insertCall = db.prepare(
    `INSERT INTO model_calls (run_id, article_version_id, section_id, purpose, provider, model_requested, model_reported, request_hash,
       request_id, started_at, latency_ms, attempts, input_tokens, output_tokens, cache_write_tokens, cache_read_tokens, cost_usd,
       stop_reason, outcome, error_kind, error_message, batch_id)
     VALUES (@run_id, @article_version_id, @section_id, @purpose, @provider, @model_requested, @model_reported, @request_hash,
       @request_id, @started_at, @latency_ms, @attempts, @input_tokens, @output_tokens, @cache_write_tokens, @cache_read_tokens, @cost_usd,
       @stop_reason, @outcome, @error_kind, @error_message, @batch_id)`,
  );
  for (const call of calls) insertCall.run({ ...call, batch_id: call.batch_id ?? null, article_version_id: articleVersionId });
}
