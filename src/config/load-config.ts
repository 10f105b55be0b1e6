import { readFile } from "node:fs/promises";
import { describeIssues, formatPath } from "../domain/describe-issues.ts";
import { ConfigError, formatIssues, type InputIssue } from "../domain/errors.ts";
import { configSchema, DEFAULT_CONFIG, type Config } from "./config-schema.ts";

export type ValueOrigin = "default" | "file" | "environment" | "flag";

export interface LoadedConfig {
  config: Config;
  /** Origin of every leaf value, by dotted path ("fetch.max_bytes"). */
  origins: Map<string, ValueOrigin>;
  /** The config file read, if any. */
  file: string | undefined;
  /** The file exists but sets nothing (empty, or only comments): the defaults apply. */
  isFileEmpty: boolean;
}

/** Environment variables that set config values (secrets are not config: see the provider). */
export const ENV_KEYS: Record<string, { path: string; kind: "string" | "count" }> = {
  WIKIGEN_PROVIDER: { path: "provider.name", kind: "string" },
  WIKIGEN_MODEL: { path: "provider.model", kind: "string" },
  WIKIGEN_VERIFIER: { path: "verifier.name", kind: "string" },
  WIKIGEN_DB: { path: "paths.db", kind: "string" },
  WIKIGEN_CONCURRENCY: { path: "run.concurrency", kind: "count" },
  ANTHROPIC_BASE_URL: { path: "provider.base_url", kind: "string" },
};

export const DEFAULT_CONFIG_FILE = "wikigen.config.yaml";

/**
 * Effective configuration: embedded defaults, then the config file (optional unless named
 * explicitly), then the environment, then command-line flags (given as dotted paths).
 */
export async function loadConfig(args: {
  /** The config file; without it wikigen.config.yaml in the working directory, if present. */
  file?: string | undefined;
  /** An explicitly named file must exist; the default one is optional. */
  isFileRequired?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  flags?: Record<string, string | number | undefined>;
  /** How each flag was spelled on the command line ("provider.name" -> "--provider"), for messages. */
  flagNames?: Record<string, string>;
}): Promise<LoadedConfig> {
  const origins = new Map<string, ValueOrigin>();
  const merged = structuredClone(DEFAULT_CONFIG) as unknown as Record<string, unknown>;
  recordLeaves(merged, "", "default", origins);

  const file = args.file ?? DEFAULT_CONFIG_FILE;
  const read = await readConfigFile(file, args.isFileRequired ?? args.file !== undefined);
  const fileData = read?.data;
  if (fileData !== undefined) {
    if (!isPlainObject(fileData)) throw new ConfigError(file, [{ path: "", message: "expected a mapping of settings" }]);
    mergeInto(merged, fileData, "", "file", origins);
  }
  // Every problem is collected and reported at once, each under the place it came from.
  const problems: { where: string; issue: InputIssue }[] = [];
  for (const [name, target] of Object.entries(ENV_KEYS)) {
    const raw = args.env[name];
    if (raw === undefined || raw === "") continue;
    if (target.kind === "count") {
      // Number("abc") is NaN, which zod would report as "got NaN": quote what was given instead.
      const count = Number(raw);
      if (!Number.isInteger(count) || count < 1) {
        problems.push({ where: `environment ${name}`, issue: { path: "", message: `expected a whole number >= 1, got ${JSON.stringify(raw)}` } });
        continue;
      }
      setPath(merged, target.path, count);
    } else {
      setPath(merged, target.path, raw);
    }
    origins.set(target.path, "environment");
  }
  for (const [dotted, value] of Object.entries(args.flags ?? {})) {
    if (value === undefined) continue;
    setPath(merged, dotted, value);
    origins.set(dotted, "flag");
  }

  const parsed = configSchema.safeParse(merged, { reportInput: true });
  if (!parsed.success) {
    for (const [index, issue] of describeIssues(parsed.error.issues).entries()) {
      problems.push({ where: originLabel(origins, parsed.error.issues[index]?.path ?? [], file, args.flagNames ?? {}), issue });
    }
  }
  if (problems.length > 0 || !parsed.success) throw configErrorOf(problems, file);
  return { config: parsed.data, origins, file: read === undefined ? undefined : file, isFileEmpty: read !== undefined && fileData === undefined };
}

