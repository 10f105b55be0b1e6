import type { Config } from "../../config/config-schema.ts";
import { creditedAs } from "../../domain/reader-credit.ts";
import type { RevisionDesk, RevisionView } from "../../review/revision-desk.ts";
import type { Store } from "../../store/open-store.ts";
import { getSuggestion, listSuggestions, versionNumberOf, type SuggestionRow } from "../../store/suggestions.ts";
import { decideRevision } from "./decide-revision.ts";
import { deliverMail } from "./deliver-mail.ts";
import type { RevisionRunners } from "./process-revisions.ts";
import { parseRevisionDraft } from "./revision-draft.ts";

// The review desk's view of reader revisions, built from the store, and its decisions carried out by
// decideRevision (then the outbox is sent, so the reader hears at once when mail is configured).

export function revisionView(db: Store, row: SuggestionRow): RevisionView {
  const draft = parseRevisionDraft(row.draft);
  return {
    id: row.id,
    article: row.article_slug,
    section: row.section_id,
    status: row.status,
    receivedAt: row.received_at,
    change: row.change_text,
    creditedAs: creditedAs(row.credit, row.credit_name),
    sources: (JSON.parse(row.source_urls) as string[]).map((url) => {
      const source = draft?.readerSources.find((candidate) => candidate.url === url);
      return { url, number: source?.number ?? null, error: source?.error ?? null };
    }),
    claims: (draft?.built.claims ?? []).map((claim) => ({
      text: claim.text,
      basis: claim.basis,
      sources: claim.citations.map((citation) => citation.source_number),
      verdict: claim.verdict?.verdict ?? null,
      isFlagged: claim.verdict?.is_flagged === 1,
      reason: claim.verdict?.reason ?? null,
    })),
    draftError: row.draft_error,
    decidedBy: row.decided_by,
    decisionNote: row.decision_note,
    resultVersion: row.result_version_id === null ? null : (versionNumberOf(db, row.result_version_id) ?? null),
  };
}

export function createRevisionDesk(args: {
  db: Store;
  config: Config;
  env: Readonly<Record<string, string | undefined>>;
  /** Created on the first decision: showing the queue needs no provider. */
  runners: () => Promise<RevisionRunners>;
  log?: (line: string) => void;
}): RevisionDesk {
  const { db } = args;
  return {
    list: () => listSuggestions(db).reverse().map((row) => revisionView(db, row)),
    get: (id) => {
      const row = getSuggestion(db, id);
      return row ? revisionView(db, row) : undefined;
    },
    async decide({ id, decision, reviewer, note }) {
      const runners = await args.runners();
      const outcome = await decideRevision({ db, config: args.config, suggestionId: id, decision, reviewer, note, provider: runners.provider, verifier: runners.verifier });
      if (outcome.kind !== "refused") {
        await deliverMail({ db, config: args.config, env: args.env }).catch((error: unknown) => args.log?.(`mail: ${error instanceof Error ? error.message : String(error)}`));
      }
      if (outcome.kind === "approved") return { kind: "approved", version: outcome.version };
      if (outcome.kind === "rejected") return { kind: "rejected" };
      return { kind: "refused", message: outcome.message };
    },
  };
}
