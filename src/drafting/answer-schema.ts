import { z } from "zod";
import type { BlockKind } from "../domain/claims.ts";
import { FIGURE_KINDS } from "../domain/concept-figure.ts";
import type { NoSourceMaterialAnswer, SectionAnswer } from "../domain/section-answer.ts";

// The structured-output schema of a drafting request, built from the template's sections and the
// spec's sources, so the grammar the API compiles from it guarantees what a grammar can:
// - each section id comes with the block kinds its prompt allows, as an enum;
// - a citation's source is one of the spec's source numbers (an enum);
// - a table row is an object with exactly the table's columns, each required;
// - example blocks hold claims of basis "example", other blocks claims of basis "source" or "llm";
// - a section has at least one block and a block at least one claim (minItems 1).
// - a section whose blocks hold sourced prose (paragraphs, lists) may instead answer
//   `{"section": ID, "no_source_material": {"reason": ...}}` when its sources hold nothing for it: one
//   more branch of the union, pinned to those sections' ids. Sections of written-by-the-model kinds
//   only (questions, examples) and the objectives table cannot.
// What a grammar cannot say (one sentence per claim, lengths, citations present for sourced claims
// and absent otherwise, no markers in the text) stays in check-section-rules.ts, after parsing.
//
// One schema for all sections of an article, not one per section: the API puts the schema in front
// of the prompt, so a schema that changed from section to section would also change the cached
// prefix, and every section would write its own copy of the article's sources to the prompt cache
// instead of reading the first one (as of 2026-11, the API keys the prompt cache on the schema too).
// Each section's constraints survive: the answer names its section, and the schema is a union of
// branches, each pinned to the ids of the sections that share one shape. The parser then accepts
// only the asked section's branch (`forSection`).
//
// Limits of the API's structured outputs (../shared/anthropic-api-notes.md §1b), checked for every
// template by answer-schema.test.ts: additionalProperties false on every object (strictObject),
// primitive enums only, minItems 0 or 1, no length or count bounds, no recursion, at most 16
// properties using anyOf and at most 24 optional properties. The only optional properties are a
// section's `figure` (where its prompt asks for one) and `framing` (where its prompt has a framing
// line), and a sourced claim's `elaborated` and `sourced_text`: the model may leave any of them out.

export interface SectionShape {
  id: string;
  blockKinds: readonly BlockKind[];
  tableColumns: readonly string[] | undefined;
  /** The answer may carry a concept figure. */
  hasFigure?: boolean | undefined;
  /** The template's framing sentence: the answer may carry the model's own framing line. */
  framing?: string | undefined;
}

export interface AnswerSchemaScope {
  /** The template's sections, in template order. */
  sections: readonly SectionShape[];
  /** The spec's source numbers. */
  sourceNumbers: readonly number[];
}

export interface AnswerSchemas {
  /** Sent as output_config.format with every section of the article, repairs included. */
  request: z.ZodType<SectionAnswer | NoSourceMaterialAnswer>;
  /** What an answer for this section must be: the request schema's branch for this section. */
  forSection(sectionId: string): z.ZodType<SectionAnswer>;
  /** The no_source_material answer of this section, or undefined when the section may not give one. */
  noSourceMaterialFor(sectionId: string): z.ZodType<NoSourceMaterialAnswer> | undefined;
}

/** Sections of sourced prose may report that their sources hold nothing for them. */
export function mayReportNoSourceMaterial(section: Pick<SectionShape, "blockKinds">): boolean {
  return section.blockKinds.includes("paragraph") || section.blockKinds.includes("list");
}

const CLAIM_BASES_OUTSIDE_EXAMPLES = ["source", "llm"] as const;
/** Built schemas by scope: every section of an article, and every repair, gets the same object. */
const built = new Map<string, AnswerSchemas>();
const MAX_BUILT = 256;

export function answerSchemasFor(scope: AnswerSchemaScope): AnswerSchemas {
  const key = JSON.stringify({ sections: scope.sections.map(shapeKeyOf), ids: scope.sections.map((section) => section.id), sources: scope.sourceNumbers });
  const cached = built.get(key);
  if (cached) return cached;
  const schemas = buildAnswerSchemas(scope);
  if (built.size >= MAX_BUILT) built.delete(built.keys().next().value as string);
  built.set(key, schemas);
  return schemas;
}

