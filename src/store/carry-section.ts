import type { Store } from "./open-store.ts";
import { insertModelCalls, type ModelCallInput, type StoredSection, type VerdictInput } from "./sections.ts";
import type { SnapshotRow } from "./snapshots.ts";

// Carrying a stored section into a new article version: the section row, its claims, citations and
// verdicts are copied column for column (every column the tables have, so columns added by later
// migrations travel too), in one transaction. The new section row points at the old one through
// reused_from. Its usage columns are zeroed: this version made no model call for it, and the
// original row keeps the cost it took.

export interface CarriedClaim {
  id: number;
  text: string;
  basis: "source" | "llm" | "example";
  elaborated: number;
  sourced_text: string | null;
  citations: { id: number; citation_index: number; source_number: number; quote: string; raw_sha256: string | null; text_sha256: string | null }[];
  /** From the newest claim-level verdict (an llm or example claim has one only when the evidence policy flagged it). */
  isFlagged: boolean;
  flagReason: string | null;
}

/** New verdicts for a re-verified section, by old claim id: the claim's and one per citation index. */
export type ReplacementVerdicts = ReadonlyMap<number, { claim: VerdictInput; citations: (VerdictInput | null)[] }>;

type CopiedTable = "sections" | "claims" | "citations" | "verdicts";

const ZERO_USAGE = { attempts: 0, input_tokens: 0, output_tokens: 0, cache_write_tokens: 0, cache_read_tokens: 0, cost_usd: 0, request_ids: "[]" };

/** Copies section `fromRowId` into `articleVersionId`; with `verdicts`, writes those instead of copying the old ones. */
export function carrySection(
  db: Store,
  args: { fromRowId: number; articleVersionId: number; position: number; verdicts?: ReplacementVerdicts; judgeCalls?: readonly ModelCallInput[] },
): number {
  return db.transaction(() => {
    // A carried section cost nothing this run, except the judge calls that re-verified it.
    const calls = args.judgeCalls ?? [];
    const sum = (key: "input_tokens" | "output_tokens" | "cache_write_tokens" | "cache_read_tokens" | "cost_usd") => calls.reduce((total, call) => total + call[key], 0);
    const sectionRowId = copyRow(db, "sections", args.fromRowId, {
      ...ZERO_USAGE,
      attempts: calls.reduce((total, call) => total + call.attempts, 0),
      input_tokens: sum("input_tokens"),
      output_tokens: sum("output_tokens"),
      cache_write_tokens: sum("cache_write_tokens"),
      cache_read_tokens: sum("cache_read_tokens"),
      cost_usd: sum("cost_usd"),
      request_ids: JSON.stringify(calls.flatMap((call) => (call.request_id ? [call.request_id] : []))),
      article_version_id: args.articleVersionId,
      position: args.position,
      reused_from: args.fromRowId,
    });
    const claims = db.prepare(`SELECT id FROM claims WHERE section_row_id = ? ORDER BY block_index, claim_index`).all(args.fromRowId) as { id: number }[];
    for (const claim of claims) {
      const claimId = copyRow(db, "claims", claim.id, { section_row_id: sectionRowId });
      const citations = db.prepare(`SELECT id, citation_index FROM citations WHERE claim_id = ? ORDER BY citation_index`).all(claim.id) as { id: number; citation_index: number }[];
      const newCitationIds = new Map<number, number>();
      const byIndex = new Map<number, number>();
      for (const citation of citations) {
        const citationId = copyRow(db, "citations", citation.id, { claim_id: claimId });
        newCitationIds.set(citation.id, citationId);
        byIndex.set(citation.citation_index, citationId);
      }
      const replacement = args.verdicts?.get(claim.id);
      if (args.verdicts) {
        if (!replacement) continue;
        replacement.citations.forEach((verdict, index) => {
          if (verdict) insertVerdict(db, { ...verdict, claim_id: claimId, citation_id: byIndex.get(index) ?? null });
        });
        insertVerdict(db, { ...replacement.claim, claim_id: claimId, citation_id: null });
        continue;
      }
      const verdicts = db.prepare(`SELECT id, citation_id FROM verdicts WHERE claim_id = ? ORDER BY id`).all(claim.id) as { id: number; citation_id: number | null }[];
      for (const verdict of verdicts) {
        copyRow(db, "verdicts", verdict.id, { claim_id: claimId, citation_id: verdict.citation_id === null ? null : (newCitationIds.get(verdict.citation_id) ?? null) });
      }
    }
    insertModelCalls(db, args.articleVersionId, calls);
    return sectionRowId;
  })();
}

