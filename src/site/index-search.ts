// Full-text search with Pagefind (https://pagefind.app): its Node API runs the Pagefind binary
// shipped in npm (@pagefind/<platform>), offline. The index is built in memory and handed back as
// files, so the site writer can skip those whose bytes did not change: for the same pages Pagefind
// gives the same bytes (test/site-browser.test.ts checks that a second build rewrites none of them), and its file names carry content hashes.

export interface SearchPage {
  /** Path from the site root, e.g. "articles/x.html". */
  path: string;
  html: string;
}

export async function buildSearchIndex(pages: SearchPage[]): Promise<Map<string, Uint8Array>> {
  // Imported here: only the site command starts the Pagefind binary.
  const pagefind = await import("pagefind");
  try {
    // Only the article (its <main>) is searchable; the hover quotes are source text, not the article.
    const created = await pagefind.createIndex({ rootSelector: "main", excludeSelectors: [".quote", ".toc", ".skip"], forceLanguage: "en" });
    if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
    const index = created.index;
    for (const page of pages) {
      const added = await index.addHTMLFile({ url: `/${page.path}`, content: page.html });
      if (added.errors.length > 0) throw new Error(`Pagefind could not index ${page.path}: ${added.errors.join("; ")}`);
    }
    const result = await index.getFiles();
    if (result.errors.length > 0) throw new Error(`Pagefind could not build its index: ${result.errors.join("; ")}`);
    return new Map(result.files.map((file) => [`pagefind/${file.path}`, file.content]));
  } finally {
    await pagefind.close();
  }
}
