import { FIGURE_LIMITS, type ConceptFigure } from "../domain/concept-figure.ts";

// What a grammar cannot say about a proposed figure: how many items, how long each label, no
// repeats, no markup. Problems are worded for a repair request, like the claim rules.

const MARKUP = /<\/?[a-z][^>]*>/i;

export function checkFigureRules(figure: ConceptFigure, at = "figure"): string[] {
  const problems: string[] = [];
  const { minItems, maxItems, maxItemChars, maxCenterChars } = FIGURE_LIMITS;
  const center = figure.center.trim();
  if (center === "") problems.push(`${at}.center: empty label`);
  if (center.length > maxCenterChars) problems.push(`${at}.center: longer than ${maxCenterChars} characters; use the short name`);
  if (MARKUP.test(figure.center)) problems.push(`${at}.center: contains HTML markup`);
  if (figure.items.length < minItems || figure.items.length > maxItems) {
    problems.push(`${at}.items: ${figure.kind === "hub" ? "a hub has" : "a flow has"} ${minItems} to ${maxItems} items, got ${figure.items.length}`);
  }
  const seen = new Set<string>();
  figure.items.forEach((item, index) => {
    const label = item.trim();
    if (label === "") problems.push(`${at}.items[${index}]: empty label`);
    if (label.length > maxItemChars) problems.push(`${at}.items[${index}]: longer than ${maxItemChars} characters; a label, not a sentence`);
    if (MARKUP.test(item)) problems.push(`${at}.items[${index}]: contains HTML markup`);
    const key = label.toLowerCase();
    if (label !== "" && seen.has(key)) problems.push(`${at}.items[${index}]: repeats "${label}"`);
    seen.add(key);
  });
  return problems;
}

/** The figure with its labels trimmed, as stored. */
export function normalizeFigure(figure: ConceptFigure): ConceptFigure {
  return { kind: figure.kind, center: figure.center.trim(), items: figure.items.map((item) => item.trim()) };
}
