import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Pricing } from "../../domain/cost.ts";
import { carrySection, findSnapshotByHashes, getSectionRow, readSectionClaims, type CarriedClaim, type ReplacementVerdicts } from "../../store/carry-section.ts";
import type { Store } from "../../store/open-store.ts";
import type { SectionPolicy } from "../../verification/check-evidence-policy.ts";
import type { Verifier } from "../../verification/types.ts";
import type { SectionSummary } from "../job-types.ts";
import { verifySectionClaims, type ClaimVerdictRows, type SectionVerification } from "./verify-section-claims.ts";

// A stored section carried into a new article version unchanged, or with its claims re-verified by
// today's verifier (claims, citations and quotes unchanged; new verdict rows). Verification runs
// first and the copy is one transaction afterwards, so nothing partial is ever stored.

export interface CarryStoredSectionInput {
  db: Store;
  articleVersionId: number;
  position: number;
  fromRowId: number;
  /** Present to re-verify: the verifier, and where snapshot texts live. */
  reverify?: { verifier: Verifier; sourcesDir: string; signal?: AbortSignal | undefined; runId: number; pricing: Pricing; policy: SectionPolicy } | undefined;
}

export async function carryStoredSection(input: CarryStoredSectionInput): Promise<SectionSummary> {
  const { db } = input;
  const replaced = input.reverify ? await reverifyClaims(db, input.fromRowId, input.reverify) : undefined;
  const rowId = carrySection(db, {
    fromRowId: input.fromRowId,
    articleVersionId: input.articleVersionId,
    position: input.position,
    ...(replaced ? { verdicts: replaced.verdicts, judgeCalls: replaced.judgeCalls } : {}),
  });
  const row = getSectionRow(db, rowId);
  if (!row) throw new Error(`carried section row ${rowId} is missing`);
  const claims = readSectionClaims(db, rowId);
  const count = (basis: CarriedClaim["basis"]) => claims.filter((claim) => claim.basis === basis).length;
  return {
    sectionId: row.section_id,
    status: row.status,
    error: row.error ?? undefined,
    claims: { source: count("source"), llm: count("llm"), example: count("example") },
    flags: claims.flatMap((claim) => (claim.flagReason ? [claim.flagReason] : [])),
    origin: input.reverify ? "reverified" : "carried",
  };
}

async function reverifyClaims(
  db: Store,
  fromRowId: number,
  options: NonNullable<CarryStoredSectionInput["reverify"]>,
): Promise<{ verdicts: ReplacementVerdicts; judgeCalls: SectionVerification["judgeCalls"] }> {
  const claims = readSectionClaims(db, fromRowId);
  const texts = new Map<string, Promise<string | null>>();
  // Each claim is checked against the very snapshot its citation recorded, not whatever is newest.
  const textOf = (citation: CarriedClaim["citations"][number]): Promise<string | null> => {
    if (!citation.raw_sha256 || !citation.text_sha256) return Promise.resolve(null);
    const key = `${citation.raw_sha256}/${citation.text_sha256}`;
    let text = texts.get(key);
    if (!text) {
      const snapshot = findSnapshotByHashes(db, citation.raw_sha256, citation.text_sha256);
      text = snapshot ? readFile(path.join(options.sourcesDir, snapshot.text_path), "utf8") : Promise.resolve(null);
      texts.set(key, text);
    }
    return text;
  };
  const toVerify = await Promise.all(
    claims.map(async (claim) => ({
      text: claim.text,
      basis: claim.basis,
      elaborated: claim.elaborated === 1,
      sourcedText: claim.sourced_text,
      citations: await Promise.all(claim.citations.map(async (citation) => ({ source: citation.source_number, quote: citation.quote, sourceText: await textOf(citation) }))),
    })),
  );
  const verification = await verifySectionClaims({
    claims: toVerify,
    verifier: options.verifier,
    policy: options.policy,
    signal: options.signal,
    judgeLog: { runId: options.runId, sectionId: getSectionRow(db, fromRowId)?.section_id ?? "", pricing: options.pricing },
  });
  const verdicts = new Map<number, ClaimVerdictRows>();
  claims.forEach((claim, index) => {
    const rows = verification.verdicts[index];
    if (rows) verdicts.set(claim.id, rows);
  });
  return { verdicts, judgeCalls: verification.judgeCalls };
}
