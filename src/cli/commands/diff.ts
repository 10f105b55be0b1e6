import { UsageError } from "../../domain/errors.ts";
import { diffVersions, type ClaimView, type SectionDiff, type VersionDiff } from "../../regen/diff-versions.ts";
import { gatherVersionSide } from "../../regen/gather-stored-fingerprints.ts";
import { listVersionHistory } from "../../store/article-history.ts";
import { openStoreReadOnly } from "../../store/open-store-read-only.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";

export const diffCommand: Command = {
  usage: "diff <slug> [A B] [--json]",
  optionHelp: ["A B             version numbers (default: the two newest)", "--json          print the diff as one JSON document on stdout"],
  options: { json: { type: "boolean" } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const [slug, ...numbers] = positionals;
    if (!slug || (numbers.length !== 0 && numbers.length !== 2)) throw new UsageError("expected a slug, optionally followed by two version numbers");
    const { config } = await loadCliConfig(values, io);
    const db = openStoreReadOnly(config.paths.db);
    try {
      const [from, to] = numbers.length === 2 ? numbers.map(parseVersion) : newestTwo(db, slug);
      const before = gatherVersionSide(db, slug, from as number);
      const after = gatherVersionSide(db, slug, to as number);
      if (!before || !after) throw new UsageError(`no stored version ${before ? to : from} of "${slug}"`);
      const diff = diffVersions(before, after);
      io.stdout(values.json ? `${JSON.stringify(diff, null, 2)}\n` : `${formatDiff(diff)}\n`);
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};

function parseVersion(text: string): number {
  const number = Number(text.replace(/^v/, ""));
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`expected a version number such as 2 or v2, got "${text}"`);
  return number;
}

function newestTwo(db: Parameters<typeof listVersionHistory>[0], slug: string): [number, number] {
  const versions = listVersionHistory(db, slug).map((row) => row.version);
  const to = versions[versions.length - 1];
  const from = versions[versions.length - 2];
  if (to === undefined) throw new UsageError(`no stored versions of "${slug}"`);
  if (from === undefined) throw new UsageError(`"${slug}" has only one version (v${to}): nothing to compare`);
  return [from, to];
}

export function formatDiff(diff: VersionDiff): string {
  const lines = [`${diff.slug} v${diff.from} -> v${diff.to}`, ...diff.reasons.map((reason) => `  ${reason}`)];
  const unchanged = diff.sections.filter((section) => section.change === "unchanged");
  for (const section of diff.sections.filter((candidate) => candidate.change !== "unchanged")) lines.push(...formatSection(section));
  if (unchanged.length > 0) lines.push(`unchanged (carried over): ${unchanged.map((section) => section.sectionId).join(", ")}`);
  const total = (pick: (section: SectionDiff) => number) => diff.sections.reduce((sum, section) => sum + pick(section), 0);
  lines.push(
    `claims: ${total((s) => s.added.length)} added, ${total((s) => s.removed.length)} removed, ${total((s) => s.reworded.length)} reworded, ` +
      `${total((s) => s.verdictChanges.length)} verdict change(s), ${total((s) => s.unchanged)} unchanged`,
  );
  return lines.join("\n");
}

function formatSection(section: SectionDiff): string[] {
  const lines = [`${section.sectionId}: ${section.change}${section.reasons.length > 0 ? ` (${section.reasons.join("; ")})` : ""}`];
  for (const claim of section.added) lines.push(`  + ${quoted(claim)}`);
  for (const claim of section.removed) lines.push(`  - ${quoted(claim)}`);
  for (const change of section.reworded) lines.push(`  ~ ${quoted(change.before)}`, `    -> ${quoted(change.after)}`);
  for (const change of section.verdictChanges) lines.push(`  ! ${JSON.stringify(change.after.text)}: ${change.before.verdict ?? "-"} -> ${change.after.verdict ?? "-"}`);
  return lines;
}

function quoted(claim: ClaimView): string {
  return `${JSON.stringify(claim.text)}${claim.verdict ? ` [${claim.verdict}]` : ` [${claim.basis}]`}`;
}
