import type { Config } from "../../config/config-schema.ts";
import { PIPELINE_VERSION } from "../../domain/pipeline-version.ts";
import type { ModelProvider } from "../../providers/types.ts";
import { writeArticleOutputs } from "../../render/write-stored-article.ts";
import { decisionMail } from "../../revisions/compose-mail.ts";
import { getArticleVersion } from "../../store/articles.ts";
import { enqueueMail } from "../../store/mail-outbox.ts";
import type { Store } from "../../store/open-store.ts";
import { createRun, finishRun } from "../../store/runs.ts";
import { insertSectionResult, listSections } from "../../store/sections.ts";
import { getSuggestion, recordSuggestionDecision } from "../../store/suggestions.ts";
import type { Verifier } from "../../verification/types.ts";
import { prepareArticle } from "../generate/prepare-article.ts";
import { snapshotSpecSources } from "../generate/snapshot-spec-sources.ts";
import type { SectionSummary } from "../job-types.ts";
import { carryStoredSection } from "../record/carry-stored-section.ts";
import { finishArticle } from "../record/finish-article.ts";
import { loadTemplates } from "../wiring/load-templates.ts";
import { summaryOf } from "./accept-suggestion.ts";
import { parseRevisionDraft } from "./revision-draft.ts";

// A reviewer's decision on a drafted revision. Approval stores a new article version (its run's
// trigger is `revision`) in which the revised section is the drafted one, verified at drafting, and
// every other section is carried from the version the revision was drafted on, as regen carries
// unchanged sections. Either way the reader is mailed the decision.

export type RevisionDecisionOutcome =
  | { kind: "approved"; id: number; slug: string; version: number; outputs: string[] }
  | { kind: "rejected"; id: number }
  /** Nothing was written: no such suggestion, not waiting for a decision, or the article moved on. */
  | { kind: "refused"; id: number; message: string };

export async function decideRevision(args: {
  db: Store;
  config: Config;
  suggestionId: number;
  decision: "approve" | "reject";
  reviewer: string;
  note: string | null;
  provider: ModelProvider;
  verifier: Verifier;
  now?: () => Date;
}): Promise<RevisionDecisionOutcome> {
  const { db, suggestionId: id } = args;
  const now = args.now ?? (() => new Date());
  const row = getSuggestion(db, id);
  if (!row) return { kind: "refused", id, message: `no suggestion #${id} (see wikigen revisions list)` };
  if (row.status !== "drafted" && !(row.status === "draft_failed" && args.decision === "reject")) {
    return { kind: "refused", id, message: `suggestion #${id} is ${row.status.replace("_", " ")}${row.status === "received" ? " (draft it first: wikigen revisions draft)" : ""}; only a drafted one can be approved` };
  }
  const mail = (isApproved: boolean, version: number | null) => ({ suggestion_id: id, kind: "decision" as const, to_address: row.email, ...decisionMail(summaryOf(row), { isApproved, version, note: args.note }) });
  if (args.decision === "reject") {
    const isStored = db.transaction(() => {
      if (!recordSuggestionDecision(db, { id, status: "rejected", reviewer: args.reviewer, note: args.note, resultVersionId: null, now: now() })) return false;
      enqueueMail(db, mail(false, null), now());
      return true;
    })();
    return isStored ? { kind: "rejected", id } : { kind: "refused", id, message: `suggestion #${id} was decided meanwhile` };
  }
  const draft = parseRevisionDraft(row.draft);
  const latest = getArticleVersion(db, row.article_slug);
  if (!draft || !latest) return { kind: "refused", id, message: `suggestion #${id} has no stored draft or article` };
  if (latest.id !== row.base_version_id) {
    return { kind: "refused", id, message: `${row.article_slug} has a newer version (v${latest.version}) than the one this revision was drafted on; reject it, or draft it again with wikigen revisions draft ${id}` };
  }
  const { spec } = draft;
  const [templates] = [...(await loadTemplates(args.config, [spec])).values()];
  if (!templates) throw new Error(`no template ${spec.template}`);
  const runId = createRun(
    db,
    {
      command: "revisions approve",
      trigger: "revision",
      pipeline_version: PIPELINE_VERSION,
      provider: args.provider.id,
      model_requested: args.provider.model,
      verifier_id: args.verifier.id,
      verifier_version: args.verifier.version,
      options: JSON.stringify({ suggestion: id, reviewer: args.reviewer }),
    },
    now(),
  );
  try {
    // Snapshots as stored: the drafted claims were verified against them; nothing is fetched again.
    const [snapshotted] = await snapshotSpecSources({ specs: [spec], db, config: args.config, isRefresh: false, isOffline: true, now });
    const prepared = await prepareArticle({ db, config: args.config, runId, spec, sources: snapshotted?.sources ?? [], templates, provider: args.provider, verifier: args.verifier });
    const baseRows = new Map(listSections(db, latest.id).map((section) => [section.section_id, section.id]));
    const summaries: SectionSummary[] = [];
    for (const [position, section] of templates.sections.entries()) {
      if (section.id === row.section_id) {
        insertSectionResult(db, { articleVersionId: prepared.articleVersionId, runId, section: { ...draft.built.section, position }, claims: draft.built.claims, calls: [] });
        summaries.push({ ...draft.built.summary, costUsd: 0 });
        continue;
      }
      const fromRowId = baseRows.get(section.id);
      if (fromRowId !== undefined) summaries.push(await carryStoredSection({ db, articleVersionId: prepared.articleVersionId, position, fromRowId }));
    }
    const summary = finishArticle({ db, prepared, sections: summaries, left: [] });
    db.transaction(() => {
      recordSuggestionDecision(db, { id, status: "approved", reviewer: args.reviewer, note: args.note, resultVersionId: prepared.articleVersionId, now: now() });
      enqueueMail(db, mail(true, summary.version), now());
    })();
    finishRun(db, { runId, status: "done", now: now() });
    const outputs = await writeArticleOutputs({ db, outputDir: args.config.paths.output, slug: row.article_slug, version: summary.version });
    return { kind: "approved", id, slug: row.article_slug, version: summary.version, outputs };
  } catch (error) {
    finishRun(db, { runId, status: "failed", error: error instanceof Error ? error.message : String(error), now: now() });
    throw error;
  }
}
