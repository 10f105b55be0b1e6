import { describe, expect, it } from "vitest";
import { collectCandidates, isUsableSentence } from "./extractive-candidates.ts";

describe("isUsableSentence", () => {
  it.each([
    ["Communities of practice are groups of people who share a concern or a passion for something they do.", true],
    ["Newcomers learn by participating at the periphery of the community (Lave & Wenger, 1991).", true],
    ["Wenger et al. (2002) describe seven principles for cultivating communities of practice.", true],
    ["Lave called this process \u201clegitimate peripheral participation.\u201d", false], // "this process": which one?
    ["Clinical supervision groups often function as communities of practice for new therapists.", true],
    ["The model distinguishes three modes of belonging to a community.", false], // "the model" without its name
    ["Wenger's model distinguishes three modes of belonging to a community.", true],
    ["They found that members of the community reported less isolation at work.", false], // dangling pronoun
    ["This post looks at how the idea applies to therapist training and supervision.", false], // about the document
    ["Our guide summarises the structure the authors proposed for communities.", false], // about the document
    ["This is why supervision groups are often described as communities of practice.", false],
    ["But the evidence for this kind of group learning is still thin and mixed.", false], // leans on what came before
    ["Follow the group on social media at @copclinic for meeting dates and news.", false],
    ["This approach reduces isolation among newly qualified clinicians in rural areas.", false], // "This approach" points back
    ["Every community of practice combines three elements.", true], // the tagger reads "combines" as a noun
    ["Core Principles", false], // heading
    ["Home > Resources > Learning > Communities of Practice.", false], // navigation crumbs
    ["What makes a community of practice different from a team?", false], // a question is not a claim
    ["Members are \u201cbound together by shared expertise and passion for a joint enterprise.", false], // unbalanced quote
    ["The group met weekly (usually on Fridays to review the cases together.", false], // unbalanced bracket
    ["Lave, J., & Wenger, E. Situated learning: legitimate peripheral participation.", false], // reference entry
    ["Wenger, E. (1998). Communities of practice: learning, meaning, and identity.", false], // reference entry
    ["Communities of practice were first described in 1991.[3]", false], // the source's own footnote marker
    ["Click here to subscribe to our newsletter on communities of practice.", false],
    ["See https://example.org/cop for the full list of groups and meetings.", false],
    ["Too short to be a claim.", false],
    ["the sentence starts in the middle of something that was cut off earlier.", false],
    ["A Guide To Communities Of Practice For Clinical Teams And Their Supervisors.", false], // a title
    ["Domain, community and practice: three elements, one structure for many groups.", false], // no verb
  ])("%s -> %s", (text, expected) => {
    expect(isUsableSentence(text)).toBe(expected);
  });
});

describe("collectCandidates", () => {
  it("keeps usable sentences with their offsets in the source, and skips unknown sources", () => {
    const text = "Core Principles\n\nMembers share a domain of interest and learn together over time. Why?";
    const passages = [
      { source: 2, start: 100, end: 100 + text.length, text, score: 1.5 },
      { source: 9, start: 0, end: text.length, text, score: 3 },
    ];
    expect(collectCandidates(passages, [1, 2])).toEqual([
      {
        source: 2,
        start: 117,
        text: "Members share a domain of interest and learn together over time.",
        terms: ["member", "share", "domain", "interest", "learn", "togeth", "time"],
        passageScore: 1.5,
      },
    ]);
  });
});
