import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { OutputDirError } from "../domain/errors.ts";

/**
 * Creates the output folder if missing and proves it writable by writing and removing a file in it.
 * Called before a job fetches or drafts anything: finding out after every section was drafted and
 * paid for is too late. `named` says how the user chose the folder (e.g. "--out out/").
 */
export async function checkOutputDir(dir: string, named: string): Promise<void> {
  const probe = path.join(dir, `.wikigen-write-test-${process.pid}-${Date.now()}`);
  try {
    await mkdir(dir, { recursive: true });
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
