import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { BLOCK_KINDS, CLAIM_EVIDENCE, type BlockKind, type ClaimEvidence } from "../domain/claims.ts";
import { describeIssues } from "../domain/describe-issues.ts";
import { InputError } from "../domain/errors.ts";
import { SPEC_TERM_FIELDS, type SpecTermField } from "./build-section-queries.ts";
import { EXTRACTIVE_FORMS, EXTRACTIVE_ORDERS, type ExtractiveForm, type ExtractiveOrder } from "../providers/types.ts";

// Prompt files: Markdown with a YAML front matter block (id, explicit version, block kinds, what the
// section covers, and the topic-neutral purpose terms and spec fields its retrieval queries are built
// from: build-section-queries.ts, and optionally the kinds of sentence the section accepts). The version is bumped by hand when the instructions change; the
// hash lets `plan` notice an edit whose author forgot to bump it.

const idPattern = /^[a-z0-9][a-z0-9-]*$/;

const sectionFrontMatterSchema = z.strictObject({
  id: z.string().regex(idPattern),
  version: z.number().int().min(1),
  title: z.string().min(1),
  block_kinds: z.array(z.enum(BLOCK_KINDS)).min(1),
  table_columns: z.array(z.string().min(1)).min(1).optional(),
  /** Topic-neutral retrieval terms for what the section looks for; the spec's words are added in code. */
  purpose: z.string().min(1),
  /** The spec fields whose values join the purpose terms as further queries (the topic always does). */
  spec_terms: z.array(z.enum(SPEC_TERM_FIELDS)).default([]),
  /** One line: what this section covers, shown to every other section so a fact is written once. */
  covers: z.string().min(1),
  // The section's answer may carry the article's concept figure (domain/concept-figure.ts).
  figure: z.boolean().optional(),
  // A fixed framing sentence shown under the section, marked as template text, when the model wrote
  // none (offline, or a section not drafted); with it the answer may carry the model's own line.
  framing: z.string().trim().min(1).optional(),
  // How the offline extractive provider arranges the section: definitions first (the default), by
  // the year each sentence names, or opening with the article subject's own definition (which the
  // section then owns); plain sentences, or "term: definition" entries (a glossary).
  extractive_order: z.enum(EXTRACTIVE_ORDERS).default("definition-first"),
  extractive_form: z.enum(EXTRACTIVE_FORMS).default("sentences"),
  // The section's evidence policy (issue 15): the kinds of sentence it accepts. Absent: all of them.
  accepts: z.array(z.enum(CLAIM_EVIDENCE)).min(1).optional(),
}).refine((meta) => !meta.block_kinds.includes("table_row") || meta.table_columns !== undefined, {
  // The request schema makes a table row an object with exactly these columns.
  message: "a section that allows table_row blocks names its table_columns",
  path: ["table_columns"],
}).refine((meta) => !meta.block_kinds.includes("example") || meta.accepts === undefined || meta.accepts.includes("example"), {
  // Every claim of an example block is an example: a section that allows the block accepts them.
  message: "a section that allows example blocks accepts example",
  path: ["accepts"],
});

const systemFrontMatterSchema = z.strictObject({ id: z.string().regex(idPattern), version: z.number().int().min(1) });

const templateSchema = z.strictObject({
  id: z.string().regex(idPattern),
  version: z.number().int().min(1),
  sections: z.array(z.string().regex(idPattern)).min(1),
});

export interface PromptIdentity {
  id: string;
  version: number;
  /** sha256 of the prompt file's bytes. */
  hash: string;
}

export interface SectionPrompt extends PromptIdentity {
  title: string;
  blockKinds: BlockKind[];
  tableColumns: string[] | undefined;
  purpose: string;
  specTerms: SpecTermField[];
  covers: string;
  extractiveOrder: ExtractiveOrder;
  extractiveForm: ExtractiveForm;
  /** What the section's evidence policy accepts (front matter `accepts`; default: every kind). */
  accepts: ClaimEvidence[];
  instructions: string;
  /** The answer may carry a concept figure (front matter `figure: true`). */
  hasFigure: boolean;
  /** The template's fixed framing sentence (front matter `framing`), if any. */
  framing: string | undefined;
}

export interface TemplateSet {
  template: PromptIdentity;
  system: PromptIdentity & { text: string };
  sections: SectionPrompt[];
}

