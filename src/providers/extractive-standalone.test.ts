import { describe, expect, it } from "vitest";
import { tokenizeTerms } from "../domain/text/tokenize-terms.ts";
import { findUnresolvedReference } from "./extractive-standalone.ts";
import { tagWords } from "./extractive-tagging.ts";

// Real sentences from the example sources (examples/*/): those a reader can follow when the sentence
// is quoted alone under any heading, and those that lean on the sentence before them.

const COP = new Set(tokenizeTerms("Communities of Practice"));

describe("findUnresolvedReference", () => {
  it.each([
    "The anthropologist Jean Lave and the computer scientist turned learning theorist Etienne Wenger introduced the term \"community of practice\" in their 1991 book Situated Learning: Legitimate Peripheral Participation, published by Cambridge University Press.",
    "In their 2009 book Digital Habitats: Stewarding Technology for Communities, Etienne Wenger, Nancy White and John D. Smith argued that communities need technology stewards.",
    "The psychologist Irving Janis introduced the term groupthink in 1972 to describe how cohesive groups can suppress dissent and reach poor decisions.",
    "The benefits that members describe, such as a stronger professional identity, better judgement in ambiguous cases or a sense of belonging, are real but difficult to capture with standard outcome measures.",
    "Every community of practice combines three elements.",
    "It is recommended that clinicians screen adults in primary care once a year.",
    "Agree ground rules in writing before any case is discussed, covering confidentiality and attendance.",
    "Behavioural activation is a structured, time-limited psychological therapy for depression that helps people re-engage with activities that are rewarding, meaningful or necessary in their lives.",
    "In 2016, David Richards and colleagues published the COBRA trial in The Lancet.",
  ])("stands alone: %s", (sentence) => {
    expect(findUnresolvedReference(tagWords(sentence), COP)).toBeUndefined();
  });

  it("lets a bare definite subject stand when it names the article's subject", () => {
    const sentence = "The community is the group of people who interact, learn together and build relationships around the domain.";
    expect(findUnresolvedReference(tagWords(sentence), COP)).toBeUndefined();
    expect(findUnresolvedReference(tagWords(sentence), new Set(tokenizeTerms("Behavioural Activation")))).toMatch(/has no referent/);
  });

  it.each([
    ["The book turned the community of practice from an analytic idea about learning into a practical approach that organisations could use.", /subject "The book"/],
    ["Two years earlier, Wenger and Snyder had introduced the idea to a management audience in a 2000 Harvard Business Review article.", /"earlier" places it after another sentence/],
    ["The authors argued that a community works well only when all three elements are developed together.", /subject "The authors"/],
    ["The most important role in the book is the community coordinator.", /"the book" names a work/],
    ["Other roles that the authors described include thought leaders, networkers and pioneers.", /"Other" refers to an item/],
    ["The first lesson is that trainees learn most when they are given legitimate access to real clinical work.", /"first" refers to an item/],
    ["It closes with some misconceptions that are common when health and care organisations adopt the idea.", /opens with the pronoun "It"/],
    ["This approach reduces isolation among newly qualified clinicians in rural areas.", /opens with "This"/],
    ["Li and colleagues argued that this shift helps explain why health care projects differ so widely.", /"this" points to something outside/],
    ["Etienne Wenger, Richard McDermott and William Snyder turned it into a practical approach for organisations in their 2002 book.", /"it" has no antecedent/],
    ["All three functions have a parallel in communities of practice, where members hold each other to shared standards.", /"All three" refers back/],
    ["Both authors were then associated with the Institute for Research on Learning in Palo Alto.", /"Both"/],
    ["Many DBT teams nevertheless develop the mutual engagement and shared repertoire that characterise a community of practice.", /"nevertheless" places it after/],
    ["The routines, words, tools, stories and ways of doing things that a community has developed over time.", /a fragment/],
    ["Written by the training team for internal use.", /participle "Written"/],
    ["In that study, learning was tied to identity: becoming a member meant learning to see one's own history in a new way.", /"that study" points back/],
    ["To understand learning in such settings, it helps to look beyond single communities to the relations between them.", /"such" points/],
    ["\u201cI learned more about working with shame in one year of our Thursday peer group than in any course I took,\u201d one experienced counsellor told us.", /own voice/],
    ["The table below adapts that comparison for clinical settings and adds the comparison with a training course.", /layout of the source/],
    ["Goal: Reduce the isolation of therapists in single-handed rural posts.", /labelled field/],
    ["The result is a downward spiral in which low mood and inactivity feed each other.", /"the result"|subject "The result"/i],
  ])("leans on its neighbours: %s", (sentence, reason) => {
    expect(findUnresolvedReference(tagWords(sentence), COP)).toMatch(reason);
  });
});
