import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Tests that spawn bin/wikigen.js run the compiled dist/, while the in-process CLI (run-cli.ts) runs
// src/ through vitest. When src/ changed after the last `npm run build` (a merge, an edit, a
// checkout), the child runs other code than the rest of the test: its versions get other
// fingerprints, its answers are parsed by an older schema, and the test fails far from the cause.
// `npm test` builds first; a single file run with `npx vitest run` does not.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const ENTRY = path.join(ROOT, "dist", "cli", "main.js");

function newestSource(dir: string): { file: string; mtimeMs: number } | undefined {
  let newest: { file: string; mtimeMs: number } | undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const candidate = entry.isDirectory()
      ? newestSource(file)
      : entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")
        ? { file, mtimeMs: statSync(file).mtimeMs }
        : undefined;
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

/** Throws, naming the newer source file, when dist/ is missing or older than a file in src/. */
export function assertCompiledCliIsCurrent(): void {
  if (!existsSync(ENTRY)) throw new Error("dist/cli/main.js is missing: run `npm run build` before a test that spawns bin/wikigen.js");
  const built = statSync(ENTRY).mtimeMs;
  const newest = newestSource(path.join(ROOT, "src"));
  if (newest && newest.mtimeMs > built) {
    throw new Error(
      `dist/ is older than ${path.relative(ROOT, newest.file)}: the spawned bin/wikigen.js would run stale compiled code; run \`npm run build\` (npm test does) and rerun`,
    );
  }
}
