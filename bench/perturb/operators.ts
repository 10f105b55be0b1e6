// One-fact perturbations of supported claims (issue 13, item 3). Each operator changes exactly one
// fact of a claim and returns the new text, or undefined when it does not apply (a claim with no
// number has no number to change). Deterministic: the first applicable place in the claim, a fixed
// replacement. Every perturbed claim is expected to be not supported by the claim's source.

export type OperatorName =
  | "number"
  | "year"
  | "dose_unit"
  | "swapped_values"
  | "quantifier"
  | "modality"
  | "causal"
  | "comparison"
  | "frequency"
  | "entity"
  | "negation";

export interface PerturbInput {
  claim: string;
  sourceText: string;
}

export interface Perturbation {
  operator: OperatorName;
  original: string;
  perturbed: string;
  /** Every operator changes a fact the source states, so none of them may be supported. */
  expected: "not_supported";
}

type Operator = (input: PerturbInput) => string | undefined;

const YEAR = /^(1[5-9]|20)\d\d$/;
// Numbers as written: "12", "1,200", "4.5"; the lookarounds keep "COVID-19"-like codes and "2nd" out.
const NUMBER = /(?<![\p{L}\p{N}\-.,/\u2013])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\p{L}\p{N}/\u2013-])|(?<![\p{L}\p{N}\-.,/\u2013])\d+(?:\.\d+)?(?![\p{L}\p{N}/\u2013-]|[.,]\d)/gu;
const MONTH_BEFORE = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s$/;
const UNITS: ReadonlyMap<string, string> = new Map([
  ["mg", "g"], ["g", "mg"], ["mcg", "mg"], ["µg", "mg"], ["kg", "lb"], ["lb", "kg"], ["ml", "l"], ["mL", "L"],
  ["km", "miles"], ["miles", "km"], ["mile", "km"], ["metres", "feet"], ["meters", "feet"], ["feet", "metres"],
  ["minutes", "hours"], ["hours", "days"], ["days", "weeks"], ["weeks", "months"], ["months", "years"],
  ["years", "months"], ["%", " percentage points"], ["percent", "percentage points"], ["tons", "kilograms"],
]);
const NUMBER_WORD_VALUES: ReadonlyMap<string, string> = new Map([
  ["two", "four"], ["three", "five"], ["four", "six"], ["five", "seven"], ["six", "eight"], ["seven", "nine"],
  ["eight", "ten"], ["nine", "eleven"], ["ten", "twelve"], ["twelve", "fourteen"], ["twenty", "thirty"],
]);

function replaceAt(text: string, start: number, end: number, replacement: string): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

interface NumberMatch {
  value: string;
  start: number;
  end: number;
  /** The unit written right after it ("mg", "%", "years"), if any. */
  unit: string | undefined;
  /** A day of the month ("March 3"): part of a date, not a count. */
  isDay: boolean;
  /** Followed by a lower-case word ("400 students", "13 years"): a count of something. */
  isCount: boolean;
}

