import { existsSync } from "node:fs";
import path from "node:path";
import { loadConfig, type LoadedConfig } from "../config/load-config.ts";
import { combineSpecErrors, SpecError, UsageError } from "../domain/errors.ts";
import type { ArticleSpec } from "../spec/article-spec.ts";
import type { CliIo, ParsedValues } from "./command.ts";

/** Flags that map onto configuration keys, for commands that accept them. */
const FLAG_TO_CONFIG: Record<string, string> = {
  db: "paths.db",
  out: "paths.output",
  provider: "provider.name",
  model: "provider.model",
  verifier: "verifier.name",
  concurrency: "run.concurrency",
};

export async function loadCliConfig(values: ParsedValues, io: CliIo): Promise<LoadedConfig> {
  const flags: Record<string, string | number | undefined> = {};
  for (const [flag, key] of Object.entries(FLAG_TO_CONFIG)) {
    const value = values[flag];
    if (typeof value !== "string") continue;
    if (key === "run.concurrency") {
      const number = Number(value);
      if (!Number.isInteger(number) || number < 1) throw new UsageError(`--${flag}: expected a whole number >= 1, got "${value}"`);
      flags[key] = number;
    } else {
      flags[key] = value;
    }
  }
  const file = typeof values.config === "string" ? path.resolve(io.cwd, values.config) : undefined;
  const flagNames = Object.fromEntries(Object.entries(FLAG_TO_CONFIG).map(([flag, key]) => [key, `--${flag}`]));
  const loaded = await loadConfig({ file: file ?? path.join(io.cwd, "wikigen.config.yaml"), isFileRequired: file !== undefined, env: io.env, flags, flagNames });
  const paths = loaded.config.paths;
  for (const key of ["articles", "prompts", "sources", "output", "db"] as const) paths[key] = path.resolve(io.cwd, paths[key]);
  // A config file named elsewhere describes the project it sits in: "." is that folder.
  const projectRoot = file === undefined ? io.cwd : path.dirname(file);
  paths.local_roots = paths.local_roots.map((root) => path.resolve(projectRoot, root));
  return loaded;
}

/** How the user chose the output folder, for messages about it. */
export function outputDirName(values: ParsedValues): string {
  return typeof values.out === "string" ? `--out ${values.out}` : "paths.output";
}

/**
 * Spec arguments are paths to YAML files, or bare slugs looked up in the articles folder. All specs
 * are validated before any work starts, and every bad one is reported.
 */
export async function loadSpecArguments(positionals: string[], articlesDir: string, io: CliIo): Promise<ArticleSpec[]> {
  if (positionals.length === 0) throw new UsageError("expected at least one spec (a path like articles/x.yaml, or a slug)");
  const files = positionals.map((argument) => {
    const isSlug = !argument.includes("/") && !argument.includes(path.sep) && !/\.ya?ml$/.test(argument);
    const candidate = isSlug ? path.join(articlesDir, `${argument}.yaml`) : path.resolve(io.cwd, argument);
    if (isSlug && !existsSync(candidate) && !existsSync(path.resolve(io.cwd, argument))) {
      throw new UsageError(`${argument}: no such spec (looked for ${path.relative(io.cwd, candidate) || candidate})`);
    }
    return isSlug && !existsSync(candidate) ? path.resolve(io.cwd, argument) : candidate;
  });
  // Imported here: the spec loader brings the YAML parser, which commands without spec arguments skip.
  const { loadSpec } = await import("../spec/load-spec.ts");
  const results = await Promise.allSettled(files.map((file) => loadSpec(file, path.relative(io.cwd, file) || file)));
  const problems = results.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
  if (problems.length > 0) {
    const unexpected = problems.find((problem) => !(problem instanceof SpecError));
    if (unexpected) throw unexpected;
    throw combineSpecErrors(problems as SpecError[]);
  }
  const specs = results.map((result) => (result as PromiseFulfilledResult<ArticleSpec>).value);
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.slug)) throw new UsageError(`spec "${spec.slug}" was named twice`);
    seen.add(spec.slug);
  }
  return specs;
}

/** The name recorded when neither --reviewer nor $USER gives one: one default for decide and review. */
export const DEFAULT_REVIEWER = "reviewer";

/** Who a decision is recorded for: --reviewer, else $USER, else DEFAULT_REVIEWER. */
export function reviewerFrom(values: ParsedValues, env: CliIo["env"]): string {
  return (typeof values.reviewer === "string" ? values.reviewer : (env.USER ?? "")).trim() || DEFAULT_REVIEWER;
}
