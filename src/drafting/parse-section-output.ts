import type { z } from "zod";
import { ClaimParseError } from "../domain/errors.ts";
import type { SectionOutput } from "../domain/claims.ts";
import { describeIssues } from "../domain/describe-issues.ts";
import { toSectionOutput, type SectionAnswer } from "../domain/section-answer.ts";
import { checkSectionRules, type SectionRules } from "./check-section-rules.ts";

/**
 * Parses a model's answer for one section into claims: first against the section's own branch of
 * the request schema (answer-schema.ts: what the grammar already guarantees, checked again for
 * providers without one), then the rules no grammar can express. Any problem throws a
 * ClaimParseError listing every problem found, in a form that can be shown to the model in a
 * repair request.
 */
export function parseSectionOutput(text: string, rules: SectionRules, schema: z.ZodType<SectionAnswer>): SectionOutput {
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
  const problems = checkSectionRules(output, rules);
  if (problems.length > 0) throw new ClaimParseError(excerptOf(text), problems);
  return output;
}

function excerptOf(text: string): string {
  return text.length > 400 ? `${text.slice(0, 400)}...` : text;
}
