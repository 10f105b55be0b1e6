import { z } from "zod";

// The claim-level JSON a model returns for one section (../shared/DESIGN.md). Kept flat and small:
// the structured-output grammar rejects recursion and large optional/union counts and ignores
// length bounds, so bounds and cross-field rules are checked in code after parsing
// (src/claims/check-section-rules.ts).

export const BLOCK_KINDS = ["paragraph", "list", "table_row", "example", "question"] as const;
export const CLAIM_BASES = ["source", "llm", "example"] as const;

export type BlockKind = (typeof BLOCK_KINDS)[number];
export type ClaimBasis = (typeof CLAIM_BASES)[number];

export const citationSchema = z.object({
  source: z.number().int(),
  quote: z.string(),
});

export const claimSchema = z.object({
  text: z.string(),
  basis: z.enum(CLAIM_BASES),
  citations: z.array(citationSchema),
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
