// Finds the clinical facts a sentence states: doses, rates and percentages, dosing frequencies,
// statistics, quantities of a treatment course, risk, efficacy and safety statements, and named
// studies, trials or authors with years (issue 15). The evidence policy runs it over sentences no
// source backs (basis llm or example, and the model's own framing of an elaborated sourced claim), so
// a fact the model wrote is flagged by code, whatever label the model gave the sentence.
//
// Numbers with units are read by the fact checks' quantity parser (check-facts.ts findQuantities);
// what the parser does not see (units glued to their number, "1 in 5", "twice daily", "Smith et al.
// (2019)") and the statements without numbers are read by the patterns below. Statements of risk,
// efficacy, safety or findings count only when asserted: inside a question, or a clause opened by
// "whether", "if", "how", "what" or "why" ("ask whether the group reduces burnout"), they
// are framing, not fact. Numbers count wherever they are.

import { analyzeTerms } from "../domain/text/analyze-terms.ts";
import { findQuantities } from "./check-facts.ts";
import { isStopWord } from "../domain/text/stop-words.ts";

export type ClinicalFactKind = "dose" | "rate" | "frequency" | "statistic" | "quantity" | "study" | "safety" | "risk" | "efficacy";

export interface ClinicalFact {
  kind: ClinicalFactKind;
  /** The words that state it, as written. */
  text: string;
  /** Offset of the words in the sentence. */
  start: number;
}

interface Pattern {
  kind: ClinicalFactKind;
  pattern: RegExp;
  /** A statement (not a number): not counted inside a question or an interrogative clause. */
  isStatement: boolean;
}

const SMALL_NUMBER = "(?:\\d+(?:[.,]\\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|a hundred|hundred)";
const DOSE_UNIT = "(?:mg|mcg|µg|μg|g|ml|mL|mmol|IU|iu|units?)(?:\\s?\\/\\s?(?:kg|day|d|dose|m2))?";
// Outcomes an efficacy verb acts on: "reduces relapse", "improved depressive symptoms".
const OUTCOMES =
  "(?:symptoms?|depression|anxiety|relapses?|recurrences?|mortality|suicid\\w*|self-harm|readmissions?|remission|outcomes?|pain|ptsd|PTSD|insomnia|distress|cravings?|substance use|drinking|psychosis|mood|functioning|well-?being|burnout|attrition|dropout|recovery|severity|rates?)";
const ASSERTING_VERBS = "(?:is|are|was|were|has been|have been|proved|proven|shown to be|found to be|remains?|appears? to be)";

