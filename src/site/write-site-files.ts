import { readdir, readFile, rename, rm, rmdir, stat, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { OutputDirError } from "../domain/errors.ts";

// Writes the site incrementally: a file whose bytes are already on disk is not touched (same bytes,
// same mtime), a changed or new one is written atomically (temp file, then rename), and a file an
// earlier build wrote that this build does not produce is removed. The manifest of what the site
// wrote is the only record of ownership: a file the site did not write is never removed, and a
// folder with files but no manifest is refused rather than mixed into.

export const MANIFEST = ".wikigen-site.json";

export type SiteFileContent = string | Uint8Array;

export interface SiteWriteReport {
  written: string[];
  unchanged: number;
  removed: string[];
}

interface Manifest {
  generator: "wikigen site";
  files: string[];
}

async function readManifest(outDir: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(outDir, MANIFEST), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<Manifest>;
  if (parsed.generator !== "wikigen site" || !Array.isArray(parsed.files)) throw new OutputDirError({ dir: outDir, code: "EINVAL", message: `${path.join(outDir, MANIFEST)}: not a wikigen site manifest` });
  return { generator: "wikigen site", files: parsed.files.filter((file): file is string => typeof file === "string") };
}

/**
 * The output folder must be a folder (or not exist yet), and hold either nothing or a site an
 * earlier build wrote. `named` says how the user chose it, e.g. "--out public".
 */
export async function checkSiteDir(outDir: string, named: string): Promise<Manifest | undefined> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(outDir)).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new OutputDirError({ dir: outDir, code: (error as NodeJS.ErrnoException).code, message: `${named}: cannot use ${outDir} (${(error as Error).message})` });
  }
  if (!isDirectory) throw new OutputDirError({ dir: outDir, code: "ENOTDIR", message: `${named}: ${outDir} is a file, not a folder; name a folder for the site` });
  const manifest = await readManifest(outDir);
  if (!manifest && (await readdir(outDir)).length > 0) {
    throw new OutputDirError({
      dir: outDir,
      code: "ENOTEMPTY",
      message: `${named}: ${outDir} holds files that wikigen site did not write (no ${MANIFEST}); name an empty or new folder, so no file of yours is overwritten or removed`,
    });
  }
  return manifest;
}

function toBuffer(content: SiteFileContent): Buffer {
  return typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR") return undefined;
    throw error;
  }
}

/** Removes the folders a removed file leaves empty, up to (not including) the site folder. */
async function removeEmptyParents(outDir: string, file: string): Promise<void> {
  for (let dir = path.dirname(file); dir !== outDir && dir.startsWith(outDir + path.sep); dir = path.dirname(dir)) {
    if ((await readdir(dir)).length > 0) return;
    await rmdir(dir);
  }
}

export async function writeSiteFiles(args: { outDir: string; named: string; files: Map<string, SiteFileContent> }): Promise<SiteWriteReport> {
  const previous = await checkSiteDir(args.outDir, args.named);
  const paths = [...args.files.keys()].sort();
  const manifest: Manifest = { generator: "wikigen site", files: paths };
  const all = new Map<string, SiteFileContent>([...args.files, [MANIFEST, `${JSON.stringify(manifest, null, 1)}\n`]]);
  const written: string[] = [];
  let unchanged = 0;
  await mkdir(args.outDir, { recursive: true });
  for (const [relative, content] of [...all].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (relative.split("/").some((part) => part === ".." || part === "") || path.isAbsolute(relative)) throw new Error(`site file path "${relative}" leaves the site folder`);
    const target = path.join(args.outDir, ...relative.split("/"));
    const bytes = toBuffer(content);
    const existing = await readIfExists(target);
    if (existing && existing.equals(bytes)) {
      if (relative !== MANIFEST) unchanged++;
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, target);
    if (relative !== MANIFEST) written.push(relative);
  }
  const removed: string[] = [];
  const current = new Set(paths);
  for (const relative of previous?.files ?? []) {
    if (current.has(relative) || relative.split("/").includes("..")) continue;
    const target = path.join(args.outDir, ...relative.split("/"));
    await rm(target, { force: true });
    await removeEmptyParents(args.outDir, target);
    removed.push(relative);
  }
  return { written, unchanged, removed };
}
