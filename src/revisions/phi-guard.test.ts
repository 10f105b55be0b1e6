import { describe, expect, it } from "vitest";
import { describePhiFindings, findPhi, findPhiInSourceUrls, type PhiKind } from "./phi-guard.ts";

function kinds(text: string, currentYear = 2026): PhiKind[] {
  return findPhi(text, { currentYear }).map((f) => f.kind);
}

describe("findPhi: the line between an identifier and ordinary clinical prose", () => {
  // Pairs: the same surface thing, once identifying and once ordinary.
  const cases: { text: string; expected: PhiKind[] }[] = [
    { text: "Beck (1976) described the cognitive triad.", expected: [] },
    { text: "My client Beck has described his cognitive triad of depression.", expected: ["person_name"] },
    { text: "Parkinson's disease often brings apathy.", expected: [] },
    { text: "Emily's anxiety came back in the spring.", expected: ["person_name"] },
    { text: "Patients admitted between 1 January and 31 March 2020 were included.", expected: [] },
    { text: "The patient was admitted on 1 January 2020.", expected: ["person_date"] },
    { text: "The guideline was updated in March 2024.", expected: [] },
    { text: "Adults aged 90 or older made up 2% of the sample; mean age 91.2.", expected: [] },
    { text: "A 93-year-old man on my caseload stopped eating.", expected: ["age_over_89"] },
    { text: "My client was born in 1930 and lives alone.", expected: ["age_over_89"] },
    { text: "My client was born in 1961 and lives alone.", expected: [] },
    { text: "A trial in Leeds recruited 300 people.", expected: [] },
    // A city is smaller than a state: where one person lives is refused; a study site is not.
    { text: "She lives in Leeds and has no family nearby.", expected: ["geographic_unit"] },
    { text: "She lives in Scotland and has no family nearby.", expected: [] },
    { text: "Response rates were 0.45-0.78 over 2010-2015, NNT 6 (NCT01234567, PMID 31234567).", expected: [] },
    { text: "See figure1.png for the CONSORT diagram.", expected: [] },
    { text: "Here is a picture of him: IMG_0412.jpg", expected: ["photo_link"] },
    { text: "Cipriani A, et al. Lancet. 2018;391(10128):1357-1366.", expected: [] },
    { text: "Call her on 0113 496 0123 about the referral.", expected: ["phone_number"] },
    { text: "Our fax is 0113 496 0999.", expected: ["fax_number"] },
    { text: "Her NHS number is 943 476 5919.", expected: ["medical_record_number"] },
    { text: "Read https://doi.org/10.1001/jamapsychiatry.2019.1234 for the trial.", expected: [] },
    { text: "His profile https://www.linkedin.com/in/someone-123 lists his employer.", expected: ["personal_url"] },
  ];
  for (const { text, expected } of cases) {
    it(`${expected.length === 0 ? "passes" : `refuses (${expected.join(", ")})`}: ${text}`, () => {
      expect(kinds(text)).toEqual(expected);
    });
  }
});

describe("findPhi: findings", () => {
  it("points at the identifier and masks numbers in the excerpt", () => {
    const text = "Please call 555-012-3456 tonight.";
    expect(findPhi(text)).toEqual([{ kind: "phone_number", excerpt: "555-01…", index: text.indexOf("555") }]);
  });

  it("shows only the host of a personal URL", () => {
    const text = "See https://www.facebook.com/jane.doe.77 for her posts.";
    expect(findPhi(text)).toEqual([{ kind: "personal_url", excerpt: "https://www.facebook.com/…", index: 4 }]);
  });

  it("finds nothing in empty text", () => {
    expect(findPhi("   ")).toEqual([]);
  });
});

describe("describePhiFindings", () => {
  it("names each kind once, with its first excerpt, and says what to do", () => {
    const findings = findPhi("My client John Smith, born 3 March 1961, can be reached on 555-012-3456 or 555-012-9999.");
    expect(describePhiFindings(findings)).toBe(
      'refused: the text contains a person\'s name tied to clinical details ("John Smith"), a date tied to a person ("born 3 March 1961") and a phone number ("555-01…"); remove client-identifying information and submit again',
    );
  });
});

describe("findPhiInSourceUrls: the sources list has URL rules only", () => {
  it("passes article addresses even when their path names an author or holds numbers", () => {
    expect(
      findPhiInSourceUrls([
        "https://pubmed.ncbi.nlm.nih.gov/16551270/",
        "https://www.nice.org.uk/guidance/ng222",
        "https://journals.example.org/articles/smith-john-2020-cbt-review.pdf",
        "https://doi.org/10.1002/14651858.CD004366.pub6",
      ]),
    ).toEqual([]);
  });

  it("refuses profiles, personal pages, photos and bare IP addresses", () => {
    expect(
      findPhiInSourceUrls([
        "https://twitter.com/some_person",
        "https://example.org/users/8812/profile",
        "https://cdn.example.com/u/face_photo.jpg",
        "http://10.0.0.12/notes",
        "https://example.org/lookup?patient=jane",
      ]).map((f) => f.kind),
    ).toEqual(["personal_url", "personal_url", "photo_link", "ip_address", "personal_url"]);
  });

  it("lets a loopback address through: it names this machine, not a person", () => {
    expect(findPhiInSourceUrls(["http://127.0.0.1:8080/handout.html", "http://[::1]:9000/notes.txt"])).toEqual([]);
  });
});
