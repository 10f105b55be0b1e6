import { describe, expect, it } from "vitest";
import { type BlockKind, sectionOutputSchema } from "../domain/claims.ts";
import { ProviderError } from "../domain/errors.ts";
import { toSectionOutput, type SectionAnswer } from "../domain/section-answer.ts";
import { retrievePassages } from "../retrieval/retrieve-passages.ts";
import { createExtractiveProvider, EXTRACTIVE_MODEL } from "./extractive-provider.ts";
import type { Passage } from "../domain/passage.ts";
import type { DraftTask, ModelRequest } from "./types.ts";

// Three small sources about communities of practice, with the furniture real pages carry: headings,
// crumbs, a question, a broken quote, a reference entry, a footnote marker, and one sentence that
// two sources share almost word for word.
const SOURCES = [
  {
    number: 1,
    text: [
      "Home > Resources > Communities of Practice",
      "What is a community of practice?",
      "Communities of practice are groups of people who share a concern or a passion for something they do and learn how to do it better as they interact regularly. Jean Lave and Etienne Wenger introduced the term community of practice in 1991 (Lave & Wenger, 1991). Newcomers learn by participating at the periphery of the community, e.g. by observing experienced members, before moving toward full participation.",
      "Core Principles",
      "Three elements define a community of practice: a shared domain of interest, a community of members who engage in joint activities, and a shared practice of tools, stories and ways of handling problems. Members are \u201cbound together by shared expertise.",
      "Lave, J., & Wenger, E. (1991). Situated learning: Legitimate peripheral participation. Cambridge University Press.",
    ].join("\n\n"),
  },
  {
    number: 2,
    text: [
      "Clinical supervision groups often function as communities of practice for newly qualified therapists. In these groups, clinicians bring difficult cases, compare approaches and build a shared repertoire of practice. Supervisors act as experienced members who model professional judgement.",
      "Evidence on outcomes is mixed. Studies report improved confidence and reduced isolation among participating clinicians, but few trials measure client outcomes directly.[4]",
      "Communities of practice are groups of people who share a concern or a passion for something they do and learn how to do it better as they regularly interact.",
    ].join("\n\n"),
  },
  {
    number: 3,
    text: [
      "Wenger et al. (2002) describe seven principles for cultivating communities of practice, including designing for evolution and opening a dialogue between inside and outside perspectives.",
      "Dr. Smith noted that online communities of practice can reach rural clinicians who have no local peers. Click here to subscribe to our newsletter.",
      "Office hours are Monday to Friday, 9 a.m. to 5 p.m. Parking is available behind the building.",
    ].join("\n\n"),
  },
];

const QUERY = "definition principles newcomers participation supervision communities of practice";

function buildTask(overrides: Partial<DraftTask> = {}): DraftTask {
  const passages = retrievePassages({ sources: SOURCES, query: QUERY, topic: "communities of practice", tokenBudget: 4000 });
  return { kind: "draft_section", sectionId: "core-principles", blockKinds: ["paragraph"], query: QUERY, passages, sourceNumbers: [1, 2, 3], ...overrides };
}

function buildRequest(task: ModelRequest["task"]): ModelRequest {
  return { purpose: "section core-principles", system: "", user: [], outputSchema: sectionOutputSchema, maxTokens: 4000, task };
}

async function draft(task: DraftTask) {
  const result = await createExtractiveProvider().generate(buildRequest(task));
  const answer = JSON.parse(result.value) as SectionAnswer;
  // The answer names the section it was asked for, as every provider's answer must.
  expect(answer.answer.section).toBe(task.sectionId);
  return { result, output: sectionOutputSchema.parse(toSectionOutput(answer, undefined)) };
}

const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
function jaccard(a: Set<string>, b: Set<string>): number {
  const shared = [...a].filter((word) => b.has(word)).length;
  return shared / (a.size + b.size - shared);
}

