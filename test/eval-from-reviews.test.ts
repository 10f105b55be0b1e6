import Database from "better-sqlite3";
import { rmSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isJudgeRequest } from "./helpers/fake-anthropic.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import {
  claimIdsByText,
  FIRST_SCRIPT,
  generateScripted,
  MARKUP_QUOTE_CLAIM,
  MISSING_QUOTE_CLAIM,
  SCRIPT_SOURCE_CLAIM,
  WRONG_SOURCE_CLAIM,
  YEAR_CLAIM,
} from "./helpers/review-seed.ts";
import { withoutModelReads } from "./helpers/fake-models-route.ts";

// `wikigen eval --from-reviews` on a store seeded through the real CLI: `generate` against the fake
// Messages API flags five claims (offline verifier), `decide` labels them, and one cited snapshot's
// text file is then removed. The offline verifier is scored, then the llm verifier with a judge that
// calls everything supported, which turns the rejected wrong-year claim into a false accept.

interface EvalJson {
  verifier: { id: string; version: string };
  labels: string;
  decisions: { total: number; superseded: number; newest: number; used: number; skipped: number; used_by_decision: Record<string, number>; skipped_by_reason: Record<string, number> };
  count: number;
  matrix: { supported: { accepted: number; flagged: number }; not_supported: { accepted: number; flagged: number } };
  balanced_accuracy: number | null;
  not_supported_precision: number | null;
  not_supported_recall: number | null;
  false_accepts: number;
  false_accept_claims: { claim_id: number; claim: string; decision: string; label: string; verdict: string; accepted: boolean }[];
  skipped: { claim_id: number; decision: string; reason: string; detail: string }[];
  claims: { claim_id: number; decision: string; label: string; verdict: string; reason: string; accepted: boolean }[];
}

