// The src/ tree of an older commit, exported with `git archive` into bench/out once and imported as is,
// so a benchmark can run the old code and the current code side by side in one process.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "./verifier-data.ts";

export interface BaselineSource {
  commit: string;
  /** Imports a module of the old tree by its path under src/ ("verification/offline-verifier.ts"). */
  load: (file: string) => Promise<Record<string, unknown>>;
}

export function exportBaseline(ref: string): BaselineSource {
  const commit = execFileSync("git", ["-C", REPO_ROOT, "rev-parse", ref], { encoding: "utf8" }).trim();
  const dir = join(REPO_ROOT, "bench", "out", "verifier-baseline", commit);
  if (!existsSync(join(dir, "src"))) {
    mkdirSync(dir, { recursive: true });
    const archive = join(dir, "src.tar");
    execFileSync("git", ["-C", REPO_ROOT, "archive", "-o", archive, commit, "src"]);
    execFileSync("tar", ["-x", "-f", archive, "-C", dir]);
  }
  return { commit, load: async (file) => (await import(pathToFileURL(join(dir, "src", file)).href)) as Record<string, unknown> };
}
