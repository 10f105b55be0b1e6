import { beforeAll, describe, expect, it } from "vitest";
import type { RegenPlan } from "../src/regen/fingerprints.ts";
import { isJudgeRequest } from "./helpers/fake-anthropic.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import { answerFor, GUIDE_V1, sectionOf, SLUG } from "./helpers/regen-fixture.ts";
import { withoutModelReads } from "./helpers/fake-models-route.ts";

// A verifier change re-verifies without redrafting: regen sends only judge calls, the claims and
// citations stay as they were, and the new verdict rows name the new verifier.

type Row = Record<string, unknown>;


describe("regen after a verifier change (fake Messages API as drafter and judge)", () => {
  const harness = useIntegrationHarness({
    prefix: "wikigen-reverify-",
    project: { kind: "regen", guide: GUIDE_V1 },
    fake: {
      responder: (request) =>
        isJudgeRequest(request)
          ? { kind: "message", content: { verdict: "supported", reason: "the passage states it", supporting_span: "" } }
          : answerFor(sectionOf(request)),
    },
  });

  beforeAll(async () => {
    const generated = await harness.wikigen(["generate", SLUG]);
    expect([0, 3]).toContain(generated.code);
  });

  it("plans re-verification only for the sections with sourced claims", async () => {
    const run = await harness.wikigen(["plan", "--verifier", "llm", "--json"]);
    const plan = JSON.parse(run.stdout) as RegenPlan;
    const actions = plan.articles[0]?.sections.map((section) => [section.sectionId, section.action]) ?? [];
    // reflective-questions holds only a model-written question: nothing to verify.
    expect(actions.filter(([, action]) => action !== "reverify")).toEqual([["reflective-questions", "keep"]]);
    expect(plan.articles[0]?.sections[0]?.reasons[0]).toMatch(/^verifier offline .+ -> llm judge-.+: no redraft$/);
  });

  it("regen sends judge calls only, keeps every claim and citation, and stores verdicts by the new verifier", async () => {
    const { fake } = harness;
    const before = withoutModelReads(fake.requests).length;
    const run = await harness.wikigen(["regen", "--verifier", "llm"]);
    expect(run.code).toBe(0);
    const sent = withoutModelReads(fake.requests).slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every(isJudgeRequest)).toBe(true);

    const db = harness.openDb();
    const claimsOf = (version: number) =>
      db
        .prepare(
          `SELECT s.section_id, c.block_index, c.claim_index, c.text, c.basis, c.claim_key, ci.citation_index, ci.source_number, ci.quote, ci.text_sha256
           FROM claims c JOIN sections s ON s.id = c.section_row_id JOIN article_versions av ON av.id = s.article_version_id
           LEFT JOIN citations ci ON ci.claim_id = c.id WHERE av.version = ? ORDER BY s.position, c.block_index, c.claim_index, ci.citation_index`,
        )
        .all(version);
    expect(claimsOf(2)).toEqual(claimsOf(1));
    const verifiers = db
      .prepare(
        `SELECT DISTINCT v.verifier_id FROM verdicts v JOIN claims c ON c.id = v.claim_id JOIN sections s ON s.id = c.section_row_id
         JOIN article_versions av ON av.id = s.article_version_id WHERE av.version = 2`,
      )
      .all() as Row[];
    expect(verifiers).toEqual([{ verifier_id: "llm" }]);
    const sourcedCitations = db
      .prepare(
        `SELECT COUNT(*) AS n FROM citations ci JOIN claims c ON c.id = ci.claim_id JOIN sections s ON s.id = c.section_row_id
         JOIN article_versions av ON av.id = s.article_version_id WHERE av.version = 2`,
      )
      .get() as { n: number };
    expect(sent).toHaveLength(sourcedCitations.n);
    // Every judge call is logged with the section it verified, and counted in that section's usage.
    const judgeCalls = db
      .prepare(
        `SELECT mc.section_id, mc.purpose, mc.provider, mc.request_id, mc.input_tokens, mc.outcome FROM model_calls mc
         JOIN article_versions av ON av.id = mc.article_version_id WHERE av.version = 2 ORDER BY mc.id`,
      )
      .all() as { section_id: string; purpose: string; provider: string; request_id: string | null; input_tokens: number; outcome: string }[];
    expect(judgeCalls).toHaveLength(sent.length);
    expect(judgeCalls.every((call) => call.purpose === "judge claim" && call.provider === "anthropic" && call.outcome === "ok" && call.request_id !== null)).toBe(true);
    const usage = db
      .prepare(
        `SELECT s.section_id, s.input_tokens, (SELECT COALESCE(SUM(mc.input_tokens), 0) FROM model_calls mc WHERE mc.article_version_id = s.article_version_id AND mc.section_id = s.section_id) AS logged
         FROM sections s JOIN article_versions av ON av.id = s.article_version_id WHERE av.version = 2`,
      )
      .all() as { section_id: string; input_tokens: number; logged: number }[];
    expect(usage.every((row) => row.input_tokens === row.logged)).toBe(true);
    expect(usage.some((row) => row.input_tokens > 0)).toBe(true);
    const drafted = db.prepare("SELECT COUNT(*) AS n FROM sections s JOIN article_versions av ON av.id = s.article_version_id WHERE av.version = 2 AND s.reused_from IS NULL").get();
    expect(drafted).toEqual({ n: 0 });
    db.close();

    const diff = await harness.wikigen(["diff", SLUG, "--json"]);
    const sections = (JSON.parse(diff.stdout) as { sections: { change: string }[] }).sections.map((section) => section.change);
    expect(sections.filter((change) => change === "reverified")).toHaveLength(13);
    const again = withoutModelReads(fake.requests).length;
    await harness.wikigen(["regen", "--verifier", "llm"]);
    expect(withoutModelReads(fake.requests).length).toBe(again);
  });
});
