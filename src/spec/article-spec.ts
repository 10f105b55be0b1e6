import { z } from "zod";
import { resourcesSchema, watchSchema } from "./page-links.ts";

// The article spec (articles/<slug>.yaml): what a content team writes. Strict objects: an unknown key
// is a mistake (a typo'd field would otherwise be silently ignored).

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;

const nonEmpty = z.string().trim().min(1, "must not be empty");

export const sourceSpecSchema = z.strictObject({
  number: z.number().int().min(1),
  url: nonEmpty,
  title: nonEmpty,
  tier: z.enum(["T1", "T2", "T3"]),
  note: z.string().optional(),
});

export const articleMetadataSchema = z.strictObject({
  type: nonEmpty,
  subtype: nonEmpty.optional(),
  discipline: z.array(nonEmpty).min(1),
  evidence_status: nonEmpty,
  populations: z.array(nonEmpty).default([]),
  problems: z.array(nonEmpty).default([]),
  key_figures: z.array(nonEmpty).default([]),
});

export const articleSpecSchema = z.strictObject({
  slug: z.string().regex(SLUG_PATTERN, "expected a safe file name: lower-case letters, digits and dashes"),
  title: nonEmpty,
  spec_version: z.number().int().min(1),
  template: z.string().regex(SLUG_PATTERN, "expected a template id such as clinical-theory"),
  topic: nonEmpty,
  metadata: articleMetadataSchema,
  sources: z.array(sourceSpecSchema).min(1, "an article needs at least one source"),
  // Page links (page-links.ts): shown on the page as written, never fetched or cited.
  watch: watchSchema,
  resources: resourcesSchema,
  // URLs a reader's approved revision added that the team no longer wants: without this, such a
  // source stays part of the article in every later version (pipeline/regen/reader-sources.ts).
  drop_reader_sources: z.array(nonEmpty).optional(),
});

export type SourceSpec = z.infer<typeof sourceSpecSchema>;
export type ArticleMetadata = z.infer<typeof articleMetadataSchema>;
export type ArticleSpecData = z.infer<typeof articleSpecSchema>;

/** A validated spec, with where it came from and what its sources resolve to. */
export interface ArticleSpec extends ArticleSpecData {
  /** Path of the spec file as given (for messages). */
  file: string;
  /** sha256 of the spec file's bytes. */
  hash: string;
  sources: ResolvedSource[];
}

export interface ResolvedSource extends SourceSpec {
  /** Absolute URL: file: URLs resolved against the spec's folder. */
  resolvedUrl: string;
}
