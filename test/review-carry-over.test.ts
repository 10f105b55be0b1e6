import { appendFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import {
  claimIdsByText,
  FIRST_SCRIPT,
  generateScripted,
  LLM_CLAIM,
  MARKUP_QUOTE_CLAIM,
  MISSING_QUOTE_CLAIM,
  openReviewSession,
  renderPublished,
  SCRIPT_SOURCE_CLAIM,
  startReview,
  SUPPORTED_CLAIM,
  WRONG_SOURCE_CLAIM,
  YEAR_CLAIM,
  type ScriptedClaim,
  type SectionScript,
} from "./helpers/review-seed.ts";

// Decisions attach to claim keys (normalized sentence + cited snapshot hash + quote). Regenerating
// the article keeps an unchanged claim's decision; a changed sentence or a changed source brings the
// flag back; and a page still showing the old version gets a 409 instead of deciding a stale flag.

const CHANGED_CLAIM: ScriptedClaim = { ...MISSING_QUOTE_CLAIM, text: "Communities of practice cut clinician burnout by a third within a year." };

const SECOND_SCRIPT: SectionScript = {
  ...FIRST_SCRIPT,
  "core-principles": [{ kind: "paragraph", claims: [SUPPORTED_CLAIM, YEAR_CLAIM, CHANGED_CLAIM, LLM_CLAIM] }],
};

describe("decisions carry over to later versions by claim key", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-review-carry-", project: { kind: "review" }, fake: {} });
  let v1: Map<string, number>;
  let v2: Map<string, number>;
  let staleStatus: number;
  let staleText: string;

  beforeAll(async () => {
    await generateScripted({ harness, script: FIRST_SCRIPT });
    v1 = claimIdsByText(harness.dbFile);
    const review = harness.adopt(await startReview(harness.dir));
    const client = await openReviewSession(review.server.url);
    for (const [claim, decision] of [
      [YEAR_CLAIM, "reject"],
      [MISSING_QUOTE_CLAIM, "approve"],
      [SCRIPT_SOURCE_CLAIM, "approve"],
    ] as const) {
      const claimId = v1.get(claim.text) as number;
      const stored = await client.post(`/flags/${claimId}/decide`, { decision, ...(await client.seenFields(claimId)) });
      expect(stored.status).toBe(303);
    }
    // A reviewer opens a v1 flag, and meanwhile the article is regenerated with a changed source 3.
    const markup = v1.get(MARKUP_QUOTE_CLAIM.text) as number;
    const seen = await client.seenFields(markup);
    appendFileSync(path.join(harness.dir, "docs", "demo-article", "three.txt"), "\nA paragraph added after the first review.\n");
    await generateScripted({ harness, script: SECOND_SCRIPT });
    v2 = claimIdsByText(harness.dbFile);
    const stale = await client.post(`/flags/${markup}/decide`, { decision: "approve", ...seen });
    staleStatus = stale.status;
    staleText = stale.text;
  }, 120_000);

  it("does not flag the unchanged claim again, and flags the changed sentence and the claims on the changed source", async () => {
    const run = await harness.wikigen(["flags", "--json"], { env: {} });
    const listed = JSON.parse(run.stdout) as { flags: { id: number; claim: string; version: number }[] };
    expect(listed.flags.map((flag) => flag.claim)).toEqual([CHANGED_CLAIM.text, WRONG_SOURCE_CLAIM.text, SCRIPT_SOURCE_CLAIM.text, MARKUP_QUOTE_CLAIM.text]);
    expect(listed.flags.every((flag) => flag.version === 2)).toBe(true);
    expect(listed.flags.map((flag) => flag.id)).toEqual([CHANGED_CLAIM, WRONG_SOURCE_CLAIM, SCRIPT_SOURCE_CLAIM, MARKUP_QUOTE_CLAIM].map((claim) => v2.get(claim.text)));

    const db = harness.openDb();
    const keyOf = (claimId: number | undefined) => (db.prepare("SELECT claim_key FROM claims WHERE id = ?").get(claimId) as { claim_key: string }).claim_key;
    const flaggedInV2 = db.prepare("SELECT is_flagged FROM verdicts WHERE claim_id = ? AND citation_id IS NULL").get(v2.get(YEAR_CLAIM.text)) as { is_flagged: number };
    expect(flaggedInV2.is_flagged).toBe(1); // still flagged by the verifier; the decision is what resolves it
    expect(keyOf(v2.get(YEAR_CLAIM.text))).toBe(keyOf(v1.get(YEAR_CLAIM.text)));
    expect(keyOf(v2.get(SCRIPT_SOURCE_CLAIM.text))).not.toBe(keyOf(v1.get(SCRIPT_SOURCE_CLAIM.text)));
    const decisions = db.prepare("SELECT decision FROM reviews ORDER BY id").all();
    db.close();
    expect(decisions).toEqual([{ decision: "reject" }, { decision: "approve" }, { decision: "approve" }]);
  });

  it("answers 409 to a decision made on a page of the superseded version, and stores nothing", () => {
    expect(staleStatus).toBe(409);
    expect(staleText).toContain("but v2 is now the newest version");
    const db = harness.openDb();
    const count = db.prepare("SELECT COUNT(*) AS n FROM reviews").get() as { n: number };
    db.close();
    expect(count.n).toBe(3);
  });

  it("publishes v2 without the claim rejected on v1", () => {
    const { version, published: page, undecided } = renderPublished(harness.dbFile);
    expect(version).toBe(2);
    expect(undecided).toContain(YEAR_CLAIM.text); // so its absence below is the v1 decision at work
    expect(page).not.toContain(YEAR_CLAIM.text);
    expect(page).toContain(SUPPORTED_CLAIM.text);
  });
});