const PATTERNS: Pattern[] = [
  // Numbers: always facts.
  { kind: "dose", pattern: new RegExp(`\\b\\d+(?:[.,]\\d+)?\\s?${DOSE_UNIT}(?![\\p{L}])`, "gu"), isStatement: false },
  { kind: "rate", pattern: /\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b|percentage points?\b)/giu, isStatement: false },
  { kind: "rate", pattern: new RegExp(`\\b${SMALL_NUMBER} (?:in|out of) (?:every )?${SMALL_NUMBER}\\b`, "giu"), isStatement: false },
  { kind: "rate", pattern: new RegExp(`\\b${SMALL_NUMBER}(?:-fold| times) (?:more|less|higher|lower|greater|as)\\b(?: likely)?`, "giu"), isStatement: false },
  { kind: "frequency", pattern: new RegExp(`\\b(?:once|twice|thrice|${SMALL_NUMBER} times) (?:a|an|per|each|every) (?:day|night|week|fortnight|month|year|hour|session)\\b`, "giu"), isStatement: false },
  { kind: "frequency", pattern: /\b(?:once|twice|thrice)[- ](?:daily|nightly|weekly|monthly)\b/giu, isStatement: false },
  { kind: "frequency", pattern: new RegExp(`\\bevery ${SMALL_NUMBER}(?:\\s?(?:to|-|–)\\s?${SMALL_NUMBER})? (?:hours?|days?|weeks?|months?)\\b`, "giu"), isStatement: false },
  { kind: "frequency", pattern: /\b(?:b\.?i\.?d|t\.?i\.?d|q\.?i\.?d|q\d+h|prn)\b/gu, isStatement: false },
  { kind: "statistic", pattern: /\b(?:odds ratios?|hazard ratios?|relative risks?|absolute risks?|risk ratios?|numbers? needed to (?:treat|harm)|NNT|effect sizes?|Cohen'?s d|confidence intervals?|standardi[sz]ed mean differences?)\b/giu, isStatement: false },
  { kind: "statistic", pattern: /\b(?:p|r|d|g|OR|RR|HR|SMD)\s?[<=>≤≥]\s?-?\d*\.\d+/gu, isStatement: false },
  {
    kind: "quantity",
    pattern: new RegExp(`\\b${SMALL_NUMBER}(?:\\s?(?:to|-|–)\\s?${SMALL_NUMBER})? (?:sessions?|visits?|appointments?|doses?|patients?|participants?|clients?|subjects?|trials?|studies|cycles?)\\b`, "giu"),
    isStatement: false,
  },
  // Named studies and trials, authors with years, dated study designs.
  { kind: "study", pattern: /\b\p{Lu}[\p{L}'’-]+(?:(?:,| and| &) \p{Lu}[\p{L}'’-]+)*(?: et al\.?)?,? \(?(?:1[89]|20)\d\d[a-z]?\)?/gu, isStatement: false },
  { kind: "study", pattern: /\b(?:[Tt]he )?\p{Lu}[\p{Lu}\d*-]{2,}(?: \p{Lu}[\p{L}-]*)* (?:trial|study|cohort|project)\b/gu, isStatement: false },
  { kind: "study", pattern: /\b(?:[Tt]he )?(?:\p{Lu}[\p{L}-]+ )+(?:Trial|Study)\b/gu, isStatement: false },
  {
    kind: "study",
    pattern: /\b(?:a|an|the) (?:1[89]|20)\d\d (?:randomi[sz]ed|controlled|clinical|meta-analy\w*|systematic|cohort|trial|study|review|survey|cochrane)\w*/giu,
    isStatement: false,
  },
  // Findings asserted of research.
  {
    kind: "study",
    pattern:
      /\b(?:studies|research|trials|evidence|data|(?:a |the )?(?:randomi[sz]ed (?:controlled )?trials?|RCTs?|meta-analys[ie]s|systematic reviews?|cohort stud(?:y|ies)|Cochrane reviews?|clinical trials?)) (?:has |have )?(?:shows?|showed|shown|found|finds?|demonstrates?|demonstrated|confirms?|confirmed|proves?|proved|establishe[sd]|reports?|reported)\b/giu,
    isStatement: true,
  },
  // Safety before risk: "no serious side effects" is a safety statement.
  { kind: "safety", pattern: new RegExp(`\\b${ASSERTING_VERBS} (?:generally |completely |very |entirely |considered )?(?:safe|well[- ]tolerated|harmless|non-addictive|not addictive)\\b`, "giu"), isStatement: true },
  { kind: "safety", pattern: /\bsafe (?:for|in|during) (?:pregnan\w+|children|adolescents|older adults|the elderly|breastfeeding|use)\b/giu, isStatement: true },
  { kind: "safety", pattern: /\b(?:no|few|minimal) (?:serious |known |significant |major )?(?:side[- ]effects?|adverse (?:effects?|events?|reactions?)|risks?)\b/giu, isStatement: true },
  {
    kind: "risk",
    pattern: /\b(?:increas|rais|doubl|tripl|halv|reduc|lower|decreas|cut)(?:es|ed|ing|e|s)? (?:the |their |a |his |her )?(?:risk|likelihood|odds|chance|incidence)s? of [\p{L}-]+/giu,
    isStatement: true,
  },
  { kind: "risk", pattern: /\b(?:higher|lower|increased|reduced|elevated|greater|heightened) (?:risk|rates?|incidence|odds|likelihood) of [\p{L}-]+/giu, isStatement: true },
  { kind: "risk", pattern: /\bat (?:high|higher|increased|greater|low|lower|elevated) risk\b(?: of [\p{L}-]+)?/giu, isStatement: true },
  { kind: "risk", pattern: /\brisk factors? for [\p{L}-]+/giu, isStatement: true },
  { kind: "risk", pattern: /\b(?:side[- ]effects?|adverse (?:effects?|events?|reactions?)|toxicity|overdoses?|withdrawal symptoms|contraindicated|fatal|lethal|life-threatening)\b/giu, isStatement: true },
  {
    kind: "efficacy",
    pattern: new RegExp(`\\b${ASSERTING_VERBS} (?:highly |more |less |equally |as |not |no more |no less )?(?:effective|efficacious|superior|inferior|beneficial|curative)\\b`, "giu"),
    isStatement: true,
  },
  {
    kind: "efficacy",
    pattern: new RegExp(
      `\\b(?:reduces|reduced|improves|improved|prevents|prevented|cures|cured|alleviates|alleviated|relieves|relieved|lowers|lowered|halves|halved|eliminates|eliminated|outperforms|outperformed|treats|doubles|doubled)(?: [\\p{L}'-]+){0,3}? ${OUTCOMES}\\b`,
      "giu",
    ),
    isStatement: true,
  },
  {
    // The plural verb, after a subject: a sentence that opens with it is an imperative ("Reduce
    // symptoms of anxiety" as a plan's goal), not a report.
    kind: "efficacy",
    pattern: new RegExp(
      `(?<=[\\p{L}'-] )(?:reduce|improve|prevent|cure|alleviate|relieve|lower|halve|eliminate|outperform|double)(?: [\\p{L}'-]+){0,3}? ${OUTCOMES}\\b`,
      "giu",
    ),
    isStatement: true,
  },
  { kind: "efficacy", pattern: /\b(?:first[- ]line|gold[- ]standard|clinically significant|statistically significant|significantly (?:improv|reduc|lower|increas|decreas)\w*|(?:response|remission|recovery|relapse|dropout) rates?)\b/giu, isStatement: true },
];

