import { parseSectionAnswer } from "./parse-section-output.ts";
import type { SectionOutput } from "../domain/claims.ts";
import type { ConceptFigure } from "../domain/concept-figure.ts";
import type { TokenUsage } from "../domain/cost.ts";
import type { NoSourceMaterialAnswer, SectionAnswer } from "../domain/section-answer.ts";
import { joinQueries } from "./build-section-queries.ts";
import { answerSchemasFor } from "./answer-schema.ts";
import { ClaimParseError, ProviderError } from "../domain/errors.ts";
import type { Passage } from "../domain/passage.ts";
import type { z } from "zod";
import type { ModelProvider, ModelRequest, ModelResult, OtherSectionRoles } from "../providers/types.ts";
import type { BlockKind } from "../domain/claims.ts";
import type { SectionPrompt } from "./load-prompts.ts";
import { renderSectionBlock, renderSourceBlock, type ArticleContext } from "./render-prompt.ts";

export interface ModelCallRecord {
  request: ModelRequest;
  startedAt: string;
  latencyMs: number;
  result: ModelResult | undefined;
  outcome: "ok" | "invalid_output" | "error";
  /** retryable: the provider says the same request may succeed later (rate limit, overload, 5xx, network). */
  error: { kind: string; message: string; retryable: boolean } | undefined;
  /** Set when the answer came from a Message Batch (billed at the batch price). */
  batchId?: string | undefined;
  /** HTTP attempts of a call that failed (a result carries its own). */
  attempts?: number | undefined;
  /** A failed call's request id and what the API may bill for it (an answer cut off mid-stream). */
  requestId?: string | undefined;
  partialUsage?: TokenUsage | undefined;
}

export type DraftOutcome =
  | {
      status: "done";
      output: SectionOutput;
      attempts: number;
      calls: ModelCallRecord[];
      /** The concept figure the answer proposed (only where the prompt asks for one). */
      figure?: ConceptFigure | undefined;
      /** The model's framing line (only where the prompt has one). */
      framing?: string | undefined;
    }
  | { status: "failed"; error: string; attempts: number; calls: ModelCallRecord[] }
  | {
      status: "not_drafted";
      error: string;
      attempts: number;
      calls: ModelCallRecord[];
      /** The model found nothing for the section in its sources (a no_source_material answer). */
      reason?: "no_source_material" | undefined;
    };

export interface DraftSectionInput {
  provider: ModelProvider;
  system: string;
  section: SectionPrompt;
  /**
   * The template's sections, which share one request schema (answer-schema.ts: so an article's
   * sections share one cached prompt prefix). Absent: the schema covers this section alone.
   */
  templateSections?: readonly SectionPrompt[] | undefined;
  article: ArticleContext;
  /** The article's shared passages (the cached source block). */
  sharedPassages: Passage[];
  /** The passages ranked best for this section, best first. */
  sectionPassages: Passage[];
  /** The section's retrieval queries, built from the spec and its purpose (build-section-queries.ts). */
  queries?: readonly string[] | undefined;
  /** Retrieval queries of the article's other sections (see DraftTask.otherSectionQueries). */
  otherSectionQueries?: string[] | undefined;
  /** The ids of those sections, in the same order: how their offline roles are found (describeOtherSections). */
  otherSectionIds?: string[] | undefined;
  maxTokens: number;
  signal?: AbortSignal | undefined;
  /** The first call, already made elsewhere (a batch result); a repair, if needed, goes live. */
  firstCall?: ModelCallRecord | undefined;
}

interface SectionRequest {
  request: ModelRequest;
  rules: { sourceNumbers: number[]; blockKinds: SectionPrompt["blockKinds"]; tableColumns: SectionPrompt["tableColumns"] };
  /** The section's own branch of the request schema: what its answer is parsed against. */
  answerSchema: z.ZodType<SectionAnswer>;
  /** Its no_source_material answer, where the section may give one. */
  noSourceMaterialSchema: z.ZodType<NoSourceMaterialAnswer> | undefined;
}