/** One error for all problems: named by its place when there is one, else each line names its own. */
function configErrorOf(problems: { where: string; issue: InputIssue }[], file: string): ConfigError {
  const places = [...new Set(problems.map((problem) => problem.where))];
  if (places.length <= 1) return new ConfigError(places[0] ?? file, problems.map((problem) => problem.issue));
  const grouped = places.flatMap((place) => problems.filter((problem) => problem.where === place));
  return new ConfigError("", grouped.map((problem) => ({ path: "", message: formatIssues(problem.where, [problem.issue]) })));
}

/** undefined when there is no file (and none is required); data undefined when it sets nothing. */
async function readConfigFile(file: string, isRequired: boolean): Promise<{ data: unknown } | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && !isRequired) return undefined;
    throw new ConfigError(file, [{ path: "", message: `cannot read (${(error as NodeJS.ErrnoException).code ?? "unknown error"})` }]);
  }
  // The YAML parser loads only when there is a file to parse: without one, commands start sooner.
  const { parseDocument } = await import("yaml");
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((error) => ({
        path: error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : "",
        message: `invalid YAML: ${error.message.split("\n")[0]}`,
      })),
    );
  }
  return { data: document.toJS() ?? undefined };
}

function originLabel(origins: Map<string, ValueOrigin>, path: readonly PropertyKey[], file: string, flagNames: Record<string, string>): string {
  for (let length = path.length; length > 0; length--) {
    const dotted = path.slice(0, length).map(String).join(".");
    const origin = origins.get(dotted);
    if (origin === "environment") {
      const name = Object.entries(ENV_KEYS).find(([, target]) => target.path === dotted)?.[0];
      return `environment ${name ?? ""}`.trim();
    }
    if (origin === "flag") return flagNames[dotted] ?? `flag for ${formatPath(path)}`;
    if (origin) return file;
  }
  return file;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function recordLeaves(value: Record<string, unknown>, prefix: string, origin: ValueOrigin, origins: Map<string, ValueOrigin>): void {
  for (const [key, child] of Object.entries(value)) {
    const dotted = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(child)) recordLeaves(child, dotted, origin, origins);
    else origins.set(dotted, origin);
  }
}

function mergeInto(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
  prefix: string,
  origin: ValueOrigin,
  origins: Map<string, ValueOrigin>,
): void {
  for (const [key, value] of Object.entries(source)) {
    const dotted = prefix ? `${prefix}.${key}` : key;
    const existing = target[key];
    if (isPlainObject(value) && isPlainObject(existing)) {
      mergeInto(existing, value, dotted, origin, origins);
    } else {
      target[key] = value;
      if (isPlainObject(value)) recordLeaves(value, dotted, origin, origins);
      else origins.set(dotted, origin);
    }
  }
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (!isPlainObject(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

/** Flattened view for `wikigen config`: one line per leaf with its origin. */
export function listEffectiveConfig(loaded: LoadedConfig): { key: string; value: unknown; origin: ValueOrigin }[] {
  const rows: { key: string; value: unknown; origin: ValueOrigin }[] = [];
  const walk = (value: Record<string, unknown>, prefix: string): void => {
    for (const [key, child] of Object.entries(value)) {
      const dotted = prefix ? `${prefix}.${key}` : key;
      if (isPlainObject(child)) walk(child, dotted);
      else rows.push({ key: dotted, value: child, origin: loaded.origins.get(dotted) ?? "default" });
    }
  };
  walk(loaded.config as unknown as Record<string, unknown>, "");
  return rows;
}
