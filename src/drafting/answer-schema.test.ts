import { readdirSync } from "node:fs";
import path from "node:path";
import { zodOutputFormat } from "@anthropic-ai/sdk/helpers/zod";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { misfitOf, structuredOutputProblems } from "../../test/helpers/structured-output-schema.ts";
import { BLOCK_KINDS, type BlockKind, type SectionOutput } from "../domain/claims.ts";
import { toSectionAnswer } from "../domain/section-answer.ts";
import { createExtractiveProvider } from "../providers/extractive-provider.ts";
import type { ModelProvider } from "../providers/types.ts";
import { answerSchemasFor, type AnswerSchemaScope } from "./answer-schema.ts";
import { buildSectionRequest, draftSection, type DraftSectionInput } from "./draft-section.ts";
import { loadTemplateSet, type TemplateSet } from "./load-prompts.ts";
import { parseSectionOutput } from "./parse-section-output.ts";

// The request schema of a drafting call (answer-schema.ts), read both ways the API and wikigen read
// it: the zod schema wikigen parses with, and the JSON schema sent as output_config.format (what the
// API compiles into a grammar). What the grammar must never let through is checked against both.

const PROMPTS = path.resolve(import.meta.dirname, "../../prompts");
const TEMPLATES = readdirSync(path.join(PROMPTS, "templates")).map((file) => file.replace(/\.yaml$/, ""));
const SOURCES = [1, 2, 3];

type Json = Record<string, unknown>;
const jsonSchemaOf = (schema: z.ZodType): Json => zodOutputFormat(schema).schema as Json;
const claim = (source = 1) => ({ text: "One sentence.", basis: "source", citations: [{ source, quote: "a quote" }] });
const llm = { text: "One sentence.", basis: "llm", citations: [] };
const answer = (section: string, blocks: unknown[]) => ({ answer: { section, blocks } });

/** A well-formed block of a kind, as the answer format writes it. */
function blockOf(kind: BlockKind, columns: readonly string[] = ["goal", "objective", "mechanism"]): unknown {
  if (kind === "table_row") return { kind, cells: Object.fromEntries(columns.map((column) => [column, llm])) };
  if (kind === "example") return { kind, claims: [{ text: "Imagine a clinic.", basis: "example", citations: [] }] };
  return { kind, claims: [claim()] };
}

let templates: TemplateSet[];
beforeAll(async () => {
  templates = await Promise.all(TEMPLATES.map((id) => loadTemplateSet(PROMPTS, id)));
});

const scopeOf = (template: TemplateSet, sourceNumbers = SOURCES): AnswerSchemaScope => ({ sections: template.sections, sourceNumbers });
const clinical = () => templates.find((template) => template.template.id === "clinical-theory") as TemplateSet;

describe("the request schema of every template stays inside what structured outputs accept", () => {
  it("finds the templates", () => {
    expect(TEMPLATES).toContain("clinical-theory");
  });

  it.each([[3], [60]])("with %i sources, every template's schema breaks no limit", (count) => {
    const numbers = Array.from({ length: count }, (_unused, index) => index + 1);
    for (const template of templates) {
      expect({ template: template.template.id, problems: structuredOutputProblems(jsonSchemaOf(answerSchemasFor(scopeOf(template, numbers)).request)) }).toEqual({
        template: template.template.id,
        problems: [],
      });
    }
  });

  it("the limit check itself catches what the API refuses", () => {
    const tooMuch = z.object({
      name: z.string().min(3),
      tags: z.array(z.string()).min(2).max(5),
      size: z.number().min(0),
      loose: z.looseObject({ a: z.string() }),
      ...Object.fromEntries(Array.from({ length: 25 }, (_unused, index) => [`optional_${index}`, z.string().optional()])),
      ...Object.fromEntries(Array.from({ length: 17 }, (_unused, index) => [`either_${index}`, z.union([z.string(), z.number()])])),
    });
    const schema = jsonSchemaOf(tooMuch);
    const problems = structuredOutputProblems(schema);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^#\/properties\/name: a constraint moved into the description/),
        expect.stringMatching(/^#\/properties\/tags: a constraint moved into the description/),
        "#: 17 schemas use anyOf or a type array (at most 16)",
        "#: 25 optional properties (at most 24)",
      ]),
    );
    // An object that allows more properties, and a recursive definition.
    expect(structuredOutputProblems({ type: "object", properties: {}, additionalProperties: true })).toEqual(["#: an object without additionalProperties: false"]);
    const recursive = { $defs: { node: { type: "object", properties: { next: { $ref: "#/$defs/node" } }, additionalProperties: false, required: [] } }, $ref: "#/$defs/node", type: "object", additionalProperties: false };
    expect(structuredOutputProblems(recursive)).toContain("#/$defs/node/properties/next: recursive $ref #/$defs/node");
  });
});

