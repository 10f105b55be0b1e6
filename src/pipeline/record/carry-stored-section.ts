import type { Config } from "../../config/config-schema.ts";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { carrySection, findSnapshotByHashes, getSectionRow, readSectionClaims, type CarriedClaim, type ReplacementVerdicts } from "../../store/carry-section.ts";
import type { Store } from "../../store/open-store.ts";
import type { Verifier } from "../../verification/types.ts";
import { verifyClaim } from "../../verification/verify-claim.ts";
import { collectJudgeCalls } from "./record-judge-calls.ts";
import { verdictRow } from "./section-rows.ts";
import type { SectionSummary } from "../generate/generate-article.ts";

// A stored section carried into a new article version unchanged, or with its claims re-verified by
// today's verifier (claims, citations and quotes unchanged; new verdict rows). Verification runs
// first and the copy is one transaction afterwards, so nothing partial is ever stored.

export interface CarryStoredSectionInput {
  db: Store;
  articleVersionId: number;
  position: number;
  fromRowId: number;
  /** Present to re-verify: the verifier, and where snapshot texts live. */
  reverify?: { verifier: Verifier; sourcesDir: string; signal?: AbortSignal | undefined; runId: number; config: Config } | undefined;
}

export async function carryStoredSection(input: CarryStoredSectionInput): Promise<SectionSummary> {
  const { db } = input;
  const reverify = input.reverify;
  const judged = reverify
    ? await collectJudgeCalls(() => reverifyClaims(db, readSectionClaims(db, input.fromRowId), reverify), {
        runId: reverify.runId,
        sectionId: getSectionRow(db, input.fromRowId)?.section_id ?? "",
        config: reverify.config,
      })
    : undefined;
  const rowId = carrySection(db, {
    fromRowId: input.fromRowId,
    articleVersionId: input.articleVersionId,
    position: input.position,
    ...(judged ? { verdicts: judged.value, judgeCalls: judged.calls } : {}),
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
  claims: CarriedClaim[],
  options: NonNullable<CarryStoredSectionInput["reverify"]>,
): Promise<ReplacementVerdicts> {
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
  const now = new Date();
  const verdicts = new Map<number, { claim: ReturnType<typeof verdictRow>; citations: ReturnType<typeof verdictRow>[] }>();
  for (const claim of claims) {
    if (claim.basis !== "source") continue;
    const citations = await Promise.all(
      claim.citations.map(async (citation) => ({ source: citation.source_number, quote: citation.quote, sourceText: await textOf(citation) })),
    );
    const result = await verifyClaim({ text: claim.text, citations }, options.verifier, { signal: options.signal });
    verdicts.set(claim.id, { claim: verdictRow(result.claim, now), citations: result.citations.map((verdict) => verdictRow(verdict, now)) });
  }
  return verdicts;
}
