// Typed fact checks that veto "supported" (issue 13, item 2). Each one compares the claim with the
// evidence window that supports it (the best window of up to three sentences, not the whole
// source): a claim that shares nearly every word with its evidence but changes one fact (a number,
// a unit, which group had which value, "all" for "most", a cause for an association, a comparison,
// a frequency, a place or a person) is exactly what word coverage cannot see. The first failed check
// is returned as a reason a reviewer can read ("number_mismatch: claim 50 mg, source 25 mg").

import { lazyStems, lazyTerms, type Term } from "../domain/text/analyze-terms.ts";
import { findNames, withClaimLowerCase, type WordLookup } from "./check-attribution.ts";
import { checkPolarity, GOVERNED_POLARITY, hasGoverningNegation, type PolarityCheck } from "./check-polarity.ts";
import { findDenialOverruled, findPhraseDeniedElsewhere, isAffirmationStatedElsewhere, isDenialStatedElsewhere } from "./find-denial-window.ts";
import { findNameWordSwapped } from "./find-name-window.ts";
import { findDateInAnotherYear } from "./find-date-window.ts";
import { findSentenceStatingTogether } from "./find-number-window.ts";
import { EQUAL_SUPPORT, findBetterYear } from "./find-year-window.ts";
import { bestPassageStating, supportIn, weighClaimWords, type ClaimWeights } from "./weigh-passages.ts";
import type { SourceIndex } from "./source-index.ts";

export interface FactCheckInput {
  claimTerms: Term[];
  claimText: string;
  /** Terms of the evidence window, with offsets into `sourceText`. */
  evidenceTerms: Term[];
  sourceText: string;
  /** Words the source writes in lower case somewhere (tells names from sentence-initial words). */
  lowerCaseWords: WordLookup;
  /** Canonical numbers anywhere in the source. */
  sourceNumbers: ReadonlySet<string>;
  /** Whether a content stem occurs anywhere in the source. */
  hasSourceStem: (stem: string) => boolean;
  /** The source's sentences and inverted index: checks that look beyond the window read postings, never the whole text. */
  index: SourceIndex;
  /** checkPolarity(claimTerms, evidenceTerms, GOVERNED_POLARITY), when the caller has read it already. */
  evidencePolarity?: PolarityCheck | undefined;
}

/** The input with what several checks read, found once per claim: the claim's and the window's quantities. */
interface FactCheckContext extends FactCheckInput {
  claimQuantities: Quantity[];
  evidenceQuantities: Quantity[];
  /** The claim's content words weighted by rarity in the source (weigh-passages.ts), found once when a check needs them. */
  claimWeights: () => ClaimWeights;
}

type FactCheck = (context: FactCheckContext) => string | undefined;

const YEAR = /^(1[5-9]|20)\d\d$/;
// Units as written right after a number; "%" and "percent" are one unit.
const UNIT_WORDS = new Map([
  ["%", "%"], ["percent", "%"], ["per", ""], ["mg", "mg"], ["g", "g"], ["mcg", "mcg"], ["µg", "mcg"], ["kg", "kg"], ["lb", "lb"],
  ["ml", "ml"], ["l", "l"], ["km", "km"], ["mile", "mile"], ["miles", "mile"], ["metres", "m"], ["meters", "m"], ["m", "m"],
  ["feet", "ft"], ["ft", "ft"], ["minutes", "minute"], ["minute", "minute"], ["hours", "hour"], ["hour", "hour"], ["days", "day"],
  ["day", "day"], ["weeks", "week"], ["week", "week"], ["months", "month"], ["month", "month"], ["years", "year"], ["year", "year"],
  ["points", "points"], ["percentage", "points"], ["units", "unit"], ["iu", "unit"], ["mmol", "mmol"], ["tons", "ton"], ["tonnes", "ton"],
]);

export interface Quantity {
  value: string;
  /** Canonical unit of the word after the number ("mg", "%", "week"), or "" for none. */
  unit: string;
  text: string;
  /** Content stems right after the number (or right before, when none follow): what it is bound to. */
  binding: string[];
  /** For a year, the month written before it ("August 22, 2017", "December of 1865"), lower case; else "". */
  month: string;
}

const MONTHS = new Set(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]);

/** The month a year closes, within three words before it: "August 22, 2017", "December of 1865". */
function monthBefore(terms: Term[], i: number): string {
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    const term = terms[j] as Term;
    if (MONTHS.has(term.lower) && term.isCapitalized) return term.lower;
  }
  return "";
}

