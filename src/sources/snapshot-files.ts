import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";

// Content-addressed snapshot files: <sourcesDir>/<sha[0..2]>/<sha>/raw holds the fetched bytes and
// <extractor-id>-<version>.txt beside it the extracted text. Files are written once (temp file +
// rename) and never modified: a path names its content.

export function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

export function rawSnapshotPath(rawSha256: string): string {
  return path.join(rawSha256.slice(0, 2), rawSha256, "raw");
}

export function textSnapshotPath(rawSha256: string, extractor: { id: string; version: string }): string {
  return path.join(rawSha256.slice(0, 2), rawSha256, `${extractor.id}-${extractor.version}.txt`);
}

/** Writes the file unless it already exists; returns whether a new file was written. */
export async function writeOnce(sourcesDir: string, relativePath: string, data: Buffer | string): Promise<boolean> {
  const target = path.join(sourcesDir, relativePath);
  if (await exists(target)) return false;
  await mkdir(path.dirname(target), { recursive: true });
  // Unique per write, not per millisecond: two sources with the same bytes (a page and a redirect to
  // it) are stored at the same moment, and a shared temporary name made the second rename fail.
  const temporary = `${target}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, target);
  return true;
}

export async function readSnapshotFile(sourcesDir: string, relativePath: string): Promise<Buffer> {
  return readFile(path.join(sourcesDir, relativePath));
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
