import type { Config } from "../../config/config-schema.ts";
import { loadTemplateSet, type TemplateSet } from "../../drafting/load-prompts.ts";
import type { ArticleSpec } from "../../spec/article-spec.ts";

/** Loads each spec's template set once (a bad prompt stops here, before anything is written). */
export async function loadTemplates(config: Config, specs: readonly ArticleSpec[]): Promise<Map<string, TemplateSet>> {
  const templates = new Map<string, TemplateSet>();
  for (const spec of specs) {
    if (!templates.has(spec.template)) templates.set(spec.template, await loadTemplateSet(config.paths.prompts, spec.template));
  }
  return templates;
}
