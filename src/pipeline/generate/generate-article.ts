import type PQueue from "p-queue";
import type { Pricing } from "../../domain/cost.ts";
import type { SectionPrompt } from "../../drafting/load-prompts.ts";
import type { CostBudget } from "../../pacing/cost-budget.ts";
import { summarizeStoredSections } from "../../store/section-outcomes.ts";
import { carryStoredSection } from "../record/carry-stored-section.ts";
import { draftLiveSection } from "./draft-live-section.ts";
import { finishArticle } from "../record/finish-article.ts";
import { prepareArticle, type PrepareArticleInput, type PreparedArticle } from "./prepare-article.ts";
import type { ArticleSummary, SectionInstruction, SectionJobContext, SectionSummary } from "../job-types.ts";

export interface GenerateArticleInput extends PrepareArticleInput {
  pricing: Pricing;
  /** Shared by all articles of a job: bounds the sections in progress at once. */
  queue: PQueue;
  onSection?: (slug: string, summary: SectionSummary) => void;
  /** Called once the version exists, with how many sections are to be done in this run. */
  onPrepared?: (slug: string, counts: { total: number; stored: number }) => void;
  signal?: AbortSignal | undefined;
  /** By section id; sections not named are drafted. */
  sectionInstructions?: ReadonlyMap<string, SectionInstruction> | undefined;
  /** The job's --max-cost: no section starts once it is spent. */
  budget?: CostBudget | undefined;
}

/**
 * Drafts, verifies and stores one article version. Each section is committed on its own as soon as
 * it is verified; a failed section is stored with its error and the other sections go on.
 */
export async function generateArticle(input: GenerateArticleInput): Promise<ArticleSummary> {
  const prepared = await prepareArticle(input);
  const sections = prepared.templates.sections;
  input.onPrepared?.(input.spec.slug, { total: sections.length, stored: prepared.storedSectionIds.size });
  const results = await runSections(input, prepared);
  const stored = new Map(summarizeStoredSections(input.db, prepared.articleVersionId).map((row) => [row.sectionId, row]));
  const summaries = sections.flatMap((section, position): SectionSummary[] => {
    const summary = results[position] ?? stored.get(section.id);
    return summary ? [summary] : [];
  });
  const left = sections.filter((section, position) => !results[position] && !stored.has(section.id)).map((section) => section.id);
  return finishArticle({ db: input.db, prepared, sections: summaries, left });
}

/** Summaries by template position; undefined where nothing was done (stored earlier, or left by the cap). */
async function runSections(input: GenerateArticleInput, prepared: PreparedArticle): Promise<(SectionSummary | undefined)[]> {
  const { db, config, provider, verifier, signal } = input;
  const context: SectionJobContext = { db, config, pricing: input.pricing, runId: input.runId, provider, verifier, signal };
  const pending = prepared.templates.sections.flatMap((section, position) => (prepared.storedSectionIds.has(section.id) ? [] : [{ section, position }]));
  const instructionOf = (section: SectionPrompt): SectionInstruction => input.sectionInstructions?.get(section.id) ?? { kind: "draft" };
  const results: (SectionSummary | undefined)[] = [];
  const runOne = async ({ section, position }: { section: SectionPrompt; position: number }): Promise<void> => {
    const instruction = instructionOf(section);
    const summary =
      instruction.kind === "draft"
        ? await draftLiveSection({ context, budget: input.budget, prepared, section, position })
        : await carryStoredSection({
            db,
            articleVersionId: prepared.articleVersionId,
            position,
            fromRowId: instruction.fromRowId,
            reverify: instruction.kind === "reverify" ? { verifier, sourcesDir: config.paths.sources, signal, runId: input.runId, pricing: input.pricing, policy: { sectionId: section.id, accepts: section.accepts } } : undefined,
          });
    results[position] = summary;
    if (summary) input.onSection?.(prepared.spec.slug, summary);
  };
  // The first drafted section goes alone: once it is answered, the article's shared source block is
  // in the prompt cache, and the other sections read it instead of each writing it again.
  const drafts = pending.filter(({ section }) => instructionOf(section).kind === "draft");
  const first = drafts[0];
  const warmUp = first ? input.queue.add(() => runOne(first), { throwOnTimeout: true }) : Promise.resolve();
  const others = pending.map((item) => {
    if (item === first) return warmUp;
    const kind = instructionOf(item.section).kind;
    // A plain carry makes no call, so it does not wait for a slot in the queue.
    if (kind === "carry") return runOne(item);
    if (kind === "reverify") return input.queue.add(() => runOne(item), { throwOnTimeout: true });
    // Sections of articles already started go before the first sections of new ones (priority 1).
    return warmUp.catch(() => undefined).then(() => input.queue.add(() => runOne(item), { throwOnTimeout: true, priority: 1 }));
  });
  // Settle all before failing on an unexpected error, so no section's rejection goes unhandled.
  const settled = await Promise.allSettled(others);
  const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
  if (failure) throw failure.reason;
  return results;
}
