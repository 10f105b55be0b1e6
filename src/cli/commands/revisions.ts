import { UsageError } from "../../domain/errors.ts";
import { decideRevision } from "../../pipeline/revise/decide-revision.ts";
import { deliverMail, describeDelivery } from "../../pipeline/revise/deliver-mail.ts";
import { createRevisionRunners, draftWaitingRevisions } from "../../pipeline/revise/process-revisions.ts";
import { revisionView } from "../../pipeline/revise/revision-desk.ts";
import { openExistingStore, type Store } from "../../store/open-store.ts";
import { getSuggestion, listSuggestions, type SuggestionRow, type SuggestionStatus } from "../../store/suggestions.ts";
import { EXIT, type CliIo, type Command, type ParsedValues } from "../command.ts";
import { DEFAULT_REVIEWER, loadCliConfig, reviewerFrom } from "../context.ts";
import { formatTable } from "../format-table.ts";

// `wikigen revisions`: the reviewer's terminal view of reader suggestions. list / show ID, draft
// (every received suggestion, or the ids named), approve ID / reject ID. Every run ends by sending
// what the mail outbox holds.

const ACTIONS = ["list", "show", "draft", "approve", "reject"] as const;
type Action = (typeof ACTIONS)[number];
const STATUSES: readonly SuggestionStatus[] = ["received", "drafted", "draft_failed", "approved", "rejected"];

export const revisionsCommand: Command = {
  usage: "revisions [list [--status S] | show ID | draft [ID...] [--offline] | approve ID | reject ID] [--note TEXT] [--reviewer NAME] [--json] [--db runs.db]",
  optionHelp: [
    `--status S       list only suggestions in this state (${STATUSES.join(", ")})`,
    "--offline        draft without fetching: reader sources must already be snapshotted",
    "--note TEXT      the reviewer's note, stored and mailed to the reader with the decision",
    `--reviewer NAME  who decides (default: $USER, else ${DEFAULT_REVIEWER})`,
    "--json           print one JSON document on stdout",
  ],
  options: { status: { type: "string" }, offline: { type: "boolean" }, note: { type: "string" }, reviewer: { type: "string" }, json: { type: "boolean" } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const [actionText = "list", ...rest] = positionals;
    if (!ACTIONS.includes(actionText as Action)) throw new UsageError(`expected one of ${ACTIONS.join(", ")}, got "${actionText}"`);
    const action = actionText as Action;
    const ids = rest.map((text) => {
      if (!/^\d{1,12}$/.test(text)) throw new UsageError(`suggestion id: expected a number (see wikigen revisions list), got "${text}"`);
      return Number(text);
    });
    if ((action === "show" || action === "approve" || action === "reject") && ids.length !== 1) throw new UsageError(`${action}: expected one suggestion id`);
    if (action === "list" && ids.length > 0) throw new UsageError("list: takes no id (use show ID)");
    const { config } = await loadCliConfig(values, io);
    const db = openExistingStore(config.paths.db);
    try {
      const code = await runAction({ action, ids, values, io, db, config });
      const note = describeDelivery(await deliverMail({ db, config, env: io.env }));
      if (note) io.stderr(`${note}\n`);
      return code;
    } finally {
      db.close();
    }
  },
};

