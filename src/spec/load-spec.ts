import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseDocument } from "yaml";
import { describeIssues } from "../domain/describe-issues.ts";
import { SpecError, type InputIssue } from "../domain/errors.ts";
import { articleSpecSchema, type ArticleSpec, type ResolvedSource } from "./article-spec.ts";

/**
 * Reads, parses and validates one spec file; any problem is a SpecError naming the file (as the
 * user wrote it: `displayName`) and the path inside it.
 */
export async function loadSpec(absolutePath: string, displayName: string = absolutePath): Promise<ArticleSpec> {
  const file = displayName;
  let bytes: Buffer;
  try {
    bytes = await readFile(absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpecError(file, [{ path: "", message: code === "ENOENT" ? "no such file" : `cannot read (${code ?? "unknown error"})` }]);
  }
  return parseSpec({ file, bytes, dir: path.dirname(path.resolve(absolutePath)) });
}

/** `dir` is the spec's folder, against which relative file: URLs resolve. */
export function parseSpec(args: { file: string; bytes: Buffer; dir?: string }): ArticleSpec {
  const { file, bytes } = args;
  const document = parseDocument(bytes.toString("utf8"), { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new SpecError(
      file,
      document.errors.map((error) => {
        const where = error.linePos?.[0];
        return { path: where ? `line ${where.line}, column ${where.col}` : "", message: `invalid YAML: ${error.message.split("\n")[0]}` };
      }),
    );
  }
  const parsed = articleSpecSchema.safeParse(document.toJS(), { reportInput: true });
  if (!parsed.success) throw new SpecError(file, describeIssues(parsed.error.issues));
  const data = parsed.data;

  const issues: InputIssue[] = [];
  const slugFromName = path.basename(file).replace(/\.ya?ml$/, "");
  if (slugFromName !== data.slug) {
    issues.push({ path: "slug", message: `expected "${slugFromName}" to match the file name, got "${data.slug}"` });
  }
  const seen = new Map<number, number>();
  const resolved: ResolvedSource[] = [];
  data.sources.forEach((source, index) => {
    const earlier = seen.get(source.number);
    if (earlier !== undefined) {
      issues.push({ path: `sources[${index}].number`, message: `duplicate source number ${source.number} (also sources[${earlier}])` });
    }
    seen.set(source.number, index);
    const resolvedUrl = resolveSourceUrl(source.url, args.dir ?? path.dirname(path.resolve(file)));
    if (typeof resolvedUrl !== "string") issues.push({ path: `sources[${index}].url`, message: resolvedUrl.problem });
    else resolved.push({ ...source, resolvedUrl });
  });
  if (issues.length > 0) throw new SpecError(file, issues);

  return { ...data, file, hash: createHash("sha256").update(bytes).digest("hex"), sources: resolved };
}

/**
 * http(s) URLs are kept; `file:` URLs may be relative to the spec's folder (`file:sources/a.html`)
 * or absolute (`file:///srv/a.html`).
 */
export function resolveSourceUrl(url: string, specDir: string): string | { problem: string } {
  if (url.startsWith("file:")) {
    const rest = url.slice("file:".length);
    if (rest.startsWith("//")) return new URL(url).href;
    if (rest === "") return { problem: "expected a path after file:" };
    return pathToFileURL(path.resolve(specDir, decodeURIComponent(rest))).href;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { problem: `expected an http(s) or file: URL, got ${JSON.stringify(url)}` };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { problem: `expected an http(s) or file: URL, got scheme ${JSON.stringify(parsed.protocol.slice(0, -1))}` };
  }
  return parsed.href;
}
