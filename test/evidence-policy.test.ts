import { readFileSync } from "node:fs";
import { renderFlagPage } from "../src/review/render-flag-page.ts";
import { parseFilter } from "../src/review/flag-filters.ts";
import { createSessionStore } from "../src/review/sessions.ts";
import { loadFlag } from "../src/store/flags.ts";
import { openStore } from "../src/store/open-store.ts";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FAKE_MODEL, type FakeResponse } from "./helpers/fake-anthropic.ts";
import { SOURCE_ONE, SOURCE_TWO } from "./helpers/article-fixture.ts";
import { useIntegrationHarness } from "./helpers/integration-harness.ts";
import { answerFromBody, asAnswer, bodyOf, sectionOf } from "./helpers/section-answer.ts";
import type { CliRun } from "./helpers/run-cli.ts";

// The evidence policy end to end (issue 15): `wikigen generate` with the anthropic provider through
// the real SDK against the fake Messages API, whose scripted answers hold an elaborated sourced claim,
// an elaborated claim whose framing states a fact, a model-written sentence with a clinical fact, a
// reflective one, and a model-written sentence in Evidence Base (which accepts only sourced ones).
// What must come out: the flags in the store and the queue with their reasons, a decision that sticks,
// and the page's "1 LLM" marker and evidence line.

const ELABORATED = {
  text: "For clinical supervisors the origin matters: Jean Lave and Etienne Wenger introduced the term in 1991.",
  sourced: "Jean Lave and Etienne Wenger introduced the term in 1991",
};
const ELABORATED_WITH_FACT = {
  text: "Newcomers move from legitimate peripheral participation toward full participation, which halves dropout within 6 weeks of treatment.",
  sourced: "Newcomers move from legitimate peripheral participation toward full participation",
};
const LLM_FACT = "About 30% of clinicians who join a consultation group report less burnout within a year.";
const LLM_REFLECTIVE = "Clinicians may find it useful to ask how the group shapes their sense of professional identity.";
const LLM_IN_EVIDENCE_BASE = "The evidence for this approach is still developing.";

function scripted(section: string): unknown {
  if (section === "core-principles") {
    return asAnswer(section, {
      blocks: [
        {
          kind: "paragraph",
          claims: [
            { text: ELABORATED.text, basis: "source", elaborated: true, sourced_text: ELABORATED.sourced, citations: [{ source: 1, quote: SOURCE_ONE[1] as string }] },
            { text: ELABORATED_WITH_FACT.text, basis: "source", elaborated: true, sourced_text: ELABORATED_WITH_FACT.sourced, citations: [{ source: 1, quote: SOURCE_ONE[2] as string }] },
            { text: LLM_FACT, basis: "llm", citations: [] },
            { text: LLM_REFLECTIVE, basis: "llm", citations: [] },
          ],
        },
      ],
    });
  }
  if (section === "evidence-base") {
    return asAnswer(section, {
      blocks: [
        {
          kind: "paragraph",
          claims: [
            { text: SOURCE_TWO[2] as string, basis: "source", citations: [{ source: 2, quote: SOURCE_TWO[2] as string }] },
            { text: LLM_IN_EVIDENCE_BASE, basis: "llm", citations: [] },
          ],
        },
      ],
    });
  }
  return undefined;
}

interface FlagJson {
  id: number;
  section: string;
  claim: string;
  reason: string;
}