function buildAnswerSchemas(scope: AnswerSchemaScope): AnswerSchemas {
  if (scope.sections.length === 0) throw new Error("an answer schema needs at least one section");
  if (scope.sourceNumbers.length === 0) throw new Error("an answer schema needs at least one source number");
  const citation = z.strictObject({ source: z.literal([...scope.sourceNumbers]), quote: z.string() });
  // elaborated and sourced_text: a sourced sentence with the model's framing and the verbatim part of
  // it the quote supports (issue 15). Optional, so a plain claim stays three properties; the claim is
  // one $defs entry, so they count as two optional properties however many sections use it.
  const claim = z.strictObject({
    text: z.string(),
    basis: z.enum(CLAIM_BASES_OUTSIDE_EXAMPLES),
    citations: z.array(citation),
    elaborated: z.boolean().optional(),
    sourced_text: z.string().optional(),
  });
  const exampleClaim = z.strictObject({ text: z.string(), basis: z.enum(["example"]), citations: z.array(citation) });
  const figure = z.strictObject({ kind: z.enum(FIGURE_KINDS), center: z.string(), items: z.array(z.string()).min(1) });

  // Sections of one shape share a branch: fewer branches, a smaller grammar.
  const groups = new Map<string, { ids: string[]; shape: SectionShape }>();
  for (const section of scope.sections) {
    const key = shapeKeyOf(section);
    const group = groups.get(key);
    if (group) group.ids.push(section.id);
    else groups.set(key, { ids: [section.id], shape: section });
  }
  const branchOf = new Map<string, z.ZodType<SectionAnswer["answer"]>>();
  const branches = [...groups.values()].map(({ ids, shape }) => {
    const block = blockSchemaOf(shape, { claim, exampleClaim });
    const branch = z.strictObject({
      section: z.enum(ids as [string, ...string[]]),
      blocks: z.array(block).min(1),
      ...(shape.hasFigure ? { figure: figure.optional() } : {}),
      ...(shape.framing !== undefined ? { framing: z.string().optional() } : {}),
    }) as unknown as z.ZodType<SectionAnswer["answer"]>;
    for (const id of ids) branchOf.set(id, branch);
    return branch;
  });
  const reporting = scope.sections.filter(mayReportNoSourceMaterial).map((section) => section.id);
  const noMaterial =
    reporting.length > 0
      ? (z.strictObject({ section: z.enum(reporting as [string, ...string[]]), no_source_material: z.strictObject({ reason: z.string() }) }) as unknown as z.ZodType<NoSourceMaterialAnswer["answer"]>)
      : undefined;
  const all: z.ZodType[] = noMaterial ? [...branches, noMaterial] : branches;
  const answer = all.length === 1 ? (all[0] as z.ZodType) : z.union(all as [z.ZodType, ...z.ZodType[]]);
  const forSection = new Map<string, z.ZodType<SectionAnswer>>();
  for (const section of scope.sections) {
    const branch = branchOf.get(section.id) as z.ZodType<SectionAnswer["answer"]>;
    // The asked section only: the branch with its id as the one allowed value.
    const own = z.strictObject({ answer: branch.refine((value) => value.section === section.id, { message: `expected section "${section.id}"`, path: ["section"] }) });
    forSection.set(section.id, own as unknown as z.ZodType<SectionAnswer>);
  }
  const noMaterialOf = new Map<string, z.ZodType<NoSourceMaterialAnswer>>();
  if (noMaterial) {
    for (const id of reporting) {
      const own = z.strictObject({ answer: noMaterial.refine((value) => value.section === id, { message: `expected section "${id}"`, path: ["section"] }) });
      noMaterialOf.set(id, own as unknown as z.ZodType<NoSourceMaterialAnswer>);
    }
  }
  return {
    request: z.strictObject({ answer }) as unknown as z.ZodType<SectionAnswer | NoSourceMaterialAnswer>,
    noSourceMaterialFor: (sectionId) => noMaterialOf.get(sectionId),
    forSection(sectionId) {
      const schema = forSection.get(sectionId);
      if (!schema) throw new Error(`section "${sectionId}" is not in this answer schema (sections: ${scope.sections.map((section) => section.id).join(", ")})`);
      return schema;
    },
  };
}

/** The block shapes a section allows: one variant per shape, told apart by `kind`. */
function blockSchemaOf(shape: SectionShape, parts: { claim: z.ZodType; exampleClaim: z.ZodType }): z.ZodType {
  const plainKinds = shape.blockKinds.filter((kind): kind is Exclude<BlockKind, "table_row" | "example"> => kind !== "table_row" && kind !== "example");
  const variants: z.ZodObject[] = [];
  if (plainKinds.length > 0) variants.push(z.strictObject({ kind: z.enum(plainKinds as [string, ...string[]]), claims: z.array(parts.claim).min(1) }));
  if (shape.blockKinds.includes("example")) variants.push(z.strictObject({ kind: z.literal("example"), claims: z.array(parts.exampleClaim).min(1) }));
  if (shape.blockKinds.includes("table_row")) {
    // load-prompts requires table_columns wherever table_row is allowed.
    const columns = shape.tableColumns ?? [];
    if (columns.length === 0) throw new Error(`section "${shape.id}" allows table_row blocks but names no table_columns`);
    variants.push(z.strictObject({ kind: z.literal("table_row"), cells: z.strictObject(Object.fromEntries(columns.map((column) => [column, parts.claim]))) }));
  }
  if (variants.length === 1) return variants[0] as z.ZodObject;
  return z.discriminatedUnion("kind", variants as [z.ZodObject, ...z.ZodObject[]]);
}

function shapeKeyOf(section: SectionShape): string {
  const kinds = [...section.blockKinds].sort();
  return JSON.stringify({
    kinds,
    columns: kinds.includes("table_row") ? (section.tableColumns ?? []) : [],
    figure: section.hasFigure === true,
    framing: section.framing !== undefined,
  });
}
