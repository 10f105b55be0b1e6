import path from "node:path";
import { OutputDirError, UsageError } from "../../domain/errors.ts";
import { openExistingStore } from "../../store/open-store.ts";
import { EXIT, type Command } from "../command.ts";
import { loadCliConfig } from "../context.ts";

export const siteCommand: Command = {
  usage: "site [--out output/site] [--base-url URL] [--allow-undecided] [--json]",
  optionHelp: [
    "--out DIR          the site folder (default: site/ in paths.output); empty, new, or a site built before",
    "--base-url URL     the site's public http(s) address (config site.base_url), for feed.xml and sitemap.xml;",
    "                   both need absolute URLs, so without it neither is written",
    "--allow-undecided  include articles with undecided flags, their flags shown (default: leave them out)",
    "--json             print the build report as one JSON document on stdout",
  ],
  options: {
    out: { type: "string" },
    "base-url": { type: "string" },
    "allow-undecided": { type: "boolean" },
    json: { type: "boolean" },
  },
  allowPositionals: false,
  async run({ values, io }) {
    const { config } = await loadCliConfig(values, io);
    const outDir = typeof values.out === "string" ? path.resolve(io.cwd, values.out) : path.join(config.paths.output, "site");
    const named = typeof values.out === "string" ? `--out ${values.out}` : `the site folder ${path.relative(io.cwd, outDir) || outDir}`;
    const baseUrlValue = typeof values["base-url"] === "string" ? values["base-url"] : config.site.base_url;
    const baseUrl = baseUrlValue === undefined ? null : parseBaseUrl(baseUrlValue, typeof values["base-url"] === "string" ? "--base-url" : "site.base_url");
    // Imported here: the site stage brings Pagefind and the feed library, which other commands skip.
    const { checkSiteDir } = await import("../../site/write-site-files.ts");
    const { buildWikiSite } = await import("../../pipeline/site/build-wiki-site.ts");
    try {
      await checkSiteDir(outDir, named);
    } catch (error) {
      if (error instanceof OutputDirError) throw new UsageError(error.message);
      throw error;
    }
    const db = openExistingStore(config.paths.db);
    try {
      const result = await buildWikiSite({ db, outDir, named, title: config.site.title, baseUrl, allowUndecided: values["allow-undecided"] === true });
      const shownDir = path.relative(io.cwd, outDir) || ".";
      if (values.json) {
        io.stdout(
          `${JSON.stringify(
            {
              out: shownDir,
              base_url: baseUrl,
              articles: result.pages.articles,
              facet_pages: result.pages.facetPages,
              excluded: result.excluded,
              written: result.report.written,
              unchanged: result.report.unchanged,
              removed: result.report.removed,
              feed_and_sitemap: result.hasFeedAndSitemap,
            },
            null,
            2,
          )}\n`,
        );
        return EXIT.ok;
      }
      const lines = [
        `site: ${result.pages.articles} article${result.pages.articles === 1 ? "" : "s"}, ${result.pages.facetPages} facet pages in ${shownDir}/`,
        `files: ${result.report.written.length} written, ${result.report.unchanged} unchanged, ${result.report.removed.length} removed`,
        ...result.excluded.map((entry) => `left out: ${entry.slug}${entry.version === null ? "" : ` v${entry.version}`}: ${entry.reason}`),
        result.hasFeedAndSitemap ? `feed and sitemap: ${shownDir}/feed.xml, ${shownDir}/sitemap.xml` : "feed.xml and sitemap.xml: not written (both need absolute URLs; pass --base-url or set site.base_url)",
        `open ${shownDir}/index.html; search needs the folder served over http (e.g. python3 -m http.server in it)`,
      ];
      io.stdout(`${lines.join("\n")}\n`);
      return EXIT.ok;
    } finally {
      db.close();
    }
  },
};

/** An absolute http(s) URL with no query or fragment, ending in "/" (the site's root folder). */
export function parseBaseUrl(value: string, named: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${named}: "${value}" is not an absolute URL (expected e.g. https://wiki.example.org/ or https://example.org/wiki/)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`${named}: "${value}" is not an http(s) URL`);
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") throw new UsageError(`${named}: "${value}" has a query, fragment or credentials; give the site's folder address only`);
  return url.pathname.endsWith("/") ? url.href : `${url.href}/`;
}