async function runAction(args: { action: Action; ids: number[]; values: ParsedValues; io: CliIo; db: Store; config: Awaited<ReturnType<typeof loadCliConfig>>["config"] }): Promise<number> {
  const { action, ids, values, io, db, config } = args;
  if (action === "list") {
    const status = typeof values.status === "string" ? values.status : undefined;
    if (status !== undefined && !STATUSES.includes(status as SuggestionStatus)) throw new UsageError(`--status: expected one of ${STATUSES.join(", ")}, got "${status}"`);
    const rows = listSuggestions(db, status ? { statuses: [status as SuggestionStatus] } : {});
    if (values.json) io.stdout(`${JSON.stringify(rows.map(publicView), null, 2)}\n`);
    else if (rows.length === 0) io.stdout("no suggestions\n");
    else io.stdout(`${formatTable(["id", "article", "section", "status", "received", "credit", "change"], rows.map((row) => [String(row.id), row.article_slug, row.section_id, row.status, row.received_at.slice(0, 16), row.credit, oneLine(row.change_text, 50)]))}\n`);
    return EXIT.ok;
  }
  if (action === "show") {
    const row = getSuggestion(db, ids[0] as number);
    if (!row) throw new UsageError(`no suggestion #${String(ids[0])} (see wikigen revisions list)`);
    const view = revisionView(db, row);
    if (values.json) {
      io.stdout(`${JSON.stringify({ ...view, email: row.email }, null, 2)}\n`);
      return EXIT.ok;
    }
    io.stdout(`suggestion #${view.id}: ${view.article} / ${view.section}, ${view.status}, received ${view.receivedAt} by ${row.channel}; credit: ${view.creditedAs ?? "none"}\nchange: ${view.change}\nsources:\n`);
    for (const source of view.sources) io.stdout(`  ${source.number !== null ? `[${source.number}] ` : ""}${source.url}${source.error ? ` (not read: ${source.error})` : ""}\n`);
    if (view.draftError) io.stdout(`draft failed: ${view.draftError}\n`);
    if (view.claims.length > 0) io.stdout("drafted section:\n");
    for (const claim of view.claims) {
      io.stdout(`  ${claim.isFlagged ? "⚑ " : ""}${claim.text} [${claim.basis === "source" ? claim.sources.join(", ") : claim.basis.toUpperCase()}]${claim.verdict ? ` ${claim.verdict}${claim.isFlagged ? `: ${claim.reason ?? ""}` : ""}` : ""}\n`);
    }
    return EXIT.ok;
  }
  const runners = await createRevisionRunners(config, io.env, { isPreflight: action === "draft" });
  for (const line of runners.notes) io.stderr(`${line}\n`);
  if (action === "draft") {
    const { results, errors } = await draftWaitingRevisions({ db, config, runners, ids: ids.length > 0 ? ids : undefined, isOffline: values.offline === true });
    if (values.json) io.stdout(`${JSON.stringify({ drafted: results, errors }, null, 2)}\n`);
    else {
      for (const result of results) io.stdout(`suggestion #${result.id}: ${result.status === "drafted" ? `drafted, ${result.sentences} sentence(s), ${result.flagged} flagged` : `draft failed: ${result.error ?? ""}`}\n`);
      for (const error of errors) io.stdout(`suggestion #${error.id}: ${error.error}\n`);
      if (results.length + errors.length === 0) io.stdout("no suggestion waits for a draft\n");
    }
    return errors.length > 0 || results.some((result) => result.status === "draft_failed") ? EXIT.failedItems : EXIT.ok;
  }
  const note = typeof values.note === "string" && values.note.trim() !== "" ? values.note.trim() : null;
  const outcome = await decideRevision({ db, config, suggestionId: ids[0] as number, decision: action, reviewer: reviewerFrom(values, io.env), note, provider: runners.provider, verifier: runners.verifier });
  if (values.json) io.stdout(`${JSON.stringify(outcome, null, 2)}\n`);
  if (outcome.kind === "refused") {
    io.stderr(`wikigen revisions: ${outcome.message}\n`);
    return EXIT.fatal;
  }
  if (!values.json) io.stdout(outcome.kind === "approved" ? `suggestion #${outcome.id}: approved; ${outcome.slug} version ${outcome.version} stored (trigger revision)\n` : `suggestion #${outcome.id}: rejected\n`);
  return EXIT.ok;
}

/** A suggestion as listed: everything but the reader's email address. */
function publicView(row: SuggestionRow): Record<string, unknown> {
  return {
    id: row.id,
    channel: row.channel,
    article: row.article_slug,
    section: row.section_id,
    status: row.status,
    change: row.change_text,
    sources: JSON.parse(row.source_urls) as string[],
    credit: row.credit,
    name: row.credit_name,
    received_at: row.received_at,
    drafted_at: row.drafted_at,
    decided_at: row.decided_at,
    decided_by: row.decided_by,
    decision_note: row.decision_note,
    result_version_id: row.result_version_id,
  };
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
