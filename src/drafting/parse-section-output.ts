import type { z } from "zod";
import { ClaimParseError } from "../domain/errors.ts";
import type { SectionOutput } from "../domain/claims.ts";
import type { ConceptFigure } from "../domain/concept-figure.ts";
import { describeIssues } from "../domain/describe-issues.ts";
import { toSectionOutput, type SectionAnswer } from "../domain/section-answer.ts";
import { checkFigureRules, normalizeFigure } from "./check-figure-rules.ts";
import { checkSectionRules, type SectionRules } from "./check-section-rules.ts";

/** A parsed answer: its claims, and the figure and framing line where the section's prompt allows them. */
export interface ParsedSection {
  output: SectionOutput;
  figure: ConceptFigure | undefined;
  /** The model's framing line: one sentence, model-written. */
  framing: string | undefined;
}

/**
 * Parses a model's answer for one section into claims: first against the section's own branch of
 * the request schema (answer-schema.ts: what the grammar already guarantees, checked again for
 * providers without one), then the rules no grammar can express. Any problem throws a
 * ClaimParseError listing every problem found, in a form that can be shown to the model in a
 * repair request.
 */
export function parseSectionAnswer(text: string, rules: SectionRules, schema: z.ZodType<SectionAnswer>): ParsedSection {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ClaimParseError(excerptOf(text), [`the answer is not valid JSON (${(error as Error).message})`]);
  }
  const parsed = schema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    throw new ClaimParseError(
      excerptOf(text),
      describeIssues(parsed.error.issues).map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)),
    );
  }
  const output = toSectionOutput(parsed.data, rules.tableColumns);
  const { figure, framing } = parsed.data.answer;
  const problems = [...checkSectionRules(output, rules), ...(figure ? checkFigureRules(figure, "answer.figure") : []), ...(framing !== undefined ? checkFraming(framing, rules) : [])];
  if (problems.length > 0) throw new ClaimParseError(excerptOf(text), problems);
  return { output, figure: figure ? normalizeFigure(figure) : undefined, framing: framing?.trim() };
}

/** The claims alone (callers that have no use for a figure or framing line). */
export function parseSectionOutput(text: string, rules: SectionRules, schema: z.ZodType<SectionAnswer>): SectionOutput {
  return parseSectionAnswer(text, rules, schema).output;
}

/** A framing line meets the rules of a model-written claim: one sentence, no markers. */
function checkFraming(framing: string, rules: SectionRules): string[] {
  const asClaim: SectionOutput = { blocks: [{ kind: "paragraph", claims: [{ text: framing, basis: "llm", citations: [] }] }] };
  return checkSectionRules(asClaim, { sourceNumbers: rules.sourceNumbers, blockKinds: ["paragraph"] }).map((problem) => problem.replace(/^blocks\[0\]\.claims\[0\]\.text/, "answer.framing"));
}

function excerptOf(text: string): string {
  return text.length > 400 ? `${text.slice(0, 400)}...` : text;
}
