import { AsyncLocalStorage } from "node:async_hooks";
import type { Pricing } from "../../domain/cost.ts";
import { callAndRecord, type ModelCallRecord } from "../../drafting/draft-section.ts";
import type { ModelProvider } from "../../providers/types.ts";
import type { ModelCallInput } from "../../store/sections.ts";
import { modelCallRows } from "./section-rows.ts";

// Judge calls of the llm and cascade verifiers are model calls like any other: they are logged in
// model_calls and counted in the cost of the section they verified. The verifier interface returns
// only verdicts, so the judge's provider is wrapped to record each call into the context of the
// section being verified (sections verify concurrently, hence AsyncLocalStorage, not a shared list).

interface JudgeCallLog {
  records: { record: ModelCallRecord; provider: string; model: string }[];
}

const currentLog = new AsyncLocalStorage<JudgeCallLog>();

/** The provider, recording every call made inside `collectJudgeCalls` into that section's log. */
export function recordJudgeCalls(provider: ModelProvider): ModelProvider {
  return {
    ...provider,
    async generate(request, options) {
      const { record, error } = await callAndRecord(provider, request, options?.signal);
      currentLog.getStore()?.records.push({ record, provider: provider.id, model: provider.model });
      if (error) throw error;
      if (!record.result) throw new Error("unreachable: a call without an error has a result");
      return record.result;
    },
  };
}

/** Runs the verification work and returns the rows of the judge calls it made. */
export async function collectJudgeCalls<T>(
  work: () => Promise<T>,
  rowContext: { runId: number; sectionId: string; pricing: Pricing },
): Promise<{ value: T; calls: ModelCallInput[] }> {
  const log: JudgeCallLog = { records: [] };
  const value = await currentLog.run(log, work);
  const calls = log.records.flatMap(({ record, provider, model }) =>
    modelCallRows({ calls: [record], runId: rowContext.runId, sectionId: rowContext.sectionId, provider, modelRequested: model, pricing: rowContext.pricing }),
  );
  return { value, calls };
}
