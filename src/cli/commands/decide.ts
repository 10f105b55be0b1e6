import { UsageError } from "../../domain/errors.ts";
import { decideFlag } from "../../review/decide-flag.ts";
import { loadFlag } from "../../store/flags.ts";
import { openExistingStore } from "../../store/open-store.ts";
import { EXIT, type Command } from "../command.ts";
import { DEFAULT_REVIEWER, loadCliConfig, reviewerFrom } from "../context.ts";

// The terminal's way to decide a flag. It goes through the same check-and-insert as the page, with
// what the command read a moment earlier as "what the reviewer saw".

const TERMINAL_DECISIONS = ["approve", "reject", "retag"] as const;
type TerminalDecision = (typeof TERMINAL_DECISIONS)[number];

export const decideCommand: Command = {
  usage: "decide <flag-id> approve|reject|retag [--note TEXT] [--reviewer NAME] [--db runs.db]",
  optionHelp: ["--note TEXT      why (stored with the decision)", `--reviewer NAME  who decides (default: $USER, else ${DEFAULT_REVIEWER})`],
  options: { note: { type: "string" }, reviewer: { type: "string" } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const [idText, decision, ...rest] = positionals;
    if (idText === undefined || decision === undefined || rest.length > 0) throw new UsageError("expected a flag id and a decision");
    const claimId = Number(idText);
    if (!/^\d+$/.test(idText) || !Number.isSafeInteger(claimId)) throw new UsageError(`flag id: expected a number (see wikigen flags), got "${idText}"`);
    if (!TERMINAL_DECISIONS.includes(decision as TerminalDecision)) {
      throw new UsageError(`decision: expected approve, reject or retag, got "${decision}" (replace a citation or edit a sentence on the review page)`);
    }
    const { config } = await loadCliConfig(values, io);
    const reviewer = reviewerFrom(values, io.env);
    const db = openExistingStore(config.paths.db);
    try {
      const flag = loadFlag(db, claimId);
      if (!flag) {
        io.stderr(`wikigen decide: flag ${claimId} does not exist (see wikigen flags)\n`);
        return EXIT.fatal;
      }
      const note = typeof values.note === "string" && values.note.trim() !== "" ? values.note.trim() : null;
      const outcome = await decideFlag({
        db,
        sourcesDir: config.paths.sources,
        checkClaim: undefined,
        input: { claimId, decision: decision as TerminalDecision, note, reviewer, seenArticleVersionId: flag.article.id, seenDecisionCount: 0 },
      });
      if (outcome.kind !== "stored") {
        io.stderr(`wikigen decide: ${outcome.message}\n`);
        return EXIT.fatal;
      }
      io.stdout(`flag ${claimId} (${flag.article.slug} v${flag.article.version}, ${flag.section.section_id}): ${decision} recorded for ${reviewer} (review ${outcome.review.id})\n`);
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};