/** The unit right after a number: "%" hugs the number in the text, so it is read from the text. */
function unitAfter(terms: Term[], i: number, text: string): string {
  const term = terms[i] as Term;
  if (/^\s?%/.test(text.slice(term.end, term.end + 2))) return "%";
  const next = terms[i + 1];
  if (!next || next.start - term.end > 1) return "";
  return UNIT_WORDS.get(next.lower) ?? "";
}

// What a number is bound to: the first content word within three words of it ("12% in the treated
// group" -> "treated"), on the side that has one. One word, so neighbouring numbers do not share it.
const BINDING_REACH = 3;

function bindingOf(terms: Term[], i: number, text: string): string[] {
  const isWord = (term: Term): boolean => !term.isStop && term.number === undefined && !UNIT_WORDS.has(term.lower);
  const after: string[] = [];
  for (let j = i + 1; j < Math.min(terms.length, i + 1 + BINDING_REACH); j++) {
    const term = terms[j] as Term;
    // A number or a clause break ends what this number is about.
    if (term.number !== undefined || /[,;:()]/.test(text.slice((terms[j - 1] as Term).end, term.start))) break;
    if (isWord(term)) {
      after.push(term.stem);
      break;
    }
  }
  if (after.length > 0) return after;
  const before: string[] = [];
  for (let j = i - 1; j >= Math.max(0, i - BINDING_REACH); j--) {
    const term = terms[j] as Term;
    if (term.number !== undefined || /[,;:()]/.test(text.slice(term.end, (terms[j + 1] as Term).start))) break;
    if (isWord(term)) {
      before.push(term.stem);
      break;
    }
  }
  return before;
}

/** "2018–19" and "1991-93" end in a year written with two digits: the value is the full year. */
function valueOf(terms: Term[], i: number, text: string): string | undefined {
  const term = terms[i] as Term;
  const previous = terms[i - 1];
  if (term.number === undefined || !/^\d\d$/.test(term.number) || !previous?.number || !YEAR.test(previous.number)) return term.number;
  if (!/^[-\u2013\u2014/]$/.test(text.slice(previous.end, term.start))) return term.number;
  return `${previous.number.slice(0, 2)}${term.number}`;
}

/** Numbers with their unit and binding, as the fact checks (and the evidence policy's fact detector) read them. */
export function findQuantities(terms: Term[], text: string): Quantity[] {
  const quantities: Quantity[] = [];
  for (let i = 0; i < terms.length; i++) {
    // Only a number has a value.
    if ((terms[i] as Term).number === undefined) continue;
    const term = terms[i] as Term;
    const value = valueOf(terms, i, text);
    if (value === undefined) continue;
    const unit = unitAfter(terms, i, text);
    const shown = unit === "%" ? `${term.raw}%` : unit === "" ? term.raw : `${term.raw} ${(terms[i + 1] as Term).raw}`;
    quantities.push({ value, unit, text: shown, binding: bindingOf(terms, i, text), month: monthBefore(terms, i) });
  }
  return quantities;
}

function kindOf(quantity: Quantity): string {
  if (quantity.unit !== "") return `unit:${quantity.unit}`;
  return YEAR.test(quantity.value) ? "year" : "count";
}

/**
 * A claim number the source never states, or one whose place in the evidence holds another number
 * of the same kind bound to the same words ("50 mg of drug" against "25 mg of drug"), the same unit
 * ("five months" against "three months") or the same month ("August 22, 2020" against "August 22,
 * 2017"). A number merely absent from the window is not enough: claims often join facts from several
 * passages (WiCE's supported claims do, 2026-11), and the other checks still read the window. A number
 * absent from the window must still be stated next to the claim's words somewhere in the source: a
 * year found only in a page footer, or a count in another story, is not this claim's.
 */
