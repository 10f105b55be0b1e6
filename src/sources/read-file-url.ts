// file: sources: the content team's own documents (the example article's sources live on disk).

import { open } from "node:fs/promises";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { SourceFetchError } from "../domain/errors.ts";
import { confineLocalPath } from "../domain/local-roots.ts";
import type { FetchedPage, FetchLimits } from "./types.ts";

const TYPES_BY_EXTENSION: Record<string, string> = {
  ".html": "text/html",
  ".htm": "text/html",
  ".xhtml": "application/xhtml+xml",
  ".txt": "text/plain",
  ".pdf": "application/pdf",
};

const MISSING_CODES = new Set(["ENOENT", "ENOTDIR", "EISDIR"]);

export async function readFileUrl(url: URL, limits: FetchLimits): Promise<FetchedPage> {
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    // e.g. file://server/share/x on POSIX: a remote host cannot be read as a local path.
    throw new SourceFetchError({ url: url.href, kind: "invalid_url", message: `${url.href}: not a local file path` });
  }
  const confinement = await confineLocalPath(path, limits.localRoots);
  if (!confinement.isInside) {
    throw new SourceFetchError({ url: url.href, kind: "outside_local_roots", message: `${url.href}: ${confinement.reason}` });
  }
  let body: Buffer;
  try {
    // The resolved path is what was checked: reading it, not the link, leaves no window to swap one in.
    body = await readCapped(url, confinement.realPath ?? path, limits.maxBytes);
  } catch (error) {
    if (error instanceof SourceFetchError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && MISSING_CODES.has(code)) {
      throw new SourceFetchError({ url: url.href, kind: "not_found", message: `${url.href}: no such file (${path})` });
    }
    // No kind fits a local I/O failure better; these are rare (permissions, disk errors).
    throw new SourceFetchError({
      url: url.href,
      kind: "network",
      message: `${url.href}: cannot read ${path} (${code ?? "no code"})`,
    });
  }
  return {
    requestedUrl: url.href,
    finalUrl: url.href,
    status: 200,
    notModified: false,
    contentType: TYPES_BY_EXTENSION[extname(path).toLowerCase()] ?? "application/octet-stream",
    body,
    etag: undefined,
    lastModified: undefined,
    attempts: 1,
    redirects: [],
  };
}

async function readCapped(url: URL, path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) {
      throw Object.assign(new Error(`${path} is a directory`), { code: "EISDIR" });
    }
    const tooLarge = (detail: string): SourceFetchError =>
      new SourceFetchError({ url: url.href, kind: "too_large", message: `${url.href}: ${detail}` });
    if (stats.size > maxBytes) throw tooLarge(`file is ${stats.size} bytes, limit is ${maxBytes} bytes`);
    // Read against the cap rather than trusting stat: the file may grow meanwhile, and devices or
    // pipes report size 0.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(`file exceeds ${maxBytes} bytes`);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}