describe("wikigen eval --from-reviews", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-eval-", project: { kind: "review" }, fake: {} });
  let ids: Map<string, number>;
  const idOf = (text: string) => ids.get(text) as number;

  it("refuses a missing store and a call without --from-reviews (exit 1)", async () => {
    const missing = await harness.wikigen(["eval", "--from-reviews", "--db", "nowhere.db"]);
    expect([missing.code, missing.stdout]).toEqual([1, ""]);
    expect(missing.stderr).toContain("no store at nowhere.db");
    const noFlag = await harness.wikigen(["eval"]);
    expect(noFlag.code).toBe(1);
    expect(noFlag.stderr).toContain("expected --from-reviews");
  });

  it("has nothing to score before any decision: exit 1 with a message, the empty counts still printed", async () => {
    await generateScripted({ harness, script: FIRST_SCRIPT });
    ids = claimIdsByText(harness.dbFile);
    const before = await harness.wikigen(["eval", "--from-reviews", "--json"]);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/^wikigen eval: nothing to score in \S*runs\.db: no reviewer decisions are stored \(decide flags with wikigen decide or wikigen review\)\n$/);
    const result = JSON.parse(before.stdout) as EvalJson;
    expect([result.decisions, result.count, result.balanced_accuracy]).toEqual([
      { total: 0, superseded: 0, newest: 0, used: 0, skipped: 0, used_by_decision: {}, skipped_by_reason: {} },
      0,
      null,
    ]);
  }, 120_000);

  describe("on a store with decisions", () => {
    beforeAll(async () => {
      const decisions: [string, string][] = [
        [YEAR_CLAIM.text, "reject"],
        [MISSING_QUOTE_CLAIM.text, "retag"],
        [WRONG_SOURCE_CLAIM.text, "approve"],
        [SCRIPT_SOURCE_CLAIM.text, "reject"],
        [MARKUP_QUOTE_CLAIM.text, "approve"],
      ];
      for (const [text, decision] of decisions) {
        const run = await harness.wikigen(["decide", String(idOf(text)), decision, "--reviewer", "dana"]);
        expect(run.code, run.stderr).toBe(0);
      }
      // Source 3's snapshot text is pruned: its two claims can no longer be checked against what the reviewer saw.
      const db = harness.openDb();
      const snapshot = db
        .prepare("SELECT sn.text_path FROM citations ci JOIN snapshots sn ON sn.raw_sha256 = ci.raw_sha256 AND sn.text_sha256 = ci.text_sha256 WHERE ci.claim_id = ?")
        .get(idOf(SCRIPT_SOURCE_CLAIM.text)) as { text_path: string };
      db.close();
      rmSync(path.join(harness.dir, "sources", snapshot.text_path));
    }, 120_000);

    it("scores the offline verifier: counts, confusion matrix, balanced accuracy, precision and recall of not supported", async () => {
      const run = await harness.wikigen(["eval", "--from-reviews", "--json"]);
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as EvalJson;
      expect(result.verifier.id).toBe("offline");
      expect(result.decisions).toEqual({
        total: 5,
        superseded: 0,
        newest: 5,
        used: 3,
        skipped: 2,
        used_by_decision: { reject: 1, retag: 1, approve: 1 },
        skipped_by_reason: { no_snapshot_text: 2 },
      });
      expect(result.skipped.map((skip) => [skip.claim_id, skip.decision, skip.reason])).toEqual([
        [idOf(SCRIPT_SOURCE_CLAIM.text), "reject", "no_snapshot_text"],
        [idOf(MARKUP_QUOTE_CLAIM.text), "approve", "no_snapshot_text"],
      ]);
      expect(result.skipped[0]?.detail).toMatch(/^source 3: cannot read /);
      // Every decided claim was flagged by this same verifier, so it flags them again: the approved
      // one is a false flag, the rejected and retagged ones true flags.
      expect(result.claims.map((claim) => [claim.claim_id, claim.label, claim.verdict, claim.accepted])).toEqual([
        [idOf(YEAR_CLAIM.text), "not_supported", "not_supported", false],
        [idOf(MISSING_QUOTE_CLAIM.text), "not_supported", "not_supported", false],
        [idOf(WRONG_SOURCE_CLAIM.text), "supported", "not_supported", false],
      ]);
      expect(result.claims[0]?.reason).toBe("number_mismatch: claim 1998, source 1991");
      expect({
        count: result.count,
        matrix: result.matrix,
        balanced_accuracy: result.balanced_accuracy,
        not_supported_precision: result.not_supported_precision,
        not_supported_recall: result.not_supported_recall,
        false_accepts: result.false_accepts,
        false_accept_claims: result.false_accept_claims,
      }).toEqual({
        count: 3,
        matrix: { supported: { accepted: 0, flagged: 1 }, not_supported: { accepted: 0, flagged: 2 } },
        // (recall of supported 0/1 + recall of not supported 2/2) / 2
        balanced_accuracy: 0.5,
        not_supported_precision: 2 / 3,
        not_supported_recall: 1,
        false_accepts: 0,
        false_accept_claims: [],
      });
    });

    it("scores the llm verifier chosen with --verifier and lists its false accept", async () => {
      harness.fake.setResponder((request) =>
        isJudgeRequest(request)
          ? { kind: "message", content: { verdict: "supported", reason: "supported", supporting_span: "" } }
          : { kind: "message", content: { blocks: [] } },
      );
      const run = await harness.wikigen(["eval", "--from-reviews", "--verifier", "llm", "--json"]);
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as EvalJson;
      expect(result.verifier.id).toBe("llm");
      // Quotes not found in their source are flagged before any judge call; the wrong year reaches
      // the judge, which accepts it.
      expect(withoutModelReads(harness.fake.requests).filter(isJudgeRequest)).toHaveLength(1);
      expect(result.matrix).toEqual({ supported: { accepted: 0, flagged: 1 }, not_supported: { accepted: 1, flagged: 1 } });
      expect([result.balanced_accuracy, result.not_supported_precision, result.not_supported_recall, result.false_accepts]).toEqual([0.25, 0.5, 0.5, 1]);
      expect(result.false_accept_claims.map((claim) => [claim.claim_id, claim.claim, claim.decision, claim.verdict])).toEqual([
        [idOf(YEAR_CLAIM.text), YEAR_CLAIM.text, "reject", "supported"],
      ]);
    });

    it("prints the counts, the matrix and the scores as text", async () => {
      const run = await harness.wikigen(["eval", "--from-reviews"]);
      expect(run.code, run.stderr).toBe(0);
      const lines = run.stdout.split("\n");
      expect(lines[0]).toMatch(/^verifier offline \S+ on reviewer decisions \(approve = supported; reject, retag = not supported; replace_citation, edit = excluded/);
      expect(lines.slice(1)).toEqual([
        "decisions: 5 stored, 0 superseded by a newer one on the same claim, 3 used, 2 skipped (no_snapshot_text 2)",
        "",
        "reviewer \\ verifier  accepted  flagged",
        "supported                   0        1",
        "not supported               0        2",
        "",
        "balanced accuracy 0.500",
        "not supported: precision 0.667, recall 1.000",
        "false accepts: 0 (reviewer rejected or retagged, verifier accepts)",
        "",
      ]);
    });

    // Neither decide nor the page records a second decision on a key today (both refuse a decided
    // flag), so the later decision is written as a row here, as a future "change my mind" would.
    it("counts only the newest decision per claim key", async () => {
      const db = new Database(harness.dbFile);
      db.prepare(
        `INSERT INTO reviews (claim_key, claim_id, article_version_id, reviewer, decided_at, decision, note, payload)
         SELECT claim_key, claim_id, article_version_id, 'erin', '2026-12-01T00:00:00.000Z', 'approve', 'the year is a typo, fixed upstream', '{}'
         FROM reviews WHERE claim_id = ?`,
      ).run(idOf(YEAR_CLAIM.text));
      db.close();
      const run = await harness.wikigen(["eval", "--from-reviews", "--json"]);
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as EvalJson;
      expect(result.decisions).toMatchObject({ total: 6, superseded: 1, newest: 5, used: 3, skipped: 2, used_by_decision: { approve: 2, retag: 1 } });
      expect(result.claims.find((claim) => claim.claim_id === idOf(YEAR_CLAIM.text))).toMatchObject({ decision: "approve", label: "supported", accepted: false });
      expect(result.matrix).toEqual({ supported: { accepted: 0, flagged: 2 }, not_supported: { accepted: 0, flagged: 1 } });
    });
  });
});
