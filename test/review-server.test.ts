import { beforeAll, describe, expect, it } from "vitest";
import { SOURCE_ONE, SOURCE_TWO } from "./helpers/article-fixture.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import {
  claimIdOf,
  claimIdsByText,
  FIRST_SCRIPT,
  generateScripted,
  MARKUP_QUOTE_CLAIM,
  MISSING_QUOTE_CLAIM,
  openReviewSession,
  reviewsOfClaim,
  SCRIPT_SOURCE_CLAIM,
  startReview,
  WRONG_SOURCE_CLAIM,
  YEAR_CLAIM,
} from "./helpers/review-seed.ts";

// The review server over a store seeded through `wikigen generate` (fake Anthropic API, offline
// verifier): 409 on stale decisions, concurrent reviewers, and re-verification of edits and
// replaced citations. Attacks on it (escaping, CSP, CSRF, Origin, Host) are in
// test/hostile/review-attacks.test.ts.

describe("review server", () => {
  const harness = useIntegrationHarness({ prefix: "wikigen-review-server-", project: { kind: "review", slugs: ["demo-article", "second-article"] }, fake: {} });
  let review: Awaited<ReturnType<typeof startReview>>;
  let first: Map<string, number>;
  let second: Map<string, number>;

  const id = claimIdOf;
  const reviewsOf = (claimId: number) => reviewsOfClaim(harness, claimId);

  beforeAll(async () => {
    await generateScripted({ harness, script: FIRST_SCRIPT, slug: "demo-article" });
    await generateScripted({ harness, script: FIRST_SCRIPT, slug: "second-article" });
    first = claimIdsByText(harness.dbFile, "demo-article");
    second = claimIdsByText(harness.dbFile, "second-article");
    review = harness.adopt(await startReview(harness.dir));
  }, 120_000);


  it("answers 409 to a decision on a flag decided meanwhile, keeping the first decision", async () => {
    const a = await openReviewSession(review.server.url);
    const b = await openReviewSession(review.server.url);
    await a.post("/session/reviewer", { reviewer: "alice" });
    await b.post("/session/reviewer", { reviewer: "bob" });
    const claimId = id(second, YEAR_CLAIM.text);
    const seenByA = await a.seenFields(claimId);
    const seenByB = await b.seenFields(claimId);
    const stored = await a.post(`/flags/${claimId}/decide`, { decision: "reject", note: "wrong year", ...seenByA });
    expect(stored.status).toBe(303);
    expect(stored.location).toMatch(/^\/flags\/\d+\?decided=\d+#focus$/);
    const late = await b.post(`/flags/${claimId}/decide`, { decision: "approve", ...seenByB });
    expect(late.status).toBe(409);
    expect(late.text).toContain("was decided meanwhile (reject by alice");
    expect(reviewsOf(claimId)).toEqual([{ claim_id: claimId, reviewer: "alice", decision: "reject", note: "wrong year", payload: "{}" }]);
    // The flag has left the queue; its page shows the decision and offers no form.
    const page = await b.get(`/flags/${claimId}`);
    expect(page.text).toContain("Decided");
    expect(page.text).not.toContain('name="decision"');
  });

  it("keeps both of two concurrent decisions on different flags, and exactly one on the same flag", async () => {
    const a = await openReviewSession(review.server.url);
    const b = await openReviewSession(review.server.url);
    await a.post("/session/reviewer", { reviewer: "alice" });
    await b.post("/session/reviewer", { reviewer: "bob" });
    const script = id(first, SCRIPT_SOURCE_CLAIM.text);
    const markup = id(first, MARKUP_QUOTE_CLAIM.text);
    const [fromA, fromB] = await Promise.all([
      a.seenFields(script).then((seen) => a.post(`/flags/${script}/decide`, { decision: "approve", ...seen })),
      b.seenFields(markup).then((seen) => b.post(`/flags/${markup}/decide`, { decision: "reject", ...seen })),
    ]);
    expect([fromA.status, fromB.status]).toEqual([303, 303]);
    expect(reviewsOf(script).map((row) => [row.reviewer, row.decision])).toEqual([["alice", "approve"]]);
    expect(reviewsOf(markup).map((row) => [row.reviewer, row.decision])).toEqual([["bob", "reject"]]);

    const same = id(second, MISSING_QUOTE_CLAIM.text);
    const [seenA, seenB] = await Promise.all([a.seenFields(same), b.seenFields(same)]);
    const race = await Promise.all([
      a.post(`/flags/${same}/decide`, { decision: "approve", ...seenA }),
      b.post(`/flags/${same}/decide`, { decision: "reject", ...seenB }),
    ]);
    expect(race.map((response) => response.status).sort()).toEqual([303, 409]);
    expect(reviewsOf(same)).toHaveLength(1);
  });

  it("verifies an edited sentence first: one that still fails is refused with its verdict, one that holds is stored", async () => {
    const client = await openReviewSession(review.server.url);
    const claimId = id(first, YEAR_CLAIM.text);
    const seen = await client.seenFields(claimId);
    const refused = await client.post(`/flags/${claimId}/decide`, { decision: "edit", text: "Jean Lave and Etienne Wenger introduced the term in 1998 in their book.", ...seen });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("the edited sentence does not verify against its citations");
    expect(refused.text).toContain("number_mismatch: claim 1998, source 1991");
    expect(reviewsOf(claimId)).toEqual([]);

    const good = "Jean Lave and Etienne Wenger introduced the term in 1991 in their book on situated learning.";
    const stored = await client.post(`/flags/${claimId}/decide`, { decision: "edit", text: good, note: "fixed the year", ...seen });
    expect(stored.status).toBe(303);
    const [row] = reviewsOf(claimId);
    expect(row).toMatchObject({ decision: "edit", note: "fixed the year", reviewer: "tester" });
    expect(JSON.parse(row?.payload ?? "{}")).toMatchObject({ text: good, verdict: { verdict: "supported", is_flagged: 0, verifier_id: "offline" } });
  });

  it("locates and verifies a replaced citation: a supporting source is stored with its verdict, a wrong one refused", async () => {
    const client = await openReviewSession(review.server.url);
    const claimId = id(first, WRONG_SOURCE_CLAIM.text);
    const seen = await client.seenFields(claimId);
    const refused = await client.post(`/flags/${claimId}/decide`, { decision: "replace_citation", source: "1", quote: SOURCE_ONE[0] as string, ...seen });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("does not verify against source 1");
    expect(reviewsOf(claimId)).toEqual([]);

    const stored = await client.post(`/flags/${claimId}/decide`, { decision: "replace_citation", source: "2", quote: SOURCE_TWO[0] as string, ...seen });
    expect(stored.status).toBe(303);
    const payload = JSON.parse(reviewsOf(claimId)[0]?.payload ?? "{}") as Record<string, unknown>;
    expect(payload).toMatchObject({ source: 2, quote: SOURCE_TWO[0], verdict: { verdict: "supported", quote_status: "exact", quote_start: 0 } });
  });

  it("refuses to bind an address other than loopback while the store has no reviewer account", async () => {
    // With an account it starts and asks for a login: test/review-desk-server.test.ts.
    await expect(startReview(harness.dir, { host: "0.0.0.0" })).rejects.toThrow(
      "--host 0.0.0.0: refusing to listen beyond loopback without a login, and runs.db has no enabled reviewer account",
    );
  });
});
