import { UsageError } from "../../domain/errors.ts";
import { evaluateFromReviews, type ReviewEvaluation } from "../../pipeline/evaluate/evaluate-from-reviews.ts";
import { createVerifier } from "../../pipeline/wiring/create-verifier.ts";
import { preflightModels } from "../../pipeline/wiring/preflight-models.ts";
import { openExistingStore } from "../../store/open-store.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";
import { formatTable } from "../format-table.ts";

// The verifier measured on the team's own claims: reviewer decisions as labels (approve =
// supported; reject, retag = not supported; replace_citation and edit excluded), scored release
// after release with whatever verifier is configured.

/** What each decision means here, printed with every result so nobody has to guess. */
const LABEL_RULE = "approve = supported; reject, retag = not supported; replace_citation, edit = excluded (the citation or sentence changed)";

export const evalCommand: Command = {
  usage: "eval --from-reviews [--verifier offline|llm|cascade] [--json] [--db runs.db]",
  optionHelp: [
    "--from-reviews   label claims by their newest reviewer decision: " + LABEL_RULE,
    "--verifier NAME  the verifier to score: offline, llm or cascade (default from config; the judge needs ANTHROPIC_API_KEY)",
    "--json           print one JSON document on stdout, with every false accept and skipped decision",
    "                 exit 0 scored; 1 no store or no usable decision; 2 scored, the verifier failed on some claims",
  ],
  options: { "from-reviews": { type: "boolean" }, verifier: { type: "string" }, json: { type: "boolean" } },
  allowPositionals: false,
  async run({ values, io }) {
    if (values["from-reviews"] !== true) throw new UsageError("expected --from-reviews (reviewer decisions are the only labelled set so far)");
    const { config } = await loadCliConfig(values, io);
    const db = openExistingStore(config.paths.db);
    try {
      const verifier = await createVerifier(config, undefined, io.env);
      for (const line of await preflightModels({ config, verifier })) io.stderr(`${line}\n`);
      const evaluation = await evaluateFromReviews({ db, sourcesDir: config.paths.sources, verifier });
      if (values.json) io.stdout(`${JSON.stringify(toJson(evaluation), null, 2)}\n`);
      else io.stdout(formatText(evaluation));
      if (evaluation.decisions.used === 0) {
        // No score is not a pass: a scheduled job comparing releases must not read it as one.
        const why = evaluation.decisions.total === 0 ? "no reviewer decisions are stored" : `none of the ${evaluation.decisions.newest} newest decisions could be used`;
        io.stderr(`wikigen eval: nothing to score in ${config.paths.db}: ${why} (decide flags with wikigen decide or wikigen review)\n`);
        return EXIT.fatal;
      }
      return evaluation.skipped.some((skip) => skip.reason === "verifier_failed") ? EXIT.failedItems : EXIT.ok;
    } finally {
      db.close();
    }
  },
};

function countReasons(evaluation: ReviewEvaluation): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const skip of evaluation.skipped) counts[skip.reason] = (counts[skip.reason] ?? 0) + 1;
  return counts;
}

function toJson(evaluation: ReviewEvaluation): unknown {
  const byDecision: Record<string, number> = {};
  for (const claim of evaluation.claims) byDecision[claim.decision] = (byDecision[claim.decision] ?? 0) + 1;
  return {
    verifier: evaluation.verifier,
    labels: LABEL_RULE,
    decisions: { ...evaluation.decisions, used_by_decision: byDecision, skipped_by_reason: countReasons(evaluation) },
    ...evaluation.score,
    false_accept_claims: evaluation.claims.filter((claim) => claim.label === "not_supported" && claim.accepted),
    skipped: evaluation.skipped,
    claims: evaluation.claims,
  };
}

function formatText(evaluation: ReviewEvaluation): string {
  const { decisions, score, verifier } = evaluation;
  const share = (value: number | null) => (value === null ? "n/a" : value.toFixed(3));
  const reasons = Object.entries(countReasons(evaluation)).map(([reason, count]) => `${reason} ${count}`);
  const lines = [
    `verifier ${verifier.id} ${verifier.version} on reviewer decisions (${LABEL_RULE})`,
    `decisions: ${decisions.total} stored, ${decisions.superseded} superseded by a newer one on the same claim, ${decisions.used} used, ${decisions.skipped} skipped${reasons.length > 0 ? ` (${reasons.join(", ")})` : ""}`,
  ];
  if (decisions.used > 0) {
    lines.push(
      "",
      formatTable(
        ["reviewer \\ verifier", "accepted", "flagged"],
        [
          ["supported", score.matrix.supported.accepted, score.matrix.supported.flagged],
          ["not supported", score.matrix.not_supported.accepted, score.matrix.not_supported.flagged],
        ],
      ),
      "",
      `balanced accuracy ${share(score.balanced_accuracy)}${score.balanced_accuracy === null ? " (needs both approved and rejected claims)" : ""}`,
      `not supported: precision ${share(score.not_supported_precision)}, recall ${share(score.not_supported_recall)}`,
      `false accepts: ${score.false_accepts} (reviewer rejected or retagged, verifier accepts)`,
    );
    for (const claim of evaluation.claims.filter((item) => item.label === "not_supported" && item.accepted)) {
      lines.push(`  claim ${claim.claim_id} (${claim.article} v${claim.version}, ${claim.section}, ${claim.decision}): ${claim.claim}`);
    }
  }
  for (const skip of evaluation.skipped.filter((item) => item.reason === "verifier_failed")) {
    lines.push(`verifier failed on claim ${skip.claim_id}: ${skip.detail}`);
  }
  return `${lines.join("\n")}\n`;
}