/**
 * Drafts one section: one request, and on unparseable or rule-breaking output one repair request
 * that shows the model its errors. Provider errors that survive the provider's own retries fail the
 * section; the caller stores the outcome and goes on with the other sections.
 */
export async function draftSection(input: DraftSectionInput): Promise<DraftOutcome> {
  const built = buildSectionRequest(input);
  if ("status" in built) return built;
  const { request: base, rules, answerSchema, noSourceMaterialSchema } = built;
  const writable = input.provider.writableBlockKinds;
  const calls: ModelCallRecord[] = [];
  let request = base;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const call = attempt === 1 && input.firstCall ? input.firstCall : await callProvider(input.provider, request, input.signal);
    calls.push(call);
    if (!call.result) return { status: "failed", error: call.error?.message ?? "provider error", attempts: attempt, calls };
    if (writable && isEmptyAnswer(call.result.value)) {
      return { status: "not_drafted", error: "not drafted offline: no source sentence relevant to this section", attempts: attempt, calls };
    }
    // An honest "nothing here" ends the section as it is: a repair round would only push the model
    // to write something.
    const noMaterial = readNoSourceMaterial(call.result.value, noSourceMaterialSchema);
    if (noMaterial !== undefined) {
      return { status: "not_drafted", reason: "no_source_material", error: `no source material: ${noMaterial}`, attempts: attempt, calls };
    }
    try {
      const { output, figure, framing } = parseSectionAnswer(call.result.value, rules, answerSchema);
      return { status: "done", output, attempts: attempt, calls, figure, framing };
    } catch (error) {
      if (!(error instanceof ClaimParseError)) throw error;
      call.outcome = "invalid_output";
      call.error = { kind: "invalid_output", message: error.message, retryable: false };
      if (attempt === 2) {
        return { status: "failed", error: `invalid output after a repair attempt: ${error.problems.join("; ")}`, attempts: attempt, calls };
      }
      request = { ...base, purpose: `${base.purpose} (repair)`, repair: { previousOutput: call.result.value, problems: error.problems } };
    }
  }
  throw new Error("unreachable: the draft loop returns within two attempts");
}

/**
 * The first request for a section and the rules its answer must meet, or the not-drafted outcome
 * when the provider cannot write any block kind the section allows. Used alone by batch submission.
 */
export function buildSectionRequest(input: DraftSectionInput): SectionRequest | Extract<DraftOutcome, { status: "not_drafted" }> {
  const { provider, section } = input;
  const writable = provider.writableBlockKinds;
  if (writable && !section.blockKinds.some((kind) => writable.includes(kind))) {
    const message = `not drafted offline: the ${provider.id} provider does not write ${section.blockKinds.join("/")} blocks`;
    return { status: "not_drafted", error: message, attempts: 0, calls: [] };
  }
  const rules = {
    sourceNumbers: input.article.sources.map((source) => source.number),
    blockKinds: section.blockKinds,
    tableColumns: section.tableColumns,
  };
  const schemas = answerSchemasFor({ sections: input.templateSections ?? [section], sourceNumbers: rules.sourceNumbers });
  const request: ModelRequest = {
    purpose: `section ${section.id}`,
    system: input.system,
    user: [renderSourceBlock(input.article, input.sharedPassages), renderSectionBlock(section, input.sectionPassages.slice(0, 12), input.queries)],
    outputSchema: schemas.request,
    maxTokens: input.maxTokens,
    task: {
      kind: "draft_section",
      sectionId: section.id,
      blockKinds: section.blockKinds,
      query: input.queries && input.queries.length > 0 ? joinQueries(input.queries) : section.purpose,
      passages: input.sectionPassages,
      sourceNumbers: rules.sourceNumbers,
      articlePassages: input.sharedPassages,
      otherSectionQueries: input.otherSectionQueries,
      figure: section.hasFigure ? { hub: shortTitleOf(input.article.title) } : undefined,
      order: section.extractiveOrder,
      form: section.extractiveForm,
      subject: input.article.title.split(":")[0]?.trim(),
      otherSectionRoles: describeOtherSections(input, writable),
    },
  };
  return { request, rules, answerSchema: schemas.forSection(section.id), noSourceMaterialSchema: schemas.noSourceMaterialFor(section.id) };
}