describe("what the grammar cannot let through", () => {
  it("a block kind its section does not allow, for every section of every template", () => {
    for (const template of templates) {
      const schemas = answerSchemasFor(scopeOf(template));
      const json = jsonSchemaOf(schemas.request);
      for (const section of template.sections) {
        for (const kind of BLOCK_KINDS) {
          const value = answer(section.id, [blockOf(kind, section.tableColumns)]);
          const isAllowed = section.blockKinds.includes(kind);
          const verdicts = { zod: schemas.request.safeParse(value).success, json: misfitOf(json, value) === undefined, own: schemas.forSection(section.id).safeParse(value).success };
          expect({ section: section.id, kind, ...verdicts }).toEqual({ section: section.id, kind, zod: isAllowed, json: isAllowed, own: isAllowed });
        }
      }
    }
  });

  it("a no_source_material answer from a section that may not give one, for every section of every template", () => {
    for (const template of templates) {
      const schemas = answerSchemasFor(scopeOf(template));
      const json = jsonSchemaOf(schemas.request);
      for (const section of template.sections) {
        const value = { answer: { section: section.id, no_source_material: { reason: "No passage mentions it." } } };
        // Sections of sourced prose may say their sources hold nothing; questions and the objectives table are written, not found.
        const isAllowed = section.blockKinds.includes("paragraph") || section.blockKinds.includes("list");
        const verdicts = { zod: schemas.request.safeParse(value).success, json: misfitOf(json, value) === undefined, own: schemas.noSourceMaterialFor(section.id)?.safeParse(value).success ?? false };
        expect({ section: section.id, ...verdicts }).toEqual({ section: section.id, zod: isAllowed, json: isAllowed, own: isAllowed });
        // Never as a section's blocks answer, never for another section, never with blocks beside it.
        expect(schemas.forSection(section.id).safeParse(value).success).toBe(false);
        const other = template.sections.find((candidate) => candidate.id !== section.id && schemas.noSourceMaterialFor(candidate.id));
        if (isAllowed && other) expect(schemas.noSourceMaterialFor(other.id)?.safeParse(value).success).toBe(false);
        const both = { answer: { ...value.answer, blocks: [blockOf(section.blockKinds[0] as BlockKind, section.tableColumns)] } };
        expect(misfitOf(json, both)).toBeDefined();
        expect(schemas.request.safeParse(both).success).toBe(false);
      }
    }
  });

  it("a source number the spec does not have", () => {
    const schemas = answerSchemasFor(scopeOf(clinical()));
    const json = jsonSchemaOf(schemas.request);
    for (const source of [1, 3]) expect(misfitOf(json, answer("summary", [{ kind: "paragraph", claims: [claim(source)] }]))).toBeUndefined();
    for (const source of [0, 4, 9]) {
      const value = answer("summary", [{ kind: "paragraph", claims: [claim(source)] }]);
      expect(misfitOf(json, value)).toMatch(/source: \d is not one of \[1,2,3\]/);
      expect(schemas.request.safeParse(value).success).toBe(false);
    }
  });

  it("a table row without exactly its columns", () => {
    const schemas = answerSchemasFor(scopeOf(clinical()));
    const json = jsonSchemaOf(schemas.request);
    const row = (cells: Record<string, unknown>) => answer("smart-objectives", [{ kind: "table_row", cells }]);
    expect(misfitOf(json, row({ goal: llm, objective: llm, mechanism: llm }))).toBeUndefined();
    for (const value of [
      row({ goal: llm, objective: llm }),
      row({ goal: llm, objective: llm, mechanism: llm, notes: llm }),
      answer("smart-objectives", [{ kind: "table_row", claims: [llm, llm, llm] }]),
    ]) {
      expect(misfitOf(json, value)).toBeDefined();
      expect(schemas.request.safeParse(value).success).toBe(false);
    }
  });

  it("an example claim outside an example block, a section without blocks, a block without claims, another key", () => {
    const schemas = answerSchemasFor(scopeOf(clinical()));
    const json = jsonSchemaOf(schemas.request);
    for (const value of [
      answer("interventions-techniques", [{ kind: "paragraph", claims: [{ text: "Imagine a clinic.", basis: "example", citations: [] }] }]),
      answer("interventions-techniques", []),
      answer("interventions-techniques", [{ kind: "list", claims: [] }]),
      { ...answer("summary", [blockOf("paragraph")]), notes: "x" },
      answer("no-such-section", [blockOf("paragraph")]),
    ]) {
      expect(misfitOf(json, value)).toBeDefined();
      expect(schemas.request.safeParse(value).success).toBe(false);
    }
  });

  it("an answer for another section than the one asked fails that section's parse, by name", () => {
    const schemas = answerSchemasFor(scopeOf(clinical()));
    // creators-lineage and evidence-base share a shape, so the request schema takes either answer.
    const value = answer("evidence-base", [blockOf("paragraph")]);
    expect(schemas.request.safeParse(value).success).toBe(true);
    const parsed = schemas.forSection("creators-lineage").safeParse(value);
    expect(parsed.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["answer.section", 'expected section "creators-lineage"']]);
  });
});

