import path from "node:path";
import type { Config } from "../../config/config-schema.ts";
import { SpecError } from "../../domain/errors.ts";
import { knownTemplates, loadTemplateSet, type TemplateSet } from "../../drafting/load-prompts.ts";
import type { ArticleSpec } from "../../spec/article-spec.ts";

/**
 * Loads each spec's template set once (a bad prompt stops here, before anything is written). A spec
 * naming a template that does not exist is an error naming the spec file and the known templates.
 */
export async function loadTemplates(config: Config, specs: readonly ArticleSpec[]): Promise<Map<string, TemplateSet>> {
  const templates = new Map<string, TemplateSet>();
  const known = await knownTemplates(config.paths.prompts);
  for (const spec of specs) {
    if (!known.includes(spec.template)) {
      const listed = known.length > 0 ? known.join(", ") : "none";
      const where = path.join(config.paths.prompts, "templates");
      throw new SpecError(spec.file, [{ path: "template", message: `unknown template "${spec.template}" (known templates: ${listed}; in ${where})` }]);
    }
    if (!templates.has(spec.template)) templates.set(spec.template, await loadTemplateSet(config.paths.prompts, spec.template));
  }
  return templates;
}