describe("createExtractiveProvider", () => {
  it("describes itself as the offline extractive provider", () => {
    const { generate: _generate, ...description } = createExtractiveProvider();
    expect(description).toEqual({ id: "extractive", model: "extractive-5", versions: { sdk: null, api: null }, writableBlockKinds: ["paragraph", "list"] });
  });

  it("returns claim JSON with zero usage and the extractive model", async () => {
    const { result } = await draft(buildTask());
    const { value: _value, ...rest } = result;
    expect(rest).toEqual({
      model: EXTRACTIVE_MODEL,
      usage: { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0 },
      requestId: undefined,
      stopReason: "end_turn",
      attempts: 1,
    });
  });

  it("quotes every claim verbatim from a passage of the cited source, with text equal to the quote", async () => {
    const task = buildTask();
    const { output } = await draft(task);
    const claims = output.blocks.flatMap((block) => block.claims);
    expect(claims.length).toBeGreaterThanOrEqual(3);
    expect(claims.length).toBeLessThanOrEqual(6);
    for (const claim of claims) {
      expect(claim.basis).toBe("source");
      expect(claim.elaborated ?? false).toBe(false);
      expect(claim.citations).toEqual([{ source: claim.citations[0]?.source, quote: claim.text }]);
      const citation = claim.citations[0] as { source: number; quote: string };
      const passagesOfSource = task.passages.filter((passage: Passage) => passage.source === citation.source);
      expect(passagesOfSource.some((passage) => passage.text.includes(citation.quote))).toBe(true);
      expect(SOURCES.find((source) => source.number === citation.source)?.text.includes(citation.quote)).toBe(true);
    }
  });

  it("drafts the fixture section from whole, relevant, non-redundant sentences in reading order", async () => {
    const { output } = await draft(buildTask());
    expect(output.blocks.map((block) => ({ kind: block.kind, claims: block.claims.map((claim) => `${claim.citations[0]?.source}: ${claim.text}`) }))).toEqual([
      {
        kind: "paragraph",
        claims: [
          "1: Jean Lave and Etienne Wenger introduced the term community of practice in 1991 (Lave & Wenger, 1991).",
          "1: Newcomers learn by participating at the periphery of the community, e.g. by observing experienced members, before moving toward full participation.",
          "1: Three elements define a community of practice: a shared domain of interest, a community of members who engage in joint activities, and a shared practice of tools, stories and ways of handling problems.",
        ],
      },
      {
        kind: "paragraph",
        claims: [
          "2: Clinical supervision groups often function as communities of practice for newly qualified therapists.",
          "2: Studies report improved confidence and reduced isolation among participating clinicians, but few trials measure client outcomes directly.",
          "3: Wenger et al. (2002) describe seven principles for cultivating communities of practice, including designing for evolution and opening a dialogue between inside and outside perspectives.",
        ],
      },
    ]);
  });

  it("never emits two near-duplicate sentences", async () => {
    const { output } = await draft(buildTask({ blockKinds: ["list"] }));
    const texts = output.blocks.flatMap((block) => block.claims.map((claim) => claim.text));
    for (const [index, text] of texts.entries()) {
      for (const other of texts.slice(index + 1)) expect(jaccard(words(text), words(other))).toBeLessThan(0.6);
    }
    expect(texts.filter((text) => text.startsWith("Communities of practice are groups of people")).length).toBe(1);
  });

  it.each<{ blockKinds: BlockKind[]; kinds: string[] }>([
    { blockKinds: ["question"], kinds: [] },
    { blockKinds: ["table_row"], kinds: [] },
    { blockKinds: ["example"], kinds: [] },
    { blockKinds: ["question", "example"], kinds: [] },
    { blockKinds: ["list"], kinds: ["list"] },
    { blockKinds: ["list", "question"], kinds: ["list"] },
    { blockKinds: ["paragraph", "list"], kinds: ["paragraph", "paragraph"] },
  ])("blocks for a section allowing $blockKinds: $kinds", async ({ blockKinds, kinds }) => {
    const { output } = await draft(buildTask({ blockKinds }));
    expect(output.blocks.map((block) => block.kind)).toEqual(kinds);
  });

  it("writes nothing when no passage is about the query", async () => {
    const { output } = await draft(buildTask({ query: "pharmacology dosage" }));
    expect(output).toEqual({ blocks: [] });
  });

  it("ignores passages of sources the task does not list", async () => {
    const { output } = await draft(buildTask({ sourceNumbers: [2] }));
    expect(new Set(output.blocks.flatMap((block) => block.claims.map((claim) => claim.citations[0]?.source)))).toEqual(new Set([2]));
  });

  it("is deterministic, whatever the order of the passages", async () => {
    const task = buildTask();
    const first = await draft(task);
    const again = await draft(task);
    const reversed = await draft({ ...task, passages: [...task.passages].reverse() });
    expect(again.result.value).toBe(first.result.value);
    expect(reversed.result.value).toBe(first.result.value);
  });

  it("refuses a judge task with a bad_request ProviderError", async () => {
    const error = await createExtractiveProvider()
      .generate(buildRequest({ kind: "judge_claim", claim: "Communities of practice began in 1991.", passage: "The concept was introduced in 1991." }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect({ kind: (error as ProviderError).kind, retryable: (error as ProviderError).retryable }).toEqual({ kind: "bad_request", retryable: false });
  });

  it("stops when the call is aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("cancelled by test"));
    await expect(createExtractiveProvider().generate(buildRequest(buildTask()), { signal: controller.signal })).rejects.toThrow("cancelled by test");
  });
});

describe("sentences shared out across an article's sections", () => {
  const QUERIES = {
    "core-principles": "principles elements domain community practice shared repertoire",
    "populations-indications": "rural clinicians online newly qualified therapists supervision groups",
    "creators-lineage": "introduced concept Lave Wenger 1991 origin",
  };

  it("quotes each source sentence in at most one section, the one whose query it fits best", async () => {
    const articlePassages = retrievePassages({ sources: SOURCES, query: "communities of practice", topic: "communities of practice", tokenBudget: 4000 });
    const drafted = new Map<string, string[]>();
    for (const [sectionId, query] of Object.entries(QUERIES)) {
      const otherSectionQueries = Object.entries(QUERIES).filter(([other]) => other !== sectionId).map(([, text]) => text);
      const { output } = await draft(buildTask({ sectionId, query, articlePassages, otherSectionQueries }));
      drafted.set(sectionId, output.blocks.flatMap((block) => block.claims.map((claim) => claim.text)));
    }
    const all = [...drafted.values()].flat();
    expect(new Set(all).size).toBe(all.length);
    expect(drafted.get("creators-lineage")).toContain("Jean Lave and Etienne Wenger introduced the term community of practice in 1991 (Lave & Wenger, 1991).");
    expect(drafted.get("populations-indications")).toContain("Dr. Smith noted that online communities of practice can reach rural clinicians who have no local peers.");
    expect(drafted.get("core-principles")?.some((text) => text.startsWith("Three elements define a community of practice"))).toBe(true);
  });
});