// Durations and other quantities with a unit (from the fact checks' parser) are facts of a treatment
// course only next to a clinical word ("improve within six weeks"); "within three months, each
// clinician attends six meetings" plans, it does not report.
const CLINICAL_CONTEXT = /\b(?:treat\w*|therap\w*|medicat\w*|drugs?|doses?|dosing|symptom\w*|remission|relapse\w*|recover\w*|improv\w*|respon\w*|patients?|clients?|participants?|diagnos\w*|prescri\w*|taper\w*|withdraw\w*|side[- ]effects?|onset|efficacy|effective)\b/iu;
const DOSE_OR_RATE_UNITS = new Set(["%", "mg", "g", "mcg", "ml", "l", "mmol", "unit"]);

// Capitalised words that open the author-year pattern without being a name: "In 2019", "Since 1991".
const NOT_AUTHOR = new Set(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "spring", "summer", "autumn", "winter", "fall"]);

/** The clauses a question or report opens: what follows is asked about, not asserted. */
// "which" is left out: it opens relative clauses ("which halves dropout") as often as questions.
const INTERROGATIVE = /\b(?:whether|if|how|what|why|ask|asking|wonder|consider)\b/iu;
const INTERROGATIVE_REACH = 60;

function isAsked(sentence: string, start: number): boolean {
  if (/\?\s*["')\]]*\s*$/.test(sentence)) return true;
  const before = sentence.slice(Math.max(0, start - INTERROGATIVE_REACH), start);
  // Only within the same clause: a full stop, semicolon or colon ends what the opener governs.
  const clause = before.split(/[.;:]/).pop() ?? "";
  return INTERROGATIVE.test(clause);
}

function isAuthorYear(text: string): boolean {
  const first = /^\p{Lu}[\p{L}'’-]+/u.exec(text)?.[0]?.toLowerCase() ?? "";
  return !isStopWord(first) && !NOT_AUTHOR.has(first);
}

function quantitiesInContext(sentence: string): ClinicalFact[] {
  if (!CLINICAL_CONTEXT.test(sentence)) return [];
  const terms = analyzeTerms(sentence);
  return findQuantities(terms, sentence).flatMap((quantity) => {
    if (quantity.unit === "" || DOSE_OR_RATE_UNITS.has(quantity.unit)) return [];
    const start = sentence.indexOf(quantity.text);
    return [{ kind: "quantity" as const, text: quantity.text, start: Math.max(0, start) }];
  });
}

// A plan's target ("Within 12 weeks, the client will attend 10 sessions": a SMART objective) sets
// durations and counts rather than reporting them; its doses, rates and named studies still count.
const TARGET = /^\s*(?:within|by|over|in|after|for) (?:the (?:next|first) )?[\p{L}\d-]+ (?:days?|weeks?|months?|sessions?)\b|\bwill\b/iu;

/** The clinical facts a sentence states, in reading order; overlapping finds keep the first pattern's. */
export function detectClinicalFacts(sentence: string): ClinicalFact[] {
  const facts = findClinicalFacts(sentence);
  return TARGET.test(sentence) ? facts.filter((fact) => fact.kind !== "quantity") : facts;
}

function findClinicalFacts(sentence: string): ClinicalFact[] {
  const found: ClinicalFact[] = [];
  const covers = (start: number, end: number): boolean => found.some((fact) => start < fact.start + fact.text.length && fact.start < end);
  for (const { kind, pattern, isStatement } of PATTERNS) {
    pattern.lastIndex = 0;
    for (const match of sentence.matchAll(pattern)) {
      const text = match[0].trim();
      const start = match.index ?? 0;
      if (covers(start, start + text.length)) continue;
      if (isStatement && isAsked(sentence, start)) continue;
      if (kind === "study" && /\d/.test(text) && /^\p{Lu}/u.test(text) && !isAuthorYear(text)) continue;
      found.push({ kind, text, start });
    }
  }
  for (const quantity of quantitiesInContext(sentence)) {
    if (!covers(quantity.start, quantity.start + quantity.text.length)) found.push(quantity);
  }
  return found.sort((a, b) => a.start - b.start);
}
