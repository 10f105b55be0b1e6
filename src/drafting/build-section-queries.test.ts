import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSectionQueries, joinQueries, specValues, type QuerySpec } from "./build-section-queries.ts";
import { loadTemplateSet } from "./load-prompts.ts";

const PROMPTS = path.resolve(import.meta.dirname, "../../prompts");

const therapySpec: QuerySpec = {
  title: "Behavioural Activation for Depression",
  topic: "behavioural activation, a structured psychotherapy for depression",
  metadata: {
    type: "Psychotherapy",
    discipline: ["Clinical psychology"],
    evidence_status: "Established for adult depression",
    populations: ["Adults with depression", "Older adults"],
    problems: ["Depression"],
    key_figures: ["Peter Lewinsohn", "Neil  Jacobson"],
  },
};

describe("buildSectionQueries", () => {
  it("puts the topic with the purpose first, then one query per value of each named spec field", () => {
    const queries = buildSectionQueries({ purpose: "developed introduced origin history", specTerms: ["key_figures"] }, therapySpec);
    expect(queries).toEqual([
      "behavioural activation, a structured psychotherapy for depression developed introduced origin history",
      "Peter Lewinsohn developed introduced origin history",
      // whitespace in spec values is collapsed
      "Neil Jacobson developed introduced origin history",
    ]);
  });

  it("draws on each field the section names, in the order it names them, and skips absent or empty ones", () => {
    const queries = buildSectionQueries({ purpose: "type kind field", specTerms: ["subtype", "type", "discipline", "key_figures"] }, {
      ...therapySpec,
      metadata: { ...therapySpec.metadata, key_figures: [] },
    });
    expect(queries).toEqual([
      "behavioural activation, a structured psychotherapy for depression type kind field",
      "Psychotherapy type kind field",
      "Clinical psychology type kind field",
    ]);
  });

  it("gives no query twice", () => {
    const spec = { ...therapySpec, metadata: { ...therapySpec.metadata, problems: ["Depression", "Depression"], populations: ["Depression"] } };
    expect(buildSectionQueries({ purpose: "problems", specTerms: ["problems", "populations"] }, spec)).toEqual([`${therapySpec.topic} problems`, "Depression problems"]);
  });

  it("reads string and list fields alike", () => {
    expect(specValues(therapySpec, "title")).toEqual(["Behavioural Activation for Depression"]);
    expect(specValues(therapySpec, "evidence_status")).toEqual(["Established for adult depression"]);
    expect(specValues(therapySpec, "populations")).toEqual(["Adults with depression", "Older adults"]);
    expect(specValues(therapySpec, "subtype")).toEqual([]);
  });

  it("joins queries into one line of distinct words for bag-of-words consumers", () => {
    expect(joinQueries(["a b origin", "Lave origin B", "c"])).toBe("a b origin Lave c");
  });

  it("builds every repository prompt's queries from the spec, with no topic's words left in any prompt file", async () => {
    const ids = ["clinical-theory", "psychotherapy", "assessment-instrument", "clinical-problem"];
    for (const id of ids) {
      const template = await loadTemplateSet(PROMPTS, id);
      for (const section of template.sections) {
        // The words the old clinical-theory prompts were tuned to: a prompt file must not carry them.
        expect(`${section.purpose} ${section.covers}`, section.id).not.toMatch(/communit|groupthink|burnout|isolation|wenger|lave/i);
        const queries = buildSectionQueries(section, therapySpec);
        expect(queries[0], section.id).toBe(`${therapySpec.topic} ${section.purpose}`);
        expect(queries.length, section.id).toBe(1 + new Set(section.specTerms.flatMap((field) => specValues(therapySpec, field))).size);
      }
    }
  });
});
