import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { describeIssues } from "../domain/describe-issues.ts";
import { InputError } from "../domain/errors.ts";

// The judge prompt (prompts/judge.md): YAML front matter with an id and a hand-bumped version, then
// the instructions, sent as the system prompt of every judge call. The drafting stage has its own
// loader for section prompts; stages do not import each other, so this small reader lives here.

export interface JudgePrompt {
  id: string;
  version: number;
  /** sha256 of the file's bytes: notices an edit whose author forgot to bump the version. */
  hash: string;
  text: string;
}

const frontMatterSchema = z.strictObject({ id: z.literal("judge"), version: z.number().int().min(1) });

export async function loadJudgePrompt(promptsDir: string): Promise<JudgePrompt> {
  const file = path.join(promptsDir, "judge.md");
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(file, [{ path: "", message: code === "ENOENT" ? "judge prompt not found" : `cannot read (${code ?? "unknown error"})` }]);
  }
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(bytes.toString("utf8").replace(/\r\n/g, "\n"));
  if (!match) throw new InputError(file, [{ path: "", message: "expected a front matter block between --- lines at the top" }]);
  const document = parseDocument(match[1] ?? "", { uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new InputError(file, document.errors.map((error) => ({ path: "", message: `invalid YAML: ${error.message.split("\n")[0]}` })));
  }
  const parsed = frontMatterSchema.safeParse(document.toJS(), { reportInput: true });
  if (!parsed.success) throw new InputError(file, describeIssues(parsed.error.issues));
  const text = (match[2] ?? "").trim();
  if (text === "") throw new InputError(file, [{ path: "", message: "the judge instructions after the front matter are empty" }]);
  return { id: parsed.data.id, version: parsed.data.version, hash: createHash("sha256").update(bytes).digest("hex"), text };
}
