import { ClaimParseError } from "../domain/errors.ts";
import { sectionOutputSchema, type SectionOutput } from "../domain/claims.ts";
import { describeIssues } from "../domain/describe-issues.ts";
import { checkSectionRules, type SectionRules } from "./check-section-rules.ts";

/**
 * Parses a model's answer for one section into claims and checks the rules the structured-output
 * grammar cannot enforce. Any problem throws a ClaimParseError listing every problem found, in a
 * form that can be shown to the model in a repair request.
 */
export function parseSectionOutput(text: string, rules: SectionRules): SectionOutput {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ClaimParseError(excerptOf(text), [`the answer is not valid JSON (${(error as Error).message})`]);
  }
  const parsed = sectionOutputSchema.strict().safeParse(data, { reportInput: true });
  if (!parsed.success) {
    throw new ClaimParseError(
      excerptOf(text),
      describeIssues(parsed.error.issues).map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)),
    );
  }
  const problems = checkSectionRules(parsed.data, rules);
  if (problems.length > 0) throw new ClaimParseError(excerptOf(text), problems);
  return parsed.data;
}

function excerptOf(text: string): string {
  return text.length > 400 ? `${text.slice(0, 400)}...` : text;
}