/** The claims of one stored section with their citations and newest claim verdict. */
export function readSectionClaims(db: Store, sectionRowId: number): CarriedClaim[] {
  const claims = db.prepare(`SELECT id, text, basis, elaborated, sourced_text FROM claims WHERE section_row_id = ? ORDER BY block_index, claim_index`)
    .all(sectionRowId) as Pick<CarriedClaim, "id" | "text" | "basis" | "elaborated" | "sourced_text">[];
  const citations = db.prepare(`SELECT id, citation_index, source_number, quote, raw_sha256, text_sha256 FROM citations WHERE claim_id = ? ORDER BY citation_index`);
  const verdict = db.prepare(`SELECT is_flagged, reason FROM verdicts WHERE claim_id = ? AND citation_id IS NULL ORDER BY id DESC LIMIT 1`);
  return claims.map((claim) => {
    const newest = verdict.get(claim.id) as { is_flagged: number; reason: string } | undefined;
    return {
      ...claim,
      citations: citations.all(claim.id) as CarriedClaim["citations"],
      isFlagged: newest?.is_flagged === 1,
      flagReason: newest?.is_flagged === 1 ? newest.reason : null,
    };
  });
}

export function getSectionRow(db: Store, sectionRowId: number): StoredSection | undefined {
  return db.prepare(`SELECT * FROM sections WHERE id = ?`).get(sectionRowId) as StoredSection | undefined;
}

/** The snapshot a citation points at, by its raw and text hashes (whatever extractor produced it). */
export function findSnapshotByHashes(db: Store, rawSha256: string, textSha256: string): SnapshotRow | undefined {
  return db.prepare(`SELECT * FROM snapshots WHERE raw_sha256 = ? AND text_sha256 = ? LIMIT 1`).get(rawSha256, textSha256) as SnapshotRow | undefined;
}

function insertVerdict(db: Store, verdict: VerdictInput & { claim_id: number; citation_id: number | null }): void {
  db.prepare(
    `INSERT INTO verdicts (claim_id, citation_id, verdict, score, reason, quote_status, quote_start, quote_end, quote_similarity,
       evidence_start, evidence_end, evidence_text, is_flagged, verifier_id, verifier_version, created_at)
     VALUES (@claim_id, @citation_id, @verdict, @score, @reason, @quote_status, @quote_start, @quote_end, @quote_similarity,
       @evidence_start, @evidence_end, @evidence_text, @is_flagged, @verifier_id, @verifier_version, @created_at)`,
  ).run(verdict);
}

/** INSERT ... SELECT of one row with some columns overridden; returns the new row's id. */
function copyRow(db: Store, table: CopiedTable, id: number, overrides: Record<string, string | number | null>): number {
  const columns = (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name).filter((name) => name !== "id");
  const unknown = Object.keys(overrides).filter((name) => !columns.includes(name));
  if (unknown.length > 0) throw new Error(`copyRow: ${table} has no column ${unknown.join(", ")}`);
  const selected = columns.map((name) => (name in overrides ? `@${name}` : name)).join(", ");
  const result = db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) SELECT ${selected} FROM ${table} WHERE id = @copied_row_id`).run({ ...overrides, copied_row_id: id });
  if (result.changes !== 1) throw new Error(`copyRow: no ${table} row ${id}`);
  return Number(result.lastInsertRowid);
}
