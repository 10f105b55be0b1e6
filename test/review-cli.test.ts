import { beforeAll, describe, expect, it } from "vitest";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import { claimIdsByText, FIRST_SCRIPT, FLAGGED_CLAIMS, generateScripted, SUPPORTED_CLAIM, YEAR_CLAIM } from "./helpers/review-seed.ts";

// `wikigen flags` and `wikigen decide`: the same queue as the page, for scripts and terminals.

interface FlagJson {
  id: number;
  article: string;
  version: number;
  section: string;
  claim: string;
  claim_key: string;
  reason: string;
}

describe("wikigen flags / decide", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-review-cli-", project: { kind: "review" }, fake: {} });
  let ids: Map<string, number>;
  const cli = (args: string[]) => harness.wikigen(args, { env: { USER: "shell-user" } });
  const openFlags = async (extra: string[] = []) => {
    const run = await cli(["flags", "--json", ...extra]);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as { count: number; flags: FlagJson[] };
  };

  beforeAll(async () => {
    await generateScripted({ harness, script: FIRST_SCRIPT });
    ids = claimIdsByText(harness.dbFile);
  }, 120_000);

  it("lists the open flags with the claim id as flag id, in queue order", async () => {
    const listed = await openFlags();
    expect(listed.count).toBe(FLAGGED_CLAIMS.length);
    expect(listed.flags.map((flag) => flag.claim)).toEqual(FLAGGED_CLAIMS.map((claim) => claim.text));
    expect(listed.flags.map((flag) => flag.id)).toEqual(FLAGGED_CLAIMS.map((claim) => ids.get(claim.text)));
    expect(listed.flags[0]).toMatchObject({ article: "demo-article", version: 1, section: "core-principles", reason: "number_mismatch: claim 1998, source 1991" });
    const unknown = await cli(["flags", "--json", "--article", "no-such-article"]);
    expect([unknown.code, unknown.stdout]).toEqual([1, ""]);
    expect(unknown.stderr).toContain('--article: no article "no-such-article" in runs.db (stored: demo-article)');
    const table = await cli(["flags", "--article", "demo-article"]);
    expect(table.stdout).toMatch(new RegExp(`^\\s*${ids.get(YEAR_CLAIM.text)}\\s+demo-article v1\\s+core-principles\\s+number_mismatch\\s`, "m"));
    expect(table.stdout).toContain(`${FLAGGED_CLAIMS.length} open flags`);
  });

  it("records a decision as a row, after which the flag leaves the queue and cannot be decided again", async () => {
    const claimId = ids.get(YEAR_CLAIM.text) as number;
    const run = await cli(["decide", String(claimId), "reject", "--note", "the book is from 1991", "--reviewer", "carol"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`flag ${claimId} (demo-article v1, core-principles): reject recorded for carol`);
    const db = harness.openDb();
    const rows = db.prepare("SELECT claim_id, article_version_id, reviewer, decision, note, payload, claim_key FROM reviews").all();
    const claim = db.prepare("SELECT claim_key FROM claims WHERE id = ?").get(claimId) as { claim_key: string };
    const version = db.prepare("SELECT id FROM article_versions WHERE slug = 'demo-article' AND version = 1").get() as { id: number };
    db.close();
    expect(rows).toEqual([
      { claim_id: claimId, article_version_id: version.id, reviewer: "carol", decision: "reject", note: "the book is from 1991", payload: "{}", claim_key: claim.claim_key },
    ]);
    const after = await openFlags();
    expect(after.flags.map((flag) => flag.id)).not.toContain(claimId);
    expect(after.count).toBe(FLAGGED_CLAIMS.length - 1);

    const again = await cli(["decide", String(claimId), "approve"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`flag ${claimId} was decided meanwhile (reject by carol`);
  });

  it("refuses unknown flags, claims that are not flagged and decisions it cannot make", async () => {
    const missing = await cli(["decide", "99999", "approve"]);
    expect([missing.code, missing.stderr]).toEqual([1, "wikigen decide: flag 99999 does not exist (see wikigen flags)\n"]);
    const supported = await cli(["decide", String(ids.get(SUPPORTED_CLAIM.text)), "approve"]);
    expect(supported.code).toBe(1);
    expect(supported.stderr).toContain("is not flagged");
    const edit = await cli(["decide", String(ids.get(FLAGGED_CLAIMS[1]?.text ?? "")), "edit"]);
    expect(edit.code).toBe(1);
    expect(edit.stderr).toContain("decision: expected approve, reject or retag");
    // The default reviewer is the login name.
    const retag = await cli(["decide", String(ids.get(FLAGGED_CLAIMS[1]?.text ?? "")), "retag"]);
    expect(retag.stdout).toContain("retag recorded for shell-user");
  });
});
