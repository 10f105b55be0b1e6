import { describe, expect, it } from "vitest";
import { detectClinicalFacts, type ClinicalFactKind } from "./detect-clinical-facts.ts";

// Real sentences of the kind a model writes without a source: each must yield the fact it states,
// and ordinary reflective or framing prose must yield none.

const facts = (sentence: string): [ClinicalFactKind, string][] => detectClinicalFacts(sentence).map((fact) => [fact.kind, fact.text]);

describe("detectClinicalFacts finds what a sentence states", () => {
  it.each<[string, [ClinicalFactKind, string][]]>([
    ["Sertraline is usually started at 50 mg once daily.", [["dose", "50 mg"], ["frequency", "once daily"]]],
    ["Most adults are titrated to 20mg in the morning.", [["dose", "20mg"]]],
    ["Children are dosed at 0.5 mg/kg per day.", [["dose", "0.5 mg/kg"]]],
    ["Roughly 30% of clients relapse within a year of stopping.", [["rate", "30%"]]],
    ["About 1 in 5 trainees report burnout in their first year.", [["rate", "1 in 5"]]],
    ["Dropout is three times more likely in group formats.", [["rate", "three times more likely"]]],
    ["Sessions are typically held twice a week for the first month.", [["frequency", "twice a week"]]],
    ["Exposure homework should be practised every 2 days.", [["frequency", "every 2 days"]]],
    ["The pooled odds ratio was modest.", [["statistic", "odds ratio"]]],
    ["Trauma-focused therapy usually runs 12 to 16 sessions.", [["quantity", "12 to 16 sessions"]]],
    ["Within 12 weeks, the client will take 50 mg at night.", [["dose", "50 mg"]]],
    ["Most patients improve within 6 weeks of starting treatment.", [["quantity", "6 weeks"]]],
    ["Peer consultation reduces burnout among hospice nurses.", [["efficacy", "reduces burnout"]]],
    ["Cognitive processing therapy is more effective than supportive counselling for PTSD.", [["efficacy", "is more effective"]]],
    ["EMDR is a first-line treatment for post-traumatic stress disorder.", [["efficacy", "first-line"]]],
    ["Mindfulness groups are safe for adolescents with mild anxiety.", [["safety", "are safe"]]],
    ["Lithium increases the risk of hypothyroidism over time.", [["risk", "increases the risk of hypothyroidism"]]],
    ["Benzodiazepines carry a risk of withdrawal symptoms when stopped abruptly.", [["risk", "withdrawal symptoms"]]],
    ["The STAR*D trial followed outpatients through four treatment steps.", [["study", "The STAR*D trial"]]],
    ["Wenger et al. (2002) described how such groups are cultivated.", [["study", "Wenger et al. (2002)"]]],
    ["Lave and Wenger 1991 coined the term.", [["study", "Lave and Wenger 1991"]]],
    ["A 2015 meta-analysis pooled the controlled studies.", [["study", "A 2015 meta-analysis"]]],
    ["Randomised controlled trials have shown that the approach works in primary care.", [["study", "Randomised controlled trials have shown"]]],
  ])("%s", (sentence, expected) => {
    expect(facts(sentence)).toEqual(expected);
  });
});

describe("detectClinicalFacts leaves reflective and framing prose alone", () => {
  it.each([
    "Clinicians may find it useful to ask how the group shapes their sense of professional identity.",
    "Which part of your practice have you learned mostly from colleagues?",
    "Clinicians may find it useful to ask whether the consultation group reduces burnout on their team.",
    "How do you decide when a case needs the wider team?",
    "Clinicians may find the idea familiar from supervision.",
    "This framing helps explain why newcomers learn by taking part before they are experts.",
    "Within three months, each clinician attends six peer consultation meetings.",
    "Within 12 weeks, the client will attend 10 sessions and name two supports.",
    "Reduce professional isolation.",
    "Reduce symptoms of anxiety that interfere with work.",
    "Consider what risks a newcomer takes when they speak up in a group of seniors.",
    "In 2019 the team began meeting in a new building.",
    "Two questions can open the conversation.",
  ])("%s", (sentence) => {
    expect(facts(sentence)).toEqual([]);
  });
});
