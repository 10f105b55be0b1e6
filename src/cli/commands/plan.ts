import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../../config/config-schema.ts";
import { StoreError, UsageError } from "../../domain/errors.ts";
import { describeRunners } from "../../pipeline/wiring/describe-runners.ts";
import { composeRegenPlan } from "../../pipeline/regen/compose-regen-plan.ts";
import type { ArticlePlan, RegenPlan } from "../../regen/fingerprints.ts";
import type { ArticleSpec } from "../../spec/article-spec.ts";
import type { Store } from "../../store/open-store.ts";
import { openEmptyStore, openStoreReadOnly } from "../../store/open-store-read-only.ts";
import { EXIT, type CliIo, type Command } from "../command.ts";
import { loadCliConfig, loadSpecArguments } from "../context.ts";

export const planCommand: Command = {
  usage: "plan [articles...] [--provider P] [--model M] [--verifier V] [--offline] [--json]",
  optionHelp: [
    "articles         specs (paths or slugs); default: every spec in the articles folder",
    "--provider NAME  plan for this provider instead of the configured one",
    "--model M        plan for this model instead of the configured one",
    "--verifier NAME  plan for this verifier instead of the configured one",
    "--offline        plan for a run that never touches the network: no source waits for a re-fetch",
    "--json           print the plan as one JSON document on stdout",
  ],
  options: { provider: { type: "string" }, model: { type: "string" }, verifier: { type: "string" }, offline: { type: "boolean" }, json: { type: "boolean" } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const { config } = await loadCliConfig(values, io);
    const specs = await loadRegenSpecs(positionals, config, io);
    const plan = await computePlan({ config, specs, env: io.env, isOffline: values.offline === true, isEveryArticle: positionals.length === 0 });
    io.stdout(values.json ? `${JSON.stringify(plan, null, 2)}\n` : `${formatPlan(plan)}\n`);
    return EXIT.ok;
  },
};

/** The plan as `plan` and `regen --dry-run` print it: read-only, and no key needed. */
export async function computePlan(args: { config: Config; specs: ArticleSpec[]; env: CliIo["env"]; isOffline: boolean; isEveryArticle: boolean }): Promise<RegenPlan> {
  const { config, specs } = args;
  const runners = await describeRunners(config, args.env);
  const db = openForPlan(config.paths.db);
  try {
    const composed = await composeRegenPlan({ db, config, specs, runners, isOffline: args.isOffline, isEveryArticle: args.isEveryArticle, now: new Date() });
    return composed.plan;
  } finally {
    db.close();
  }
}

/** No store yet (or an empty file) is no error here: every article is then new, and generate creates it. */
function openForPlan(file: string): Store {
  try {
    return openStoreReadOnly(file);
  } catch (error) {
    if (error instanceof StoreError && (error.problem === "missing" || error.problem === "empty")) return openEmptyStore();
    throw error;
  }
}

/** Spec arguments, or every spec in the articles folder when none are named. */
export async function loadRegenSpecs(positionals: string[], config: Config, io: CliIo): Promise<ArticleSpec[]> {
  if (positionals.length > 0) return loadSpecArguments(positionals, config.paths.articles, io);
  let names: string[];
  try {
    names = (await readdir(config.paths.articles)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    names = [];
  }
  if (names.length === 0) throw new UsageError(`no specs named and none in ${path.relative(io.cwd, config.paths.articles) || config.paths.articles}/`);
  return loadSpecArguments(
    names.map((name) => path.join(config.paths.articles, name)),
    config.paths.articles,
    io,
  );
}

export function formatPlan(plan: RegenPlan): string {
  const lines = plan.articles.flatMap(formatArticlePlan);
  lines.push(...plan.warnings.map((warning) => `warning: ${warning}`));
  const count = (status: ArticlePlan["status"]) => plan.articles.filter((article) => article.status === status).length;
  const sections = (action: string) => plan.articles.reduce((total, article) => total + article.sections.filter((section) => section.action === action).length, 0);
  lines.push(
    `${plan.articles.length} article(s): ${count("up_to_date")} up to date, ${count("stale")} stale, ${count("new")} new, ${count("refetch")} to re-fetch first; ` +
      `${sections("redraft")} section(s) to draft, ${sections("reverify")} to re-verify`,
  );
  return lines.join("\n");
}

const STATUS_WORDS: Record<ArticlePlan["status"], string> = { new: "new", up_to_date: "up to date", stale: "stale", refetch: "re-fetch first" };

function formatArticlePlan(article: ArticlePlan): string[] {
  const stored = article.storedVersion === null ? "" : ` (stored v${article.storedVersion})`;
  if (article.status === "new") return [`${article.slug}: new, never generated: ${article.sections.length} sections to draft`];
  const head = `${article.slug}: ${STATUS_WORDS[article.status]}${stored}`;
  const lines = [head, ...article.reasons.map((reason) => `  ${reason}`)];
  lines.push(...formatSectionActions(article.sections));
  const kept = article.sections.filter((section) => section.action === "keep").length;
  if (article.status !== "up_to_date" && kept > 0) lines.push(`  keep     ${kept} section(s)`);
  for (const refetch of article.refetch) lines.push(`  re-fetch ${refetch.reason}; then redraft if its text changed: ${refetch.sections.join(", ")}`);
  lines.push(...(article.notes ?? []).map((note) => `  note: ${note}`));
  lines.push(...article.warnings.map((warning) => `  warning: ${warning}`));
  return lines;
}

/** One line per action and reason set: "redraft  evidence-base: prompt evidence-base 1 -> 2". */
export function formatSectionActions(sections: ArticlePlan["sections"]): string[] {
  const lines: string[] = [];
  for (const action of ["redraft", "reverify", "drop"] as const) {
    const groups = new Map<string, string[]>();
    for (const section of sections.filter((candidate) => candidate.action === action)) {
      const reasons = section.reasons.join("; ");
      groups.set(reasons, [...(groups.get(reasons) ?? []), section.sectionId]);
    }
    for (const [reasons, ids] of groups) {
      const who = ids.length === 1 ? ids[0] : ids.length === sections.length ? `all ${ids.length} sections` : `${ids.length} sections (${ids.join(", ")})`;
      lines.push(`  ${action.padEnd(8)} ${who}: ${reasons}`);
    }
  }
  return lines;
}
