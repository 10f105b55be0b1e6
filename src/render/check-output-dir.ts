import { rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { OutputDirError } from "../domain/errors.ts";

/**
 * Proves the output folder can be written before a job fetches or drafts anything: finding out after
 * every section was drafted and paid for is too late. The folder itself is not created here (a job
 * stopped by another check leaves nothing behind); the nearest folder that exists, the output folder
 * or one above it, must be a folder that takes a file, tested by writing and removing one. `named`
 * says how the user chose the folder (e.g. "--out out/").
 */
export async function checkOutputDir(dir: string, named: string): Promise<void> {
  try {
    const existing = await nearestExisting(path.resolve(dir));
    if (!(await stat(existing)).isDirectory()) throw Object.assign(new Error(`${existing} is not a folder`), { code: "ENOTDIR" });
    const probe = path.join(existing, `.wikigen-write-test-${process.pid}-${Date.now()}`);
    await writeFile(probe, "");
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new OutputDirError({
      dir,
      code,
      message: `${named}: cannot write rendered articles to ${dir} (${code ?? "unknown error"}); nothing was fetched or drafted`,
    });
  }
}

/** The folder itself if it exists, else its nearest ancestor that does (a file there counts too). */
async function nearestExisting(dir: string): Promise<string> {
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      await stat(current);
      return current;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" || path.dirname(current) === current) throw error;
    }
  }
}
