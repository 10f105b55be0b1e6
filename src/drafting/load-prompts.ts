import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { BLOCK_KINDS, CLAIM_EVIDENCE, type BlockKind, type ClaimEvidence } from "../domain/claims.ts";
import { describeIssues } from "../domain/describe-issues.ts";
import { InputError } from "../domain/errors.ts";

// Prompt files: Markdown with a YAML front matter block (id, explicit version, block kinds, the
// section's retrieval query, and optionally the kinds of sentence the section accepts). The version is bumped by hand when the instructions change; the hash
// lets `plan` notice an edit whose author forgot to bump it.

const idPattern = /^[a-z0-9][a-z0-9-]*$/;

const sectionFrontMatterSchema = z.strictObject({
  id: z.string().regex(idPattern),
  version: z.number().int().min(1),
  title: z.string().min(1),
  block_kinds: z.array(z.enum(BLOCK_KINDS)).min(1),
  table_columns: z.array(z.string().min(1)).min(1).optional(),
  query: z.string().min(1),
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
  query: string;
  /** What the section's evidence policy accepts (front matter `accepts`; default: every kind). */
  accepts: ClaimEvidence[];
  instructions: string;
}

export interface TemplateSet {
  template: PromptIdentity;
  system: PromptIdentity & { text: string };
  sections: SectionPrompt[];
}

/** Loads a template set and every prompt it names; all problems are reported with file and path. */
export async function loadTemplateSet(promptsDir: string, templateId: string): Promise<TemplateSet> {
  const templateFile = path.join(promptsDir, "templates", `${templateId}.yaml`);
  const templateBytes = await readPromptFile(templateFile, `template "${templateId}"`);
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
      query: meta.query,
      accepts: meta.accepts ?? [...CLAIM_EVIDENCE],
      instructions: parts.body,
    });
  }
  return {
    template: { id: template.id, version: template.version, hash: sha256(templateBytes) },
    system: { id: systemMeta.id, version: systemMeta.version, hash: sha256(systemBytes), text: system.body },
    sections,
  };
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