const checkNumbers: FactCheck = (input) => {
  const { claimQuantities, evidenceQuantities, sourceNumbers } = input;
  const claimValues = new Set(claimQuantities.map((q) => q.value));
  const statedTogether = findQuantitiesStatedTogether(input);
  for (const quantity of claimQuantities) {
    const inWindow = evidenceQuantities.filter((q) => q.value === quantity.value);
    const same = inWindow.length > 0 ? inWindow : statedTogether.filter((q) => q.value === quantity.value);
    if (same.length === 0) {
      const kind = kindOf(quantity);
      // A year stands for the event its sentence reports, so any other year in the window is a rival.
      const isBound = (q: Quantity): boolean => kind === "year" || quantity.unit !== "" || overlap(q.binding, quantity.binding) > 0;
      const rival = evidenceQuantities.find((q) => kindOf(q) === kind && !claimValues.has(q.value) && isBound(q));
      // "August 22, 2020" against "August 22, 2017": the same date in another year, whatever else the source says of 2020.
      const sameMonth = quantity.month === "" ? undefined : evidenceQuantities.find((q) => kind === "year" && q.month === quantity.month && kindOf(q) === "year");
      const yearWindow = kind === "year" && sameMonth === undefined ? weighYearWindow(quantity.value, input) : undefined;
      // A year stated in a passage of its own that supports the claim as well as the window: that passage is its window.
      const contradiction = yearWindow?.isAsGood ? undefined : (rival ?? sameMonth);
      if (contradiction) return `number_mismatch: claim ${quantity.text}, source ${contradiction.text}`;
      if (!sourceNumbers.has(quantity.value)) return `number_mismatch: claim ${quantity.text}, source none`;
      const statedNear = statementsNearClaimWords(quantity.value, input);
      if (statedNear.length === 0) return `number_mismatch: claim ${quantity.text}, source states it elsewhere`;
      const better = yearWindow && !yearWindow.isAsGood ? findBetterYear(quantity.value, yearWindow.claim, input.index, claimValues, yearWindow.support) : undefined;
      if (better !== undefined) return `number_mismatch: claim ${quantity.text}, source ${better} beside the claim's words`;
      // "13 months" where the source, next to the claim's words, writes only "13 years".
      if (quantity.unit !== "" && statedNear.every((q) => q.unit !== "" && q.unit !== quantity.unit)) {
        return `unit_mismatch: claim ${quantity.text}, source ${(statedNear[0] as Quantity).text}`;
      }
      continue;
    }
    // "230 feet" against "230 metres"; a bare number in either may leave its unit implied.
    if (quantity.unit !== "" && same.every((q) => q.unit !== "" && q.unit !== quantity.unit)) {
      return `unit_mismatch: claim ${quantity.text}, source ${(same[0] as Quantity).text}`;
    }
  }
  return undefined;
};

const MONTH_WORDS = "January February March April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec";
const monthTerms = lazyTerms(MONTH_WORDS);
const MONTH_PREFIXES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Month number (1-12) of a month name or its abbreviation ("Aug", "Sept"), or 0. */
function monthNumber(word: string): number {
  const lower = word.toLowerCase();
  const k = MONTH_PREFIXES.indexOf(lower.slice(0, 3));
  if (k < 0) return 0;
  const full = [...MONTHS][k] as string;
  return full.startsWith(lower) || lower === "sept" ? k + 1 : 0;
}

const MONTH_START = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;