describe("one schema per article", () => {
  it("every section of an article, and every rebuild, gets the same schema object and the same JSON", () => {
    const template = clinical();
    // A provider that writes every block kind; buildSectionRequest sends nothing.
    const provider: ModelProvider = { id: "model", model: "any", versions: { sdk: null, api: null }, generate: () => Promise.reject(new Error("not called")) };
    const input = (section: TemplateSet["sections"][number]): DraftSectionInput => ({
      provider,
      system: template.system.text,
      section,
      templateSections: template.sections,
      article: { title: "Demo", topic: "demo", sources: SOURCES.map((number) => ({ number, title: `Source ${number}`, tier: "A" })) },
      sharedPassages: [],
      sectionPassages: [],
      maxTokens: 4_000,
    });
    const schemas = template.sections.map((section) => {
      const built = buildSectionRequest(input(section));
      return "request" in built ? built.request.outputSchema : built.status;
    });
    expect(new Set(schemas).size).toBe(1);
    expect(answerSchemasFor(scopeOf(clinical(), [...SOURCES]))).toBe(answerSchemasFor(scopeOf(clinical())));
    // Another spec's sources make another schema.
    expect(JSON.stringify(jsonSchemaOf(answerSchemasFor(scopeOf(clinical(), [1, 2])).request))).not.toBe(JSON.stringify(jsonSchemaOf(answerSchemasFor(scopeOf(clinical())).request)));
  });
});

describe("a drafted section round-trips", () => {
  it("a model-written section with a table row: answer format, JSON schema, parse, the same claims", () => {
    const schemas = answerSchemasFor(scopeOf(clinical()));
    const smart = clinical().sections.find((section) => section.id === "smart-objectives");
    const section: SectionOutput = {
      blocks: [
        {
          kind: "table_row",
          claims: [
            { text: "Reduce professional isolation.", basis: "llm", citations: [] },
            { text: "Attend six peer consultation meetings in three months.", basis: "llm", citations: [] },
            { text: "Peer groups give clinicians a place to discuss cases.", basis: "source", citations: [{ source: 2, quote: "a place to discuss cases" }] },
          ],
        },
      ],
    };
    const written = toSectionAnswer("smart-objectives", section, smart?.tableColumns);
    expect(misfitOf(jsonSchemaOf(schemas.request), written)).toBeUndefined();
    const rules = { sourceNumbers: SOURCES, blockKinds: smart?.blockKinds ?? [], tableColumns: smart?.tableColumns };
    expect(parseSectionOutput(JSON.stringify(written), rules, schemas.forSection("smart-objectives"))).toEqual(section);
  });

  it("the extractive provider's draft fits the schema it was sent and parses to what it drafted", async () => {
    const template = clinical();
    const section = template.sections.find((candidate) => candidate.id === "core-principles") as TemplateSet["sections"][number];
    const passage = { source: 1, start: 0, end: 90, score: 1, text: "A community of practice is a group of people who share a concern for something they do." };
    const outcome = await draftSection({
      provider: createExtractiveProvider(),
      system: template.system.text,
      section,
      queries: ["community of practice group people share concern"],
      templateSections: template.sections,
      article: { title: "Communities of practice", topic: "communities of practice", sources: [{ number: 1, title: "Source", tier: "A" }] },
      sharedPassages: [passage],
      sectionPassages: [passage],
      maxTokens: 4_000,
    });
    expect(outcome.status).toBe("done");
    if (outcome.status !== "done") return;
    const call = outcome.calls[0];
    const sent = jsonSchemaOf(call?.request.outputSchema as z.ZodType);
    expect(misfitOf(sent, JSON.parse(call?.result?.value ?? "null"))).toBeUndefined();
    expect(outcome.output.blocks.flatMap((block) => block.claims.map((claim) => claim.text))).toEqual([passage.text]);
  });
});
