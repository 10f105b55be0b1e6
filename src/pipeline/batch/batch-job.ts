import type PQueue from "p-queue";
import type { ModelBatches } from "../../providers/types.ts";
import type { CostBudget } from "../../pacing/cost-budget.ts";
import type { PreparedArticle } from "../generate/prepare-article.ts";
import type { SectionJobContext, SectionSummary } from "../job-types.ts";

// What a Message Batches job and the collection of each of its batches share.

export interface BatchJobArgs {
  context: SectionJobContext;
  batches: ModelBatches;
  budget: CostBudget;
  queue: PQueue;
  articles: PreparedArticle[];
  onSection?: ((slug: string, summary: SectionSummary) => void) | undefined;
  log?: ((line: string) => void) | undefined;
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}
