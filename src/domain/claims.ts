import { z } from "zod";

// The claim-level JSON a model returns for one section (../shared/DESIGN.md). Kept flat and small:
// the structured-output grammar rejects recursion and large optional/union counts and ignores
// length bounds, so bounds and cross-field rules are checked in code after parsing
// (src/claims/check-section-rules.ts).

export const BLOCK_KINDS = ["paragraph", "list", "table_row", "example", "question"] as const;
export const CLAIM_BASES = ["source", "llm", "example"] as const;

export type BlockKind = (typeof BLOCK_KINDS)[number];
export type ClaimBasis = (typeof CLAIM_BASES)[number];

// What a section's evidence policy can accept (prompt front matter `accepts`, issue 15): a sourced
// sentence, a sourced sentence with the model's own framing (basis source, elaborated), a
// model-written sentence, an illustrative example.
export const CLAIM_EVIDENCE = ["source", "elaborated", "llm", "example"] as const;
export type ClaimEvidence = (typeof CLAIM_EVIDENCE)[number];

export const citationSchema = z.object({
  source: z.number().int(),
  quote: z.string(),
});

export const claimSchema = z.object({
  text: z.string(),
  basis: z.enum(CLAIM_BASES),
  citations: z.array(citationSchema),
  /**
   * Basis source only: the sentence rests on its quote but adds the model's framing (rendered "4 LLM").
   * `sourced_text` is then the verbatim part of `text` the quote supports; only that part is verified,
   * and the rest is held to the evidence policy like a model-written sentence.
   */
  elaborated: z.boolean().optional(),
  sourced_text: z.string().optional(),
});

export const blockSchema = z.object({
  kind: z.enum(BLOCK_KINDS),
  claims: z.array(claimSchema),
});

export const sectionOutputSchema = z.object({
  blocks: z.array(blockSchema),
});

export type Citation = z.infer<typeof citationSchema>;
export type Claim = z.infer<typeof claimSchema>;
export type Block = z.infer<typeof blockSchema>;
export type SectionOutput = z.infer<typeof sectionOutputSchema>;
