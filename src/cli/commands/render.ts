import path from "node:path";
import { InputError, UsageError } from "../../domain/errors.ts";
import { renderStoredArticle } from "../../render/write-stored-article.ts";
import { SLUG_PATTERN } from "../../spec/article-spec.ts";
import { openExistingStore } from "../../store/open-store.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";

export const renderCommand: Command = {
  usage: "render <slug> [--publish] [--version N] [--allow-undecided] [--out output/] [--json]",
  optionHelp: [
    "--publish          apply reviewer decisions (rejected claims removed); refuses while flagged claims are undecided",
    "--allow-undecided  publish anyway; undecided flags stay visible on the page",
    "--version N        render this stored version (default: the newest)",
    "--out DIR          where rendered articles go (default: output/)",
    "--json             print what was written as one JSON document on stdout",
  ],
  options: {
    publish: { type: "boolean" },
    "allow-undecided": { type: "boolean" },
    version: { type: "string" },
    out: { type: "string" },
    json: { type: "boolean" },
  },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const [slug, ...extra] = positionals;
    if (slug === undefined || extra.length > 0) throw new UsageError("expected exactly one article slug");
    if (!SLUG_PATTERN.test(slug)) throw new UsageError(`"${slug}" is not an article slug (lower-case letters, digits and dashes)`);
    const version = parseVersion(values.version);
    const { config } = await loadCliConfig(values, io);
    const dbName = path.relative(io.cwd, config.paths.db) || config.paths.db;
    const mode = values.publish === true ? "publish" : "review";
    const db = openExistingStore(config.paths.db);
    try {
      const outcome = await renderStoredArticle({ db, outputDir: config.paths.output, slug, version, mode, allowUndecided: values["allow-undecided"] === true });
      if (outcome.kind === "not_found") {
        const message =
          outcome.latestVersion === null
            ? `no stored article "${slug}"${version === undefined ? "" : ` version ${version}`}; run \`wikigen generate ${slug}\` first`
            : `article "${slug}" has no version ${version ?? "?"} (the newest is version ${outcome.latestVersion})`;
        throw new InputError(dbName, [{ path: "", message }]);
      }
      const flags = `${outcome.undecidedFlags} flagged claim${outcome.undecidedFlags === 1 ? "" : "s"}`;
      if (outcome.kind === "refused") {
        io.stderr(
          `wikigen render: refusing to publish ${slug} v${outcome.version}: ${flags} ${outcome.undecidedFlags === 1 ? "has" : "have"} no review decision.\n` +
            `Review them with \`wikigen review\` (or list them with \`wikigen flags\`), or pass --allow-undecided to publish with the flags shown.\n`,
        );
        return EXIT.fatal;
      }
      if (mode === "publish" && outcome.undecidedFlags > 0) io.stderr(`${slug} v${outcome.version}: published with ${flags} undecided (--allow-undecided)\n`);
      const files = outcome.files.map((file) => path.relative(io.cwd, file));
      if (values.json) {
        io.stdout(`${JSON.stringify({ slug, version: outcome.version, mode, undecided_flags: outcome.undecidedFlags, files }, null, 2)}\n`);
      } else {
        io.stdout(`${slug} v${outcome.version} (${mode})\n${files.map((file) => `wrote ${file}`).join("\n")}\n`);
      }
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};

function parseVersion(value: ParsedValue): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === "string" ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`--version: expected a whole number >= 1, got "${String(value)}"`);
  return number;
}

type ParsedValue = string | boolean | (string | boolean)[] | undefined;
