import { loadFlag } from "../store/flags.ts";
import type { Store } from "../store/open-store.ts";
import { recordDecision, type ReviewDecision, type ReviewRow } from "../store/reviews.ts";
import type { VerdictInput } from "../store/sections.ts";
import { readSourceText } from "./read-source-text.ts";

// A reviewer's decision on one flag. approve, reject and retag are recorded as they are. A replaced
// citation or an edited sentence is verified again first, and counts only when the new verdict is
// not flagged: otherwise it is REFUSED (nothing stored, the verdict shown) so that the queue never
// hides a claim that still does not hold. The verification runs before the write transaction, never
// inside it.

/** Verifies a claim against its citations with the configured verifier (composed by the CLI). */
export type CheckClaim = (claim: { text: string; citations: { source: number; quote: string; sourceText: string | null }[] }) => Promise<{
  claim: VerdictInput;
  citations: VerdictInput[];
}>;

export const DECISIONS: readonly ReviewDecision[] = ["approve", "reject", "retag", "replace_citation", "edit"];

export interface DecisionInput {
  claimId: number;
  decision: ReviewDecision;
  note: string | null;
  reviewer: string;
  seenArticleVersionId: number;
  seenDecisionCount: number;
  /** replace_citation: the new source number and quote. */
  source?: number | undefined;
  quote?: string | undefined;
  /** edit: the new sentence. */
  text?: string | undefined;
}

export type DecideOutcome =
  | { kind: "stored"; review: ReviewRow }
  | { kind: "conflict"; message: string }
  | { kind: "not_found"; message: string }
  | { kind: "invalid"; message: string }
  | { kind: "refused"; message: string; verdict: VerdictInput; attempted: string }
  /** The verifier itself failed (no key for a judge, a network error): nothing was stored. */
  | { kind: "verifier_failed"; message: string };

const MAX_SENTENCE_CHARS = 600;
const MAX_QUOTE_CHARS = 1_000;
const MAX_NOTE_CHARS = 2_000;

export async function decideFlag(args: {
  db: Store;
  sourcesDir: string;
  checkClaim: CheckClaim | undefined;
  input: DecisionInput;
  now?: Date;
}): Promise<DecideOutcome> {
  const { db, input } = args;
  if (input.note !== null && input.note.length > MAX_NOTE_CHARS) return { kind: "invalid", message: `note: longer than ${MAX_NOTE_CHARS} characters` };
  if (input.reviewer.trim() === "") return { kind: "invalid", message: "reviewer: empty name" };
  let payload: Record<string, unknown> = {};
  if (input.decision === "replace_citation" || input.decision === "edit") {
    const checked = await recheck(args);
    if (checked.kind !== "ok") return checked;
    payload = checked.payload;
  }
  const outcome = recordDecision(db, {
    claimId: input.claimId,
    seenArticleVersionId: input.seenArticleVersionId,
    seenDecisionCount: input.seenDecisionCount,
    reviewer: input.reviewer.trim(),
    decision: input.decision,
    note: input.note,
    payload: JSON.stringify(payload),
    now: args.now ?? new Date(),
  });
  return outcome;
}

type Recheck = { kind: "ok"; payload: Record<string, unknown> } | Exclude<DecideOutcome, { kind: "stored" }>;

async function recheck(args: { db: Store; sourcesDir: string; checkClaim: CheckClaim | undefined; input: DecisionInput }): Promise<Recheck> {
  const { input } = args;
  if (!args.checkClaim) return { kind: "invalid", message: `${input.decision} needs a verifier, and none is configured here` };
  const flag = loadFlag(args.db, input.claimId);
  if (!flag) return { kind: "not_found", message: `flag ${input.claimId} does not exist` };
  const textOf = async (sourceNumber: number): Promise<string | null> => {
    const source = flag.sources.find((candidate) => candidate.source_number === sourceNumber);
    if (!source) return null;
    const read = await readSourceText(args.db, args.sourcesDir, source);
    return read.text;
  };

  if (input.decision === "edit") {
    const text = (input.text ?? "").replace(/\s+/g, " ").trim();
    if (text === "") return { kind: "invalid", message: "text: the edited sentence is empty" };
    if (text.length > MAX_SENTENCE_CHARS) return { kind: "invalid", message: `text: longer than ${MAX_SENTENCE_CHARS} characters` };
    if (text === flag.claim.text) return { kind: "invalid", message: "text: the sentence is unchanged; approve or reject it instead" };
    if (flag.claim.citations.length === 0) return { kind: "invalid", message: "edit: the claim cites no source to verify the edit against" };
    const citations = await Promise.all(
      flag.claim.citations.map(async (citation) => ({ source: citation.source_number, quote: citation.quote, sourceText: await textOf(citation.source_number) })),
    );
    const verdicts = await runCheck(args.checkClaim, { text, citations });
    if ("kind" in verdicts) return verdicts;
    if (verdicts.claim.is_flagged) return refused("the edited sentence does not verify against its citations", verdicts.claim, text);
    return { kind: "ok", payload: { text, verdict: verdicts.claim, citations: verdicts.citations } };
  }

  const source = input.source;
  const quote = (input.quote ?? "").trim();
  if (source === undefined || !Number.isInteger(source)) return { kind: "invalid", message: "source: expected a source number" };
  const row = flag.sources.find((candidate) => candidate.source_number === source);
  if (!row) return { kind: "invalid", message: `source: ${source} is not a source of ${flag.article.slug} v${flag.article.version}` };
  if (quote === "") return { kind: "invalid", message: "quote: empty quote" };
  if (quote.length > MAX_QUOTE_CHARS) return { kind: "invalid", message: `quote: longer than ${MAX_QUOTE_CHARS} characters` };
  const verdicts = await runCheck(args.checkClaim, { text: flag.claim.text, citations: [{ source, quote, sourceText: await textOf(source) }] });
  if ("kind" in verdicts) return verdicts;
  if (verdicts.claim.is_flagged) return refused(`the claim does not verify against source ${source} with that quote`, verdicts.claim, quote);
  return { kind: "ok", payload: { source, quote, text_sha256: row.text_sha256, verdict: verdicts.claim } };
}

function refused(message: string, verdict: VerdictInput, attempted: string): Recheck {
  return { kind: "refused", message: `${message} (${verdict.verdict}, ${verdict.reason}); nothing was stored`, verdict, attempted };
}

async function runCheck(check: CheckClaim, claim: Parameters<CheckClaim>[0]): Promise<Awaited<ReturnType<CheckClaim>> | { kind: "verifier_failed"; message: string }> {
  try {
    return await check(claim);
  } catch (error) {
    return { kind: "verifier_failed", message: `verification failed, nothing was stored: ${error instanceof Error ? error.message : String(error)}` };
  }
}
