import type { z } from "zod";
import type { InputIssue } from "./errors.ts";

// Turns zod issues into messages a content team can act on: the path inside the file in the
// familiar `sources[2].tier` form, what was expected and what was found.

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = "input" in issue ? issue.input : undefined;
  switch (issue.code) {
    case "invalid_value":
      return input === undefined
        ? `required (${issue.values.map(String).join("|")})`
        : `expected ${issue.values.map(String).join("|")}, got ${describeValue(input)}`;
    case "invalid_type":
      return input === undefined ? `required (${issue.expected})` : `expected ${issue.expected}, got ${describeValue(input)}`;
    case "unrecognized_keys":
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => JSON.stringify(key)).join(", ")}`;
    case "custom":
      // Cross-field rules word their own message; the input is the whole object.
      return issue.message;
    default:
      return input === undefined ? issue.message : `${issue.message}, got ${describeValue(input)}`;
  }
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): InputIssue[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: describeIssue(issue) }));
}
