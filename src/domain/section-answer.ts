import type { Block, BlockKind, Claim, SectionOutput } from "./claims.ts";
import type { ConceptFigure } from "./concept-figure.ts";

// The JSON a model writes for one section: the structured-output format sent with every drafting
// request (src/drafting/answer-schema.ts builds its schema). It differs from the claim-level
// SectionOutput the later stages read in two ways, both so the grammar can guarantee more:
// - the answer names its section, and the schema ties each section id to the block kinds that
//   section allows (one schema serves all sections of an article; see answer-schema.ts for why);
// - a table row is an object keyed by the table's columns, so every column is there exactly once.
// The extractive provider writes the same format, so one parser reads every provider's answer.

/**
 * The block kind a model's framing line is stored under: one llm claim in a block of its own after
 * the section's blocks, so reviews, flags and renderings treat it as the model-written sentence it is.
 */
export const FRAMING_BLOCK_KIND = "framing";

export interface AnswerBlockOfClaims {
  kind: Exclude<BlockKind, "table_row">;
  claims: Claim[];
}

export interface AnswerTableRow {
  kind: "table_row";
  /** One claim per table column, keyed by the column's name. */
  cells: Record<string, Claim>;
}

export type AnswerBlock = AnswerBlockOfClaims | AnswerTableRow;

export interface SectionAnswer {
  answer: {
    section: string;
    blocks: AnswerBlock[];
    /** Only where the section's prompt asks for a concept figure (front matter `figure: true`). */
    figure?: ConceptFigure | undefined;
    /** Only where the prompt has a framing line (front matter `framing`): the model's own, one sentence. */
    framing?: string | undefined;
  };
}

/**
 * The other answer a section of sourced prose may give: its sources hold nothing it covers. Stored
 * as a section not drafted for that reason, and shown so on the page; never repaired into prose.
 */
export interface NoSourceMaterialAnswer {
  answer: { section: string; no_source_material: { reason: string } };
}

/** The claim-level section: a table row's cells become its claims, in column order. */
export function toSectionOutput(answer: SectionAnswer, tableColumns: readonly string[] | undefined): SectionOutput {
  return {
    blocks: answer.answer.blocks.map((block): Block => {
      if (block.kind !== "table_row") return { kind: block.kind, claims: block.claims };
      const columns = tableColumns ?? Object.keys(block.cells);
      return { kind: "table_row", claims: columns.flatMap((column) => (block.cells[column] ? [block.cells[column]] : [])) };
    }),
  };
}

/** The answer a provider writes for a claim-level section (the inverse of toSectionOutput). */
export function toSectionAnswer(sectionId: string, output: SectionOutput, tableColumns: readonly string[] | undefined): SectionAnswer {
  return {
    answer: {
      section: sectionId,
      blocks: output.blocks.map((block): AnswerBlock => {
        if (block.kind !== "table_row") return { kind: block.kind, claims: block.claims };
        const columns = tableColumns ?? block.claims.map((_claim, index) => `column_${index + 1}`);
        return { kind: "table_row", cells: Object.fromEntries(block.claims.map((claim, index) => [columns[index] ?? `column_${index + 1}`, claim])) };
      }),
    },
  };
}
