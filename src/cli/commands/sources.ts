import path from "node:path";
import { snapshotSpecSources, type SpecSourcesResult } from "../../pipeline/generate/snapshot-spec-sources.ts";
import { openStore } from "../../store/open-store.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig, loadSpecArguments } from "../context.ts";
import { formatAge, formatTable } from "../format-table.ts";

export const sourcesCommand: Command = {
  usage: "sources <spec...> [--refresh] [--offline] [--json]",
  optionHelp: [
    "--refresh       re-fetch even when the stored snapshot is younger than fetch.max_age_days",
    "--offline       never touch the network; sources without a snapshot fail",
    "--json          print one JSON document on stdout",
  ],
  options: { refresh: { type: "boolean" }, offline: { type: "boolean" }, json: { type: "boolean" } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const { config } = await loadCliConfig(values, io);
    const specs = await loadSpecArguments(positionals, config.paths.articles, io);
    const db = openStore(config.paths.db);
    try {
      const now = new Date();
      const results = await snapshotSpecSources({ specs, db, config, isRefresh: values.refresh === true, isOffline: values.offline === true, now: () => now });
      if (values.json) io.stdout(`${JSON.stringify(toJson(results, now), null, 2)}\n`);
      else io.stdout(`${renderTables(results, now, io.cwd)}\n`);
      const failed = results.flatMap((result) => result.sources).filter((source) => source.outcome.outcome === "failed");
      if (failed.length > 0) io.stderr(`${failed.length} source(s) failed\n`);
      return failed.length > 0 ? EXIT.failedItems : EXIT.ok;
    } finally {
      db.close();
    }
  },
};

function displayUrl(url: string, cwd: string): string {
  if (!url.startsWith("file:")) return url;
  return `file:${path.relative(cwd, new URL(url).pathname)}`;
}

function renderTables(results: SpecSourcesResult[], now: Date, cwd: string): string {
  return results
    .map(({ spec, sources }) => {
      const rows = sources.map(({ source, outcome }) => [
        source.number,
        displayUrl(source.resolvedUrl, cwd),
        outcome.outcome === "failed" ? `failed: ${outcome.error?.kind ?? "error"}` : `${outcome.outcome}${outcome.status ? ` ${outcome.status}` : ""}`,
        outcome.snapshot?.bytes ?? "-",
        outcome.snapshot?.raw_sha256.slice(0, 12) ?? "-",
        formatAge(outcome.fetchedAt, now),
        outcome.snapshot ? `${outcome.snapshot.extractor_id}@${outcome.snapshot.extractor_version}` : "-",
      ]);
      const errors = sources
        .filter(({ outcome }) => outcome.error)
        .map(({ source, outcome }) => `  source ${source.number}: ${outcome.error?.message ?? ""}`);
      const table = formatTable(["#", "url", "status", "bytes", "hash", "age", "extractor"], rows);
      return [`${spec.slug} (${spec.file})`, table, ...errors].join("\n");
    })
    .join("\n\n");
}

function toJson(results: SpecSourcesResult[], now: Date): unknown {
  return {
    articles: results.map(({ spec, sources }) => ({
      slug: spec.slug,
      spec: spec.file,
      sources: sources.map(({ source, outcome }) => ({
        number: source.number,
        url: source.resolvedUrl,
        tier: source.tier,
        outcome: outcome.outcome,
        status: outcome.status ?? null,
        bytes: outcome.snapshot?.bytes ?? null,
        raw_sha256: outcome.snapshot?.raw_sha256 ?? null,
        text_sha256: outcome.snapshot?.text_sha256 ?? null,
        kind: outcome.snapshot?.kind ?? null,
        title: outcome.snapshot?.title ?? null,
        fetched_at: outcome.fetchedAt ?? null,
        age_seconds: outcome.fetchedAt ? Math.round((now.getTime() - Date.parse(outcome.fetchedAt)) / 1000) : null,
        extractor: outcome.snapshot ? { id: outcome.snapshot.extractor_id, version: outcome.snapshot.extractor_version } : null,
        new_files: outcome.newFiles,
        error: outcome.error ?? null,
      })),
    })),
  };
}