/** Loads a template set and every prompt it names; all problems are reported with file and path. */
export async function loadTemplateSet(promptsDir: string, templateId: string): Promise<TemplateSet> {
  const templateFile = path.join(promptsDir, "templates", `${templateId}.yaml`);
  const templateBytes = await readTemplateFile(promptsDir, templateFile, templateId);
  const template = parseWith(templateSchema, parseYaml(templateFile, templateBytes.toString("utf8")), templateFile);
  if (template.id !== templateId) throw new InputError(templateFile, [{ path: "id", message: `expected "${templateId}", got "${template.id}"` }]);

  const systemFile = path.join(promptsDir, "system.md");
  const systemBytes = await readPromptFile(systemFile, "system prompt");
  const system = splitFrontMatter(systemFile, systemBytes);
  const systemMeta = parseWith(systemFrontMatterSchema, system.frontMatter, systemFile);

  const sections: SectionPrompt[] = [];
  for (const [index, sectionId] of template.sections.entries()) {
    const file = path.join(promptsDir, "sections", `${sectionId}.md`);
    const bytes = await readPromptFile(file, `section "${sectionId}" (${templateFile}: sections[${index}])`);
    const parts = splitFrontMatter(file, bytes);
    const meta = parseWith(sectionFrontMatterSchema, parts.frontMatter, file);
    if (meta.id !== sectionId) throw new InputError(file, [{ path: "id", message: `expected "${sectionId}" to match the file name, got "${meta.id}"` }]);
    sections.push({
      id: meta.id,
      version: meta.version,
      hash: sha256(bytes),
      title: meta.title,
      blockKinds: meta.block_kinds,
      tableColumns: meta.table_columns,
      purpose: meta.purpose,
      specTerms: meta.spec_terms,
      covers: meta.covers,
      extractiveOrder: meta.extractive_order,
      extractiveForm: meta.extractive_form,
      accepts: meta.accepts ?? [...CLAIM_EVIDENCE],
      instructions: parts.body,
      hasFigure: meta.figure === true,
      framing: meta.framing,
    });
  }
  return {
    template: { id: template.id, version: template.version, hash: sha256(templateBytes) },
    system: { id: systemMeta.id, version: systemMeta.version, hash: sha256(systemBytes), text: system.body },
    sections,
  };
}

/** A template that does not exist is named with the templates that do, so a typo in a spec is plain. */
async function readTemplateFile(promptsDir: string, templateFile: string, templateId: string): Promise<Buffer> {
  try {
    return await readFile(templateFile);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") throw new InputError(templateFile, [{ path: "", message: `cannot read (${code ?? "unknown error"})` }]);
    const known = await knownTemplates(promptsDir);
    const listed = known.length > 0 ? known.join(", ") : `none: ${path.join(promptsDir, "templates")} holds no .yaml file`;
    throw new InputError(templateFile, [{ path: "", message: `unknown template "${templateId}" (known templates: ${listed})` }]);
  }
}

/** The template ids in prompts/templates/, sorted. */
export async function knownTemplates(promptsDir: string): Promise<string[]> {
  try {
    const files = await readdir(path.join(promptsDir, "templates"));
    return files.filter((file) => file.endsWith(".yaml")).map((file) => file.slice(0, -".yaml".length)).sort();
  } catch {
    return [];
  }
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function readPromptFile(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(file, [{ path: "", message: code === "ENOENT" ? `${what} not found` : `cannot read (${code ?? "unknown error"})` }]);
  }
}

function splitFrontMatter(file: string, bytes: Buffer): { frontMatter: unknown; body: string } {
  const text = bytes.toString("utf8").replace(/\r\n/g, "\n");
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!match) throw new InputError(file, [{ path: "", message: "expected a front matter block between --- lines at the top" }]);
  return { frontMatter: parseYaml(file, match[1] ?? ""), body: (match[2] ?? "").trim() };
}

function parseYaml(file: string, text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new InputError(file, document.errors.map((error) => ({ path: "", message: `invalid YAML: ${error.message.split("\n")[0]}` })));
  }
  return document.toJS();
}

function parseWith<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const parsed = schema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw new InputError(file, describeIssues(parsed.error.issues));
  return parsed.data;
}