/** The days a text writes with a month, as "month/day": "Aug. 10" and "10th of August" are both "8/10". */
function daysIn(text: string): Set<string> {
  const days = new Set<string>();
  const pattern = /(?:\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?/g;
  for (const match of text.matchAll(pattern)) {
    const month = monthNumber((match[0].match(/[A-Z][a-z]*/) ?? [""])[0]);
    const day = match[1] ?? match[3];
    if (month > 0 && day !== undefined) days.add(`${month}/${Number(day)}`);
  }
  return days;
}

/** The days written in the source's sentences that name one of `months` (found through the postings of the month's words). */
function daysInSentencesNaming(months: number[], index: SourceIndex): Set<string> {
  const ids = new Set<number>();
  for (const term of monthTerms()) {
    if (!months.includes(monthNumber(term.raw))) continue;
    for (const id of index.postings.get(term.stem) ?? []) ids.add(id);
  }
  const days = new Set<string>();
  for (const id of ids) {
    const sentence = index.sentences[id];
    if (sentence) for (const day of daysIn(index.text.slice(sentence.start, sentence.end))) days.add(day);
  }
  return days;
}

/**
 * A claim's day of the month against the days the source writes anywhere with that month: "August
 * 20" where the source has August only with other days; and a claim's full date against the years
 * the source writes that day with (find-date-window.ts). A month the source never dates says
 * nothing either way.
 */
const checkDates: FactCheck = ({ claimText, index }) => {
  // Both readings of a date (fullDatesIn, daysIn) start at a month's capitalised first three letters.
  if (!MONTH_START.test(claimText)) return undefined;
  // "On August 22, 2020" where the source dates that day only "August 22, 2017".
  const otherYear = findDateInAnotherYear(claimText, index);
  if (otherYear) return `date_mismatch: claim ${otherYear.claim.text}, source ${otherYear.source.text}`;
  const claimDays = daysIn(claimText);
  if (claimDays.size === 0) return undefined;
  const sourceDays = daysInSentencesNaming([...claimDays].map((day) => Number(day.split("/")[0])), index);
  for (const day of claimDays) {
    const month = `${day.split("/")[0]}/`;
    const others = [...sourceDays].filter((d) => d.startsWith(month));
    if (!sourceDays.has(day) && others.length > 0) return `date_mismatch: claim ${day}, source ${others.join(" or ")} (month/day)`;
  }
  return undefined;
};

/**
 * How the source states `value` in the sentences that write it next to another content word of the
 * claim (in the sentence or one beside it); none when it writes the value only about other things.
 */
function statementsNearClaimWords(value: string, input: FactCheckInput): Quantity[] {
  const claimStems = input.claimTerms.filter((term) => !term.isStop && term.number === undefined).map((term) => term.stem);
  const sentences = input.index.sentences;
  const isNearClaimWords = (id: number): boolean => {
    for (let near = Math.max(0, id - 1); near <= Math.min(sentences.length - 1, id + 1); near++) {
      const stems = (sentences[near] as SourceIndex["sentences"][number]).stems;
      if (claimStems.some((stem) => stems.has(stem))) return true;
    }
    return false;
  };
  return (input.index.postings.get(value) ?? [])
    .filter(isNearClaimWords)
    .flatMap((id) => findQuantities(sentences[id]?.terms ?? [], input.index.text).filter((q) => q.value === value));
}

/** Every stem of `terms`, stop words included. */
function stemsOf(terms: Term[]): Set<string> {
  const stems = new Set<string>();
  for (const term of terms) stems.add(term.stem);
  return stems;
}

function overlap(a: string[], b: string[]): number {
  return a.filter((stem) => b.includes(stem)).length;
}

/**
 * The claim's numbers absent from the window, as one sentence of the source states them all together
 * (see find-number-window.ts); none when no sentence does.
 */
function findQuantitiesStatedTogether(input: FactCheckContext): Quantity[] {
  const windowValues = new Set(input.evidenceQuantities.map((q) => q.value));
  const absent = [...new Set(input.claimQuantities.map((q) => q.value).filter((value) => !windowValues.has(value)))];
  if (absent.length < 2) return [];
  const { index } = input;
  const quantitiesOf = (id: number): Quantity[] => findQuantities(index.sentences[id]?.terms ?? [], index.text);
  const sentence = findSentenceStatingTogether(absent, input.claimWeights(), index, (id) => quantitiesOf(id).map((q) => q.value));
  return sentence === undefined ? [] : quantitiesOf(sentence).filter((q) => absent.includes(q.value));
}

/**
 * How well the passage that states a claim's year (absent from the window) supports the claim, and
 * whether that is about as well as the window: then that passage is the year's evidence window.
 */
function weighYearWindow(year: string, input: FactCheckContext): { claim: ClaimWeights; support: number; isAsGood: boolean } {
  const claim = input.claimWeights();
  const windowStems = stemsOf(input.evidenceTerms);
  const windowSupport = supportIn(claim, (stem) => windowStems.has(stem));
  const { support } = bestPassageStating(year, claim, input.index);
  return { claim, support, isAsGood: windowSupport > 0 && support >= EQUAL_SUPPORT * windowSupport };
}

/** Two values bound to two things, the other way round: "12% treated, 30% controls" against the reverse. */
const checkSwappedValues: FactCheck = ({ claimQuantities, evidenceQuantities }) => {
  for (let i = 0; i < claimQuantities.length; i++) {
    for (let j = i + 1; j < claimQuantities.length; j++) {
      const a = claimQuantities[i] as Quantity;
      const b = claimQuantities[j] as Quantity;
      if (a.value === b.value || kindOf(a) !== kindOf(b)) continue;
      const sourceA = evidenceQuantities.find((q) => q.value === a.value);
      const sourceB = evidenceQuantities.find((q) => q.value === b.value);
      if (!sourceA || !sourceB) continue;
      const straight = overlap(a.binding, sourceA.binding) + overlap(b.binding, sourceB.binding);
      const crossed = overlap(a.binding, sourceB.binding) + overlap(b.binding, sourceA.binding);
      if (crossed > straight) return `swapped_values: claim ${a.text} / ${b.text}, source has them the other way round`;
    }
  }
  return undefined;
};

function hasWord(terms: Term[], words: ReadonlySet<string>): string | undefined {
  return terms.find((term) => words.has(term.lower))?.lower;
}

const UNIVERSALS = new Set(["all", "every", "always", "everyone", "everybody", "everything", "entire", "universally", "invariably"]);
const MAJORITY = new Set(["most", "majority", "mostly"]);

// How often, short of always: "often describe" is to "always describe" what "some" is to "all".
const PARTIAL_FREQUENCIES = ["often", "sometimes", "occasionally", "usually", "frequently", "rarely", "seldom", "generally", "typically", "commonly"];
const PARTIAL_QUANTIFIERS = new Set(["some", "many", "several", "few", "most", "certain", ...PARTIAL_FREQUENCIES]);
/** How far a quantifier may stand before the word it quantifies ("some of the oldest"). */
const QUANTIFIER_REACH = 3;

/**
 * Whether the first content word after the claim's quantifier at `at` is, in the evidence, always
 * quantified by a partial quantifier within three words before it (and at least once).
 */
function isQuantifiedOtherwise(claimTerms: Term[], at: number, evidenceTerms: Term[]): boolean {
  const head = claimTerms.slice(at + 1, at + 1 + QUANTIFIER_REACH).find((term) => !term.isStop && term.number === undefined);
  if (!head) return false;
  const before = evidenceTerms.flatMap((term, i) => (term.stem === head.stem ? [evidenceTerms.slice(Math.max(0, i - QUANTIFIER_REACH), i)] : []));
  if (before.length === 0) return false;
  return before.every((words) => words.some((word) => PARTIAL_QUANTIFIERS.has(word.lower)) && !words.some((word) => UNIVERSALS.has(word.lower)));
}

/** "all" or "always" in the claim needs a universal in the evidence; "most" needs a majority or more. */
const checkQuantifier: FactCheck = ({ claimTerms, claimText, evidenceTerms }) => {
  // "every month" is a rate (checkFrequency's), "all-female" a compound, "at all" an intensifier.
  const isRate = (i: number): boolean => /^(?:day|week|month|year|morning|evening|night|other|two|three|\d+)$/.test(claimTerms[i + 1]?.lower ?? "");
  const universal = claimTerms.find(
    (term, i) => UNIVERSALS.has(term.lower) && !/^-/.test(claimText.slice(term.end, term.end + 1)) && claimTerms[i - 1]?.lower !== "at" && !(term.lower === "every" && isRate(i)),
  );
  // "each other" is reciprocal, not a universal.
  const isEvery = (term: Term, i: number): boolean => ["each", "whole", "both", "none", "never", "no"].includes(term.lower) && !(term.lower === "each" && evidenceTerms[i + 1]?.lower === "other");
  if (universal && !hasWord(evidenceTerms, UNIVERSALS) && !evidenceTerms.some(isEvery)) {
    return `quantifier: ${universal.lower}`;
  }
  // "all of the oldest stories" where the window says "some of the oldest stories", or "always
  // describe" where it says "often describe": the window's own quantifier over the same words,
  // whatever universals it has elsewhere ("of all faiths", "both services").
  const narrowed = claimTerms.find((term, i) => UNIVERSALS.has(term.lower) && isQuantifiedOtherwise(claimTerms, i, evidenceTerms));
  if (narrowed) return `quantifier: ${narrowed.lower}`;
  // "most" before an adjective ("the most important") is a superlative, not a quantifier.
  const majority = claimTerms.find((term, i) => MAJORITY.has(term.lower) && claimTerms[i - 1]?.lower !== "the");
  if (majority && !hasWord(evidenceTerms, MAJORITY) && !hasWord(evidenceTerms, UNIVERSALS) && hasWord(evidenceTerms, new Set(["some", "many", "several", "few"]))) {
    return `quantifier: ${majority.lower}`;
  }
  return undefined;
};

const CERTAINTY = new Set(["will", "must", "certainly", "definitely", "proves", "proved", "proven", "prove", "demonstrates", "demonstrated", "confirms", "confirmed"]);
const HEDGES = new Set(["may", "might", "could", "possibly", "perhaps", "likely", "probably", "suggest", "suggests", "suggested", "indicate", "indicates", "indicated", "potentially", "can"]);

/** "will" or "proves" where the evidence has "may" or "suggests": a possibility stated as a fact. */
const checkModality: FactCheck = ({ claimTerms, evidenceTerms }) => {
  const strong = claimTerms.find((term) => CERTAINTY.has(term.lower));
  if (!strong || hasWord(evidenceTerms, new Set([strong.lower]))) return undefined;
  // Proof words state a certainty only the source can grant; "will" and "must" need a hedge against them.
  if (!["will", "must"].includes(strong.lower)) return `modality: claim ${strong.lower}, source does not`;
  const hedge = evidenceTerms.find((term) => HEDGES.has(term.lower) && !(term.lower === "may" && term.isCapitalized));
  return hedge ? `modality: claim ${strong.lower}, source ${hedge.lower}` : undefined;
};

const CAUSAL_STEMS = new Set(["caus", "cause", "result", "lead", "led", "due", "responsible", "attributable", "because", "consequence", "produce"]);
// How a source says two things go together without saying one makes the other.
const associationStems = lazyStems("associated association associations linked link correlated correlation correlates related relationship predicted predicts predictor coincided");
const CAUSAL = /\b(?:caus(?:e|es|ed|ing)|lead(?:s|ing)? to|led to|result(?:s|ed|ing)? in|due to(?! be\b)|because of|responsible for|attributable to|as a result of)\b/i;

/** A cause the evidence never states: "causes" where the source says "was associated with". */
const checkCausal: FactCheck = ({ claimText, evidenceTerms }) => {
  const causal = CAUSAL.exec(claimText);
  if (!causal) return undefined;
  if (evidenceTerms.some((term) => CAUSAL_STEMS.has(term.stem) || CAUSAL_STEMS.has(term.lower))) return undefined;
  // "because of its basketball program" or "due to his success" explains an event the source
  // reports in other words; it claims a cause only where the source states a mere association.
  const isExplanation = /^(?:because|due|led|as)\b/i.test(causal[0]);
  if (isExplanation && !evidenceTerms.some((term) => associationStems().has(term.stem))) return undefined;
  return "causal_claim";
};

const CLAIM_COMPARISONS = new Set(["than", "more", "less", "fewer", "least", "better", "worse", "best", "worst", "highest", "lowest", "largest", "smallest", "greatest", "biggest", "longest", "shortest", "superior", "inferior", "exceeds", "exceeded"]);
const SOURCE_COMPARISONS = new Set([...CLAIM_COMPARISONS, "most", "exceeding", "majority", "compared", "versus", "vs", "higher", "lower", "larger", "smaller", "greater", "bigger", "longer", "shorter", "faster", "slower"]);
// Before a number, these say "at least this many"; approximations ("about", "nearly") do not.
const LOWER_BOUNDS = new Set(["more", "over", "above", "least", "exceeding", "exceeded", "excess", "greater", "higher", "upwards", "plus"]);

/** Whether a lower bound is written within three words before a place that states `value`: in the window, else anywhere in the source. */
function isBoundedSomewhere(value: string, input: FactCheckInput): boolean | undefined {
  const isBoundedIn = (terms: Term[]): boolean | undefined => {
    const places = terms.flatMap((term, i) => (term.number === value ? [i] : []));
    if (places.length === 0) return undefined;
    return places.some((i) => terms.slice(Math.max(0, i - 3), i).some((term) => LOWER_BOUNDS.has(term.lower)));
  };
  const inWindow = isBoundedIn(input.evidenceTerms);
  if (inWindow !== undefined) return inWindow;
  const ids = input.index.postings.get(value) ?? [];
  if (ids.length === 0) return undefined;
  return ids.some((id) => isBoundedIn(input.index.sentences[id]?.terms ?? []) === true);
}

/**
 * "more than 400" needs a lower bound before 400 in the evidence (or, when the window lacks 400,
 * wherever the source writes it); "the most important" or "better than" needs a comparison somewhere
 * in the evidence.
 */
const checkComparison: FactCheck = (input) => {
  const { claimTerms, evidenceTerms } = input;
  const bounded = claimTerms.find((term, i) => term.number !== undefined && ["than", "over"].includes(claimTerms[i - 1]?.lower ?? "") && claimTerms[i - 2]?.lower !== "less" && claimTerms[i - 2]?.lower !== "fewer");
  if (bounded) {
    const isBounded = isBoundedSomewhere(bounded.number as string, input);
    return isBounded !== false ? undefined : `no_comparison_in_source: claim more than ${bounded.raw}, source ${bounded.raw}`;
  }
  const superlative = claimTerms.find((term, i) => term.lower === "most" && claimTerms[i - 1]?.lower === "the");
  const comparison = superlative ?? claimTerms.find((term) => CLAIM_COMPARISONS.has(term.lower));
  if (!comparison || hasWord(evidenceTerms, SOURCE_COMPARISONS)) return undefined;
  // The claim's own comparison word ("the best") in a passage that supports the claim as well as the window: stated there.
  return isStatedAsWellElsewhere(comparison, input) ? undefined : "no_comparison_in_source";
};

/** Whether a passage holding `term` supports the claim at least as well (EQUAL_SUPPORT) as the evidence window. */
function isStatedAsWellElsewhere(term: Term, input: FactCheckContext): boolean {
  if (term.isStop) return false;
  const claim = input.claimWeights();
  const windowStems = new Set(input.evidenceTerms.map((evidence) => evidence.stem));
  const windowSupport = supportIn(claim, (stem) => windowStems.has(stem));
  return windowSupport > 0 && bestPassageStating(term.stem, claim, input.index).support >= EQUAL_SUPPORT * windowSupport;
}

/** Words that restrict as "only" does. */
const RESTRICTIONS: ReadonlySet<string> = new Set(["only", "solely", "alone", "just", "exclusively", "sole", "merely", "purely"]);
/** Before "only", these make it an adjective ("the only member"), not a restriction. */
const DETERMINERS: ReadonlySet<string> = new Set(["the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "whose"]);

/**
 * "was not selected" against "was selected", read over the whole window (hedging is checkModality's).
 * A source's cue counts only for the word it governs, so "would not start the race" does not deny
 * "replaced him in the race". "only X" where the source says "not only X" is a negation dropped, and
 * "only X" where the window restricts nothing is a restriction added.
 */
const checkNegation: FactCheck = ({ claimTerms, evidenceTerms, index, claimWeights, evidencePolarity }) => {
  const polarity = evidencePolarity ?? checkPolarity(claimTerms, evidenceTerms, GOVERNED_POLARITY);
  // A denial the window does not state may be stated in a passage of its own ("hasn't done shit").
  const isDeniedElsewhere = (): boolean => isDenialStatedElsewhere(claimTerms, claimWeights(), index);
  // And a word the window denies may be affirmed in a passage that supports the claim as well.
  const isAffirmedElsewhere = (): boolean => isAffirmationStatedElsewhere(claimTerms, evidenceTerms, claimWeights(), index, EQUAL_SUPPORT);
  if (polarity.claimNegated && !polarity.evidenceNegated && !isDeniedElsewhere()) return "negation: claim negates, source affirms";
  if (!polarity.claimNegated && polarity.evidenceNegated && !isAffirmedElsewhere()) return "negation: claim affirms, source negates";
  if (polarity.claimNegated && polarity.evidenceNegated && findDenialOverruled(claimTerms, evidenceTerms, claimWeights(), index) !== undefined) {
    return "negation: claim negates, source affirms where it states the claim";
  }
  // A denial the window cannot confirm: the claim says something did not happen, and no word of the
  // evidence denies anything ("was not born the next year" against a wedding announcement).
  if (hasGoverningNegation(claimTerms) && !hasGoverningNegation(evidenceTerms) && !isDeniedElsewhere()) return "negation: claim negates, source affirms";
  const evidenceStems = stemsOf(evidenceTerms);
  const deniedElsewhere = findPhraseDeniedElsewhere(claimTerms, evidenceStems, claimWeights(), index);
  if (deniedElsewhere !== undefined) return `negation: claim affirms "${deniedElsewhere}", source denies it`;
  const only = claimTerms.findIndex((term, i) => term.lower === "only" && claimTerms[i - 1]?.lower !== "not");
  if (only < 0) return undefined;
  // "supported only that X" where the window says "proved that X": a restriction the window never
  // states. "the only member" is an adjective, "only 3 players" a count (the number checks' matter).
  const isRestriction = !DETERMINERS.has(claimTerms[only - 1]?.lower ?? "") && claimTerms[only + 1]?.number === undefined;
  if (isRestriction && !evidenceTerms.some((term) => RESTRICTIONS.has(term.lower))) return "negation: claim only, source does not restrict";
  const next = claimTerms[only + 1]?.lower;
  const isNotOnly = evidenceTerms.some((term, i) => term.lower === "only" && evidenceTerms[i - 1]?.lower === "not" && evidenceTerms[i + 1]?.lower === next);
  const hasOnly = evidenceTerms.some((term, i) => term.lower === "only" && evidenceTerms[i - 1]?.lower !== "not" && evidenceTerms[i + 1]?.lower === next);
  return isNotOnly && !hasOnly ? "negation: claim only, source not only" : undefined;
};

const FREQUENCIES = /\b(daily|weekly|fortnightly|biweekly|monthly|quarterly|annually|yearly|(?:once|twice|three times) (?:a|per) (?:day|week|month|year)|every (?:day|week|month|year|(?:other|two|three|\d+) (?:days|weeks|months|years)))\b/gi;

// One name per rate: "every month" and "once a month" are "monthly".
const SAME_RATE: ReadonlyMap<string, string> = new Map([
  ["every day", "daily"], ["once a day", "daily"], ["once per day", "daily"], ["every week", "weekly"], ["once a week", "weekly"],
  ["once per week", "weekly"], ["every two weeks", "fortnightly"], ["every 2 weeks", "fortnightly"], ["every other week", "fortnightly"],
  ["biweekly", "fortnightly"], ["every month", "monthly"], ["once a month", "monthly"], ["once per month", "monthly"],
  ["every year", "annually"], ["once a year", "annually"], ["once per year", "annually"], ["yearly", "annually"],
]);

/** Lower-case only: "Football Weekly" is a name, not how often something happens. */
function frequenciesOf(text: string): string[] {
  return [...text.matchAll(FREQUENCIES)].filter((match) => /^\p{Ll}/u.test(match[0])).map((match) => {
    const written = (match[1] ?? "").toLowerCase();
    return SAME_RATE.get(written) ?? written;
  });
}

function evidenceText(input: FactCheckInput): string {
  const first = input.evidenceTerms[0];
  const last = input.evidenceTerms[input.evidenceTerms.length - 1];
  return first && last ? input.sourceText.slice(first.start, last.end) : "";
}

/** "weekly" where the evidence says "fortnightly". */
const checkFrequency: FactCheck = (input) => {
  // The evidence is read only for a claim that states a frequency.
  const claimed = frequenciesOf(input.claimText);
  if (claimed.length === 0) return undefined;
  const inEvidence = frequenciesOf(evidenceText(input));
  const missing = claimed.find((frequency) => !inEvidence.includes(frequency));
  if (missing === undefined) return undefined;
  return `frequency_mismatch: ${missing} / ${inEvidence[0] ?? "none in the evidence"}`;
};

const ENTITY_REASON = "entity_mismatch:";

/**
 * Every capitalised name of the claim (a person, place, organisation) is in the source: a name no
 * word of which the source has is another entity. As with numbers, a name found only outside the
 * window passes (the subject of a page is often named once, at its top).
 */
const checkEntities: FactCheck = ({ claimTerms, claimText, evidenceTerms, sourceText, lowerCaseWords, hasSourceStem, index }) => {
  const lower = withClaimLowerCase(lowerCaseWords, claimTerms);
  const claimNames = findNames(claimTerms, claimText, lower).filter((name) => name.firstTerm > 0 || name.lastTerm > 0);
  const missing = claimNames.find((name) => {
    const words = claimTerms.slice(name.firstTerm, name.lastTerm + 1).filter((term) => !term.isStop);
    if (words.length === 0) return false;
    if (!words.some((term) => hasSourceStem(term.stem))) return true;
    // "Olu Adebayo de Laat" for "Maarten de Laat": a person's other given names swapped in, the
    // family name kept. Two or more words the source never has, in a name it otherwise has.
    // One unknown word is often a spelling or a middle initial the source leaves out.
    return words.filter((term) => !hasSourceStem(term.stem)).length >= 2;
  });
  if (!missing) {
    const substituted = claimNames.map((name) => findNameWordSwapped(claimTerms.slice(name.firstTerm, name.lastTerm + 1), index, hasSourceStem)).find((found) => found !== undefined);
    return substituted ? `${ENTITY_REASON} ${substituted.claim} / ${substituted.source}` : undefined;
  }
  const claimWords = new Set(claimNames.flatMap((name) => name.words));
  const rival = findNames(evidenceTerms, sourceText, lower).find((name) => name.words.length > 0 && !name.words.some((word) => claimWords.has(word)));
  return `${ENTITY_REASON} ${missing.text} / ${rival ? rival.text : "none in the evidence"}`;
};

/** In the order a reviewer would want to hear them: the hardest facts first. */
const CHECKS = [
  ["number", checkNumbers],
  ["date", checkDates],
  ["swapped_values", checkSwappedValues],
  ["frequency", checkFrequency],
  ["entity", checkEntities],
  ["negation", checkNegation],
  ["causal", checkCausal],
  ["comparison", checkComparison],
  ["quantifier", checkQuantifier],
  ["modality", checkModality],
] as const satisfies readonly (readonly [string, FactCheck])[];

/** A failed fact check: which check, and the reason a reviewer reads. */
export interface FactVeto {
  check: (typeof CHECKS)[number][0];
  reason: string;
}

/** The first failed fact check, or undefined when every fact of the claim holds. */
export function checkFacts(input: FactCheckInput): FactVeto | undefined {
  let weights: ClaimWeights | undefined;
  // Written out rather than spread from `input`: this runs once per claim, and a spread copies slowly.
  const context: FactCheckContext = {
    claimTerms: input.claimTerms,
    claimText: input.claimText,
    evidenceTerms: input.evidenceTerms,
    sourceText: input.sourceText,
    lowerCaseWords: input.lowerCaseWords,
    sourceNumbers: input.sourceNumbers,
    hasSourceStem: input.hasSourceStem,
    index: input.index,
    evidencePolarity: input.evidencePolarity,
    claimQuantities: findQuantities(input.claimTerms, input.claimText),
    evidenceQuantities: findQuantities(input.evidenceTerms, input.sourceText),
    claimWeights: () => (weights ??= weighClaimWords(input.claimTerms, input.index)),
  };
  for (const [check, run] of CHECKS) {
    const reason = run(context);
    if (reason !== undefined) return { check, reason };
  }
  return undefined;
}