function findNumbers(text: string): NumberMatch[] {
  return [...text.matchAll(NUMBER)].map((match) => {
    const end = match.index + match[0].length;
    const after = /^(\s?%|\s(?:mg|g|mcg|µg|kg|lb|ml|mL|km|miles?|metres|meters|feet|minutes|hours|days|weeks|months|years|percent|tons))(?![\p{L}])/u.exec(text.slice(end));
    const isDay = MONTH_BEFORE.test(text.slice(0, match.index)) || /^\s(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/.test(text.slice(end));
    const isCount = /^\s\p{Ll}/u.test(text.slice(end)) || after !== null;
    return { value: match[0], start: match.index, end, unit: after ? (after[1] ?? "").trim() : undefined, isDay, isCount };
  });
}

function changeValue(value: string): string {
  const plain = Number(value.replace(/,/g, ""));
  if (value.includes(".")) return (plain + 1.5).toFixed(value.split(".")[1]?.length ?? 1);
  const changed = plain <= 1 ? plain + 2 : plain * 2;
  return value.includes(",") ? changed.toLocaleString("en-US") : String(changed);
}

const changeNumber: Operator = ({ claim }) => {
  const target = findNumbers(claim).find((n) => !YEAR.test(n.value));
  if (target) return replaceAt(claim, target.start, target.end, changeValue(target.value));
  const word = /\b(two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\b/i.exec(claim);
  if (!word) return undefined;
  const replacement = NUMBER_WORD_VALUES.get((word[1] ?? "").toLowerCase()) ?? "";
  const cased = /^[A-Z]/.test(word[0]) ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
  return replaceAt(claim, word.index, word.index + word[0].length, cased);
};

const changeYear: Operator = ({ claim }) => {
  const target = findNumbers(claim).find((n) => YEAR.test(n.value));
  return target ? replaceAt(claim, target.start, target.end, String(Number(target.value) + 3)) : undefined;
};

const changeUnit: Operator = ({ claim }) => {
  const target = findNumbers(claim).find((n) => n.unit !== undefined && !YEAR.test(n.value));
  if (!target || target.unit === undefined) return undefined;
  const unitStart = claim.indexOf(target.unit, target.end);
  const replacement = UNITS.get(target.unit);
  if (replacement === undefined) return undefined;
  return replaceAt(claim, unitStart, unitStart + target.unit.length, target.unit === "%" ? replacement.trim() : replacement).replace(/(\d)(percentage)/, "$1 $2");
};

/** Two different numbers of the same kind (both years, both percentages, both counts) trade places. */
const swapValues: Operator = ({ claim }) => {
  const numbers = findNumbers(claim);
  const kind = (n: NumberMatch): string => (YEAR.test(n.value) ? "year" : n.unit === "%" || n.unit === "percent" ? "percent" : `count:${n.unit ?? ""}`);
  const candidates = numbers.filter((n) => !n.isDay && (YEAR.test(n.value) || n.isCount));
  for (let i = 0; i < candidates.length; i++) {
    const first = candidates[i] as NumberMatch;
    const second = candidates.slice(i + 1).find((n) => kind(n) === kind(first) && n.value !== first.value);
    if (!second) continue;
    // "in 2009 and 2011" read the other way round says the same: a list, not two values bound to two things.
    if (/^\s*(?:,|and|or|, and|, or)\s*$/.test(claim.slice(first.end, second.start))) continue;
    return claim.slice(0, first.start) + second.value + claim.slice(first.end, second.start) + first.value + claim.slice(second.end);
  }
  return undefined;
};

/** The first match of any pattern (in pattern order), replaced. */
function replaceFirst(claim: string, rules: readonly [RegExp, string][]): string | undefined {
  for (const [pattern, replacement] of rules) {
    const match = pattern.exec(claim);
    if (!match) continue;
    const cased = /^[A-Z]/.test(match[0]) ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
    return replaceAt(claim, match.index, match.index + match[0].length, cased);
  }
  return undefined;
}

const strengthenQuantifier: Operator = ({ claim }) =>
  replaceFirst(claim, [
    [/(?<!\bthe )\b(?:some|many|most|several)\b(?! of the time)/i, "all"],
    [/\ba few\b/i, "all"],
    [/\b(?:often|sometimes|usually|frequently|occasionally)\b/i, "always"],
  ]);

const strengthenModality: Operator = ({ claim }) =>
  replaceFirst(claim, [
    [/\b(?:may|might|could)\b(?= \p{Ll})/u, "will"],
    [/\b(?:suggests|indicates)\b/i, "proves"],
    [/\b(?:suggested|indicated)\b/i, "proved"],
    [/\b(?:possibly|probably|likely|potentially)\b/i, "certainly"],
  ]);

const makeCausal: Operator = ({ claim }) =>
  replaceFirst(claim, [
    [/\b(?:was|were) associated with\b/i, "caused"],
    [/\bis associated with\b/i, "causes"],
    [/\bare associated with\b/i, "cause"],
    [/\b(?:is|are|was|were) (?:linked|related|correlated) (?:to|with)\b/i, "caused"],
    [/\bassociated with\b/i, "caused by"],
    [/\b(?:accompanied|followed) by\b/i, "caused by"],
    [/\bcoincided with\b/i, "caused"],
  ]);

/** A comparison the source never made: "more than" before a count, or a superlative for "a". */
const inventComparison: Operator = ({ claim }) => {
  if (/\b(?:than|most|more|less|fewer|least|better|worse)\b/i.test(claim)) return undefined;
  const target = findNumbers(claim).find((n) => !YEAR.test(n.value) && !n.isDay && n.isCount);
  if (target) return replaceAt(claim, target.start, target.start, "more than ");
  const copula = /\b(is|was|are|were) (?:a|an)\b(?= \p{Ll})/u.exec(claim);
  return copula ? replaceAt(claim, copula.index, copula.index + copula[0].length, `${copula[1] ?? "is"} the most important`) : undefined;
};

const FREQUENCIES: readonly [RegExp, string][] = [
  [/\bfortnightly\b/i, "weekly"],
  [/\bweekly\b/i, "fortnightly"],
  [/\bdaily\b/i, "weekly"],
  [/\bmonthly\b/i, "annually"],
  [/\b(?:annually|yearly)\b/i, "monthly"],
  [/\bevery week\b/i, "every month"],
  [/\bevery (?:two|2) weeks\b/i, "every week"],
  [/\bonce a (week|month|year|day)\b/i, "twice a $1"],
  [/\btwice a (week|month|year|day)\b/i, "once a $1"],
];

const changeFrequency: Operator = ({ claim }) => {
  for (const [pattern, replacement] of FREQUENCIES) {
    const match = pattern.exec(claim);
    if (!match) continue;
    const filled = replacement.replace("$1", match[1] ?? "");
    const cased = /^[A-Z]/.test(match[0]) ? filled.charAt(0).toUpperCase() + filled.slice(1) : filled;
    return replaceAt(claim, match.index, match.index + match[0].length, cased);
  }
  return undefined;
};

const PLACES = ["Quebec", "Ontario", "Tasmania", "Lyon", "Osaka", "Manitoba"];
const PEOPLE = ["Margaret Holloway", "Tomas Lindqvist", "Priya Raman", "Olu Adebayo", "Henrik Sand", "Ana Ortiz"];
const NOT_NAMES = /^(?:The|A|An|In|On|At|It|He|She|They|This|That|These|Those|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|I)$/;

function hashOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return hash;
}

/** The first capitalised name not at the start of the claim becomes another place or person. */
const swapEntity: Operator = ({ claim, sourceText }) => {
  const name = /(?<=(?:^|\s)\p{Ll}+[,;:]? )(\p{Lu}[\p{Ll}]+(?: \p{Lu}[\p{Ll}]+)*)/u.exec(claim);
  if (!name || NOT_NAMES.test(name[1] ?? "")) return undefined;
  const isPlace = /\b(?:in|at|from|near|to)\s$/.test(claim.slice(0, name.index));
  const pool = (isPlace ? PLACES : PEOPLE).filter((candidate) => !sourceText.includes(candidate.split(" ")[0] as string) && !claim.includes(candidate));
  const replacement = pool[hashOf(claim) % pool.length];
  return replacement === undefined ? undefined : replaceAt(claim, name.index, name.index + (name[1] ?? "").length, replacement);
};

const flipNegation: Operator = ({ claim }) => {
  const bare = / (?:not|never)\b/.exec(claim);
  if (bare) return replaceAt(claim, bare.index, bare.index + bare[0].length, "");
  const negated = /\b(is|are|was|were|do|does|did|has|have|had|can|could|will|would) not\b/.exec(claim);
  if (negated) return replaceAt(claim, negated.index, negated.index + negated[0].length, negated[1] ?? "");
  const contracted = /\b(is|are|was|were|does|did|has|have|do)n't\b/.exec(claim);
  if (contracted) return replaceAt(claim, contracted.index, contracted.index + contracted[0].length, contracted[1] ?? "");
  const auxiliary = /\b(is|are|was|were|has been|have been|had been|can|will|would)\b(?= \p{Ll})/u.exec(claim);
  if (!auxiliary) return undefined;
  const end = auxiliary.index + auxiliary[0].length;
  return `${claim.slice(0, end)} not${claim.slice(end)}`;
};

export const OPERATORS: readonly { name: OperatorName; apply: Operator }[] = [
  { name: "number", apply: changeNumber },
  { name: "year", apply: changeYear },
  { name: "dose_unit", apply: changeUnit },
  { name: "swapped_values", apply: swapValues },
  { name: "quantifier", apply: strengthenQuantifier },
  { name: "modality", apply: strengthenModality },
  { name: "causal", apply: makeCausal },
  { name: "comparison", apply: inventComparison },
  { name: "frequency", apply: changeFrequency },
  { name: "entity", apply: swapEntity },
  { name: "negation", apply: flipNegation },
];

/** Every applicable one-fact change of one claim; an operator that does not apply is skipped. */
export function perturbClaim(input: PerturbInput): Perturbation[] {
  return OPERATORS.flatMap(({ name, apply }) => {
    const perturbed = apply(input);
    if (perturbed === undefined || perturbed === input.claim) return [];
    return [{ operator: name, original: input.claim, perturbed, expected: "not_supported" as const }];
  });
}