/** "Communities of Practice: A Clinician's Guide" -> "Communities of Practice": a figure's hub label. */
export function shortTitleOf(title: string): string {
  const head = title.split(/:\s|\s[—–-]\s/)[0]?.trim() ?? "";
  return head === "" ? title.trim() : head;
}

/**
 * The other sections that own sentences by rule when drafted offline (DraftTask.otherSectionRoles),
 * named by the queries the task carries for them: section ids pair each query with its prompt.
 */
function describeOtherSections(input: DraftSectionInput, writable: readonly BlockKind[] | undefined): OtherSectionRoles {
  const prompts = new Map((input.templateSections ?? []).map((prompt) => [prompt.id, prompt]));
  const others = (input.otherSectionIds ?? []).flatMap((id, index) => {
    const prompt = prompts.get(id);
    const query = input.otherSectionQueries?.[index];
    return prompt !== undefined && query !== undefined ? [{ prompt, query }] : [];
  });
  const queriesWhere = (test: (prompt: SectionPrompt) => boolean): string[] => others.filter((other) => test(other.prompt)).map((other) => other.query);
  return {
    glossary: queriesWhere((prompt) => prompt.extractiveForm === "term-definition"),
    subjectFirst: queriesWhere((prompt) => prompt.extractiveOrder === "subject-first"),
    chronological: queriesWhere((prompt) => prompt.extractiveOrder === "chronological"),
    idle: queriesWhere((prompt) => writable !== undefined && !prompt.blockKinds.some((kind) => writable.includes(kind))),
  };
}

async function callProvider(provider: ModelProvider, request: ModelRequest, signal: AbortSignal | undefined): Promise<ModelCallRecord> {
  return (await callAndRecord(provider, request, signal)).record;
}

/**
 * One provider call and its log record. A ProviderError becomes a record with outcome "error" and is
 * handed back too, for callers that must rethrow it; any other error is a bug and propagates.
 */
export async function callAndRecord(
  provider: ModelProvider,
  request: ModelRequest,
  signal: AbortSignal | undefined,
): Promise<{ record: ModelCallRecord; error: ProviderError | undefined }> {
  const startedAt = new Date();
  try {
    const result = await provider.generate(request, signal ? { signal } : {});
    return { record: { request, startedAt: startedAt.toISOString(), latencyMs: Date.now() - startedAt.getTime(), result, outcome: "ok", error: undefined }, error: undefined };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return {
      record: {
        request,
        startedAt: startedAt.toISOString(),
        latencyMs: Date.now() - startedAt.getTime(),
        result: undefined,
        outcome: "error",
        error: { kind: error.kind, message: error.message, retryable: error.retryable },
        attempts: error.attempts,
        requestId: error.requestId,
        partialUsage: error.partialUsage,
      },
      error,
    };
  }
}

/** The reason of a valid no_source_material answer for this section; undefined for any other answer. */
function readNoSourceMaterial(value: string, schema: z.ZodType<NoSourceMaterialAnswer> | undefined): string | undefined {
  if (!schema) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) return undefined;
  const reason = parsed.data.answer.no_source_material.reason.replace(/\s+/g, " ").trim();
  return reason === "" ? "the model gave no reason" : reason;
}

function isEmptyAnswer(value: string): boolean {
  try {
    const data = JSON.parse(value) as Partial<SectionAnswer>;
    return Array.isArray(data.answer?.blocks) && data.answer.blocks.length === 0;
  } catch {
    return false;
  }
}
