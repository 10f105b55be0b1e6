import { describe, expect, it } from "vitest";
import type { SectionOutput } from "../domain/claims.ts";
import { ClaimParseError } from "../domain/errors.ts";
import { checkSectionRules, countSentences } from "./check-section-rules.ts";
import { answerSchemasFor } from "./answer-schema.ts";
import { parseSectionOutput } from "./parse-section-output.ts";

const RULES = { sourceNumbers: [1, 2], blockKinds: ["paragraph", "example", "table_row"] as const, tableColumns: ["goal", "objective", "mechanism"] };
const rules = { ...RULES, blockKinds: [...RULES.blockKinds] };

const sourced = (text: string, source = 1, quote = "a quote") => ({ text, basis: "source" as const, citations: [{ source, quote }] });

describe("checkSectionRules", () => {
  it.each<[string, SectionOutput, string[]]>([
    ["a valid section", { blocks: [{ kind: "paragraph", claims: [sourced("One sentence."), { text: "A bridge.", basis: "llm", citations: [] }] }] }, []],
    ["no blocks", { blocks: [] }, ["blocks: the section has no blocks"]],
    ["a kind the template does not allow", { blocks: [{ kind: "list", claims: [sourced("One.")] }] }, ['blocks[0].kind: "list" is not allowed in this section (allowed: paragraph, example, table_row)']],
    ["a sourced claim without citations", { blocks: [{ kind: "paragraph", claims: [{ text: "One.", basis: "source", citations: [] }] }] }, ["blocks[0].claims[0].citations: a sourced claim needs at least one citation"]],
    ["a citation of a source that does not exist", { blocks: [{ kind: "paragraph", claims: [sourced("One.", 7)] }] }, ["blocks[0].claims[0].citations[0].source: source 7 does not exist (sources: 1, 2)"]],
    ["an empty quote", { blocks: [{ kind: "paragraph", claims: [sourced("One.", 1, "  ")] }] }, ["blocks[0].claims[0].citations[0].quote: empty quote"]],
    ["an llm claim with citations", { blocks: [{ kind: "paragraph", claims: [{ text: "One.", basis: "llm", citations: [{ source: 1, quote: "q" }] }] }] }, ['blocks[0].claims[0].citations: a claim of basis "llm" carries no citations']],
    ["two sentences in one claim", { blocks: [{ kind: "paragraph", claims: [sourced("Lave wrote it. Wenger agreed.")] }] }, ["blocks[0].claims[0].text: more than one sentence; give each sentence its own claim"]],
    ["a marker inside the text", { blocks: [{ kind: "paragraph", claims: [sourced("Lave wrote it [1].")] }] }, ["blocks[0].claims[0].text: contains a bracketed source number; markers are added when rendering"]],
    ["an example claim outside an example block", { blocks: [{ kind: "paragraph", claims: [{ text: "Imagine a clinic.", basis: "example", citations: [] }] }] }, ['blocks[0].claims[0].basis: basis "example" belongs in an example block']],
    ["a table row with the wrong number of cells", { blocks: [{ kind: "table_row", claims: [sourced("Goal."), sourced("Objective.")] }] }, ["blocks[0].claims: a table row has exactly 3 cells (goal, objective, mechanism), got 2"]],
    [
      "an elaborated sourced claim with its sourced part",
      { blocks: [{ kind: "paragraph", claims: [{ ...sourced("For supervisors, learning is situated in practice."), elaborated: true, sourced_text: "learning is situated in practice" }] }] },
      [],
    ],
    ["an elaborated claim without a sourced part", { blocks: [{ kind: "paragraph", claims: [{ ...sourced("For supervisors, learning is situated."), elaborated: true }] }] }, ["blocks[0].claims[0].sourced_text: an elaborated claim names the part of its sentence the quote supports"]],
    [
      "a sourced part not copied from the sentence",
      { blocks: [{ kind: "paragraph", claims: [{ ...sourced("For supervisors, learning is situated."), elaborated: true, sourced_text: "learning is always situated" }] }] },
      ["blocks[0].claims[0].sourced_text: must be copied exactly from the claim's text"],
    ],
    [
      "a sourced part that is the whole sentence",
      { blocks: [{ kind: "paragraph", claims: [{ ...sourced("Learning is situated."), elaborated: true, sourced_text: "Learning is situated." }] }] },
      ["blocks[0].claims[0].elaborated: sourced_text is the whole sentence, so nothing is framing; leave elaborated out"],
    ],
    [
      "an elaborated llm claim",
      { blocks: [{ kind: "paragraph", claims: [{ text: "So, learning is situated.", basis: "llm", citations: [], elaborated: true, sourced_text: "learning is situated" }] }] },
      ['blocks[0].claims[0].elaborated: only a claim of basis "source" can be elaborated'],
    ],
    ["a sourced part without elaborated", { blocks: [{ kind: "paragraph", claims: [{ ...sourced("So, learning is situated."), sourced_text: "learning is situated" }] }] }, ["blocks[0].claims[0].sourced_text: only an elaborated claim (elaborated: true) has a sourced_text"]],
  ])("%s", (_name, section, expected) => {
    expect(checkSectionRules(section, rules)).toEqual(expected);
  });
});

describe("countSentences", () => {
  it.each([
    ["Lave and Wenger (1991) coined it.", 1],
    ["Wenger et al. described seven principles.", 1],
    ["E. Wenger wrote it in 1998.", 1],
    ["It grew, e.g. In clinics.", 1],
    ["It grew. Then it spread.", 2],
    ['He said "yes." She agreed.', 2],
  ])("%s -> %d", (text, expected) => {
    expect(countSentences(text)).toBe(expected);
  });
});

describe("parseSectionOutput", () => {
  const schema = answerSchemasFor({ sections: [{ id: "s", blockKinds: rules.blockKinds, tableColumns: rules.tableColumns }], sourceNumbers: rules.sourceNumbers }).forSection("s");
  const answerOf = (blocks: unknown[]) => JSON.stringify({ answer: { section: "s", blocks } });

  it("returns the parsed section when it is valid, a table row's cells as claims in column order", () => {
    const row = { kind: "table_row", cells: { mechanism: sourced("Mechanism."), goal: sourced("Goal."), objective: sourced("Objective.") } };
    const text = answerOf([{ kind: "paragraph", claims: [sourced("One sentence.")] }, row]);
    expect(parseSectionOutput(text, rules, schema)).toEqual({
      blocks: [
        { kind: "paragraph", claims: [sourced("One sentence.")] },
        { kind: "table_row", claims: [sourced("Goal."), sourced("Objective."), sourced("Mechanism.")] },
      ],
    });
  });

  it.each([
    ["invalid JSON", "{ nope", /^the answer is not valid JSON/],
    ["a missing field", answerOf([{ kind: "paragraph", claims: [{ text: "x", citations: [] }] }]), /^answer\.blocks\[0\]\.claims\[0\]\.basis: /],
    ["an extra field", JSON.stringify({ answer: { section: "s", blocks: [{ kind: "paragraph", claims: [sourced("One.")] }] }, notes: "x" }), /unknown key "notes"/],
    ["a rule no grammar can express", answerOf([{ kind: "paragraph", claims: [sourced("Lave wrote it. Wenger agreed.")] }]), /more than one sentence/],
  ])("lists the problems of %s", (_name, text, expected) => {
    const error = (() => {
      try {
        parseSectionOutput(text, rules, schema);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ClaimParseError);
    expect((error as ClaimParseError).problems[0]).toMatch(expected);
  });
});