describe("the evidence policy through generate, the review queue and the rendered page (fake Messages API)", () => {
  let run: CliRun;
  const harness = useIntegrationHarness({
    prefix: "wikigen-evidence-policy-",
    project: { kind: "article", configLines: ["provider:", "  name: anthropic", `  model: ${FAKE_MODEL}`, "  max_retries: 0"] },
    fake: {
      responder: (request): FakeResponse => ({ kind: "message", content: scripted(sectionOf(request)) ?? answerFromBody(bodyOf(request)), model: FAKE_MODEL }),
    },
  });
  const flags = async (): Promise<FlagJson[]> => {
    const listed = await harness.wikigen(["flags", "--json"]);
    expect(listed.code).toBe(0);
    return (JSON.parse(listed.stdout) as { flags: FlagJson[] }).flags;
  };

  beforeAll(async () => {
    run = await harness.wikigen(["generate", "demo-article"]);
  });

  it("tells the model each section's policy and how to mark an elaborated claim", () => {
    const drafting = harness.fake.requests.filter((request) => sectionOf(request) !== "unknown").map((request) => bodyOf(request));
    const evidence = drafting.find((body) => /\(id evidence-base\)/.test(body.messages[0]?.content[1]?.text ?? ""));
    expect(evidence?.messages[0]?.content[1]?.text).toContain("This section accepts only sourced sentences; any other sentence is flagged for a reviewer.");
    expect(drafting[0]?.system?.map((block) => block.text).join("\n")).toContain('set "elaborated": true and give "sourced_text"');
  });

  it("stores the elaborated claim verified on its sourced part, and flags what the policy forbids with the rule and what was found", () => {
    expect(run.code).toBe(3);
    const db = harness.openDb();
    const rows = db
      .prepare(
        `SELECT c.text, c.basis, c.elaborated, c.sourced_text, s.section_id, v.verdict, v.is_flagged, v.reason, v.verifier_id
         FROM claims c JOIN sections s ON s.id = c.section_row_id
         LEFT JOIN verdicts v ON v.claim_id = c.id AND v.citation_id IS NULL
         WHERE s.section_id IN ('core-principles', 'evidence-base') ORDER BY s.position, c.block_index, c.claim_index`,
      )
      .all();
    db.close();
    expect(rows).toEqual([
      { text: ELABORATED.text, basis: "source", elaborated: 1, sourced_text: ELABORATED.sourced, section_id: "core-principles", verdict: "supported", is_flagged: 0, reason: "supported", verifier_id: "offline" },
      {
        text: ELABORATED_WITH_FACT.text,
        basis: "source",
        elaborated: 1,
        sourced_text: ELABORATED_WITH_FACT.sourced,
        section_id: "core-principles",
        verdict: "supported",
        is_flagged: 1,
        reason: 'unsourced_clinical_fact: efficacy "halves dropout", quantity "6 weeks" in the model\'s framing',
        verifier_id: "offline",
      },
      {
        text: LLM_FACT,
        basis: "llm",
        elaborated: 0,
        sourced_text: null,
        section_id: "core-principles",
        verdict: "unverifiable",
        is_flagged: 1,
        reason: 'unsourced_clinical_fact: rate "30%"',
        verifier_id: "evidence-policy",
      },
      { text: LLM_REFLECTIVE, basis: "llm", elaborated: 0, sourced_text: null, section_id: "core-principles", verdict: null, is_flagged: null, reason: null, verifier_id: null },
      { text: SOURCE_TWO[2], basis: "source", elaborated: 0, sourced_text: null, section_id: "evidence-base", verdict: "supported", is_flagged: 0, reason: "supported", verifier_id: "offline" },
      {
        text: LLM_IN_EVIDENCE_BASE,
        basis: "llm",
        elaborated: 0,
        sourced_text: null,
        section_id: "evidence-base",
        verdict: "unverifiable",
        is_flagged: 1,
        reason: "policy_violation: evidence-base accepts only source, not llm",
        verifier_id: "evidence-policy",
      },
    ]);
  });

  it("puts the policy flags in the review queue, and a reviewer's decision takes one out for good", async () => {
    const open = await flags();
    expect(open.map((flag) => [flag.section, flag.claim, flag.reason])).toEqual([
      ["core-principles", ELABORATED_WITH_FACT.text, 'unsourced_clinical_fact: efficacy "halves dropout", quantity "6 weeks" in the model\'s framing'],
      ["core-principles", LLM_FACT, 'unsourced_clinical_fact: rate "30%"'],
      ["evidence-base", LLM_IN_EVIDENCE_BASE, "policy_violation: evidence-base accepts only source, not llm"],
    ]);
    const llmFact = open.find((flag) => flag.claim === LLM_FACT) as FlagJson;
    const decided = await harness.wikigen(["decide", String(llmFact.id), "reject", "--reviewer", "dana", "--note", "no source for 30%"]);
    expect(decided.code).toBe(0);
    expect((await flags()).map((flag) => flag.claim)).toEqual([ELABORATED_WITH_FACT.text, LLM_IN_EVIDENCE_BASE]);
    // Published, the rejected sentence is gone; the two undecided flags still block publishing.
    const publish = await harness.wikigen(["render", "demo-article", "--publish", "--allow-undecided"]);
    expect(publish.code).toBe(0);
    expect(readFileSync(path.join(harness.dir, "output", "demo-article", "index.html"), "utf8")).not.toContain("About 30% of clinicians");
    const refused = await harness.wikigen(["render", "demo-article", "--publish"]);
    expect(refused.code).toBe(1);
  });

  it("shows a reviewer the elaborated claim's sourced part apart from the model's framing", async () => {
    const flagged = (await flags()).find((flag) => flag.claim === ELABORATED_WITH_FACT.text) as FlagJson;
    const db = openStore(path.join(harness.dir, "runs.db"));
    try {
      const flag = loadFlag(db, flagged.id);
      if (!flag) throw new Error("no flag");
      const page = renderFlagPage({
        session: createSessionStore("dana").resolve(undefined).session,
        flag,
        filter: parseFilter(new URLSearchParams()),
        queue: { index: 0, total: 1, previous: undefined, next: undefined },
        citationIndex: 0,
        sourceText: undefined,
        notice: undefined,
        refusal: undefined,
      });
      expect(page).toContain(`only <mark class="sourced">${ELABORATED_WITH_FACT.sourced}</mark> was checked against the quote`);
      expect(page).toMatch(/<span class="claim current flagged">Newcomers move[^<]*<\/span><sup class="marker">1 LLM<\/sup>/);
    } finally {
      db.close();
    }
  });

  it("renders the elaborated claim as '1 LLM', the flags with their reasons, and what the article rests on", async () => {
    const render = await harness.wikigen(["render", "demo-article"]);
    expect(render.code).toBe(0);
    const out = path.join(harness.dir, "output", "demo-article");
    const html = readFileSync(path.join(out, "index.html"), "utf8");
    const elaborated = new RegExp(
      `data-basis="source">For clinical supervisors the origin matters: Jean Lave and Etienne Wenger introduced the term in 1991\\.` +
        `<sup class="marker marker-source marker-elaborated"><span class="cite"><a href="#source-1"[^>]*>1</a>.*?</span></span> <span class="tag-llm"[^>]*>LLM</span></sup>`,
    );
    expect(html).toMatch(elaborated);
    expect(html).toMatch(/About 30% of clinicians[^<]*<span class="marker tag tag-llm"[^>]*>LLM<\/span> <span class="flag"><strong>⚑ Flagged:<\/strong> A clinical fact no source backs \(unsourced clinical fact: rate &quot;30%&quot;\)\./);
    expect(html).toContain("Not a kind of sentence this section accepts (policy violation: evidence-base accepts only source, not llm)");
    expect(html).toMatch(/<dt>Evidence status<\/dt><dd>Emerging<span class="evidence-basis">Rests on 2 of 2 sources cited \(T1 1, T2 0, T3 1\); sentences \d+% sourced \(2 with the model&#39;s framing\), \d+% model-written, 0% examples\.<\/span><\/dd>/);

    const markdown = readFileSync(path.join(out, "index.md"), "utf8");
    expect(markdown).toContain("Jean Lave and Etienne Wenger introduced the term in 1991.[^1] `LLM`");
    expect(markdown).toMatch(/- \*\*Evidence status:\*\* Emerging\. Rests on 2 of 2 sources cited \(T1 1, T2 0, T3 1\); sentences \d+% sourced/);

    const article = JSON.parse(readFileSync(path.join(out, "article.json"), "utf8")) as {
      sections: { id: string; blocks: { claims: { text: string; elaborated: boolean; verdict: { reason: string } | null; flag: { label: string } | null }[] }[] }[];
      summary: { evidence: { tiers: Record<string, number>; sentences: { elaborated: number; total: number; source: number; llm: number }; shares_percent: { source: number; llm: number; example: number } }; flags_by_reason: Record<string, number> };
    };
    const claims = article.sections.flatMap((section) => section.blocks.flatMap((block) => block.claims));
    expect(claims.find((claim) => claim.text === ELABORATED.text)).toMatchObject({ elaborated: true, flag: null });
    expect(claims.find((claim) => claim.text === LLM_FACT)).toMatchObject({ elaborated: false, flag: { label: "A clinical fact no source backs" } });
    const { evidence } = article.summary;
    expect(evidence.tiers).toEqual({ T1: 1, T2: 0, T3: 1 });
    expect(evidence.sentences.elaborated).toBe(2);
    expect(evidence.sentences.source + evidence.sentences.llm).toBe(evidence.sentences.total);
    expect(evidence.shares_percent.source + evidence.shares_percent.llm + evidence.shares_percent.example).toBe(100);
    expect(article.summary.flags_by_reason).toMatchObject({ unsourced_clinical_fact: 2, policy_violation: 1 });
  });
});
