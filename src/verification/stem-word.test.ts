import { describe, expect, it } from "vitest";
import { stemWord } from "./stem-word.ts";

describe("stemWord", () => {
  it("reduces inflected and derived forms as Porter (1980) does", () => {
    const words = [
      "caresses", "ponies", "cats", "agreed", "plastered", "motoring", "hopping", "filing", "happy", "relational",
      "conditional", "valenci", "digitizer", "generalization", "hopeful", "goodness", "electrical", "revival",
      "adjustment", "adoption", "probate", "controll", "appointed", "appointment", "ran", "us", "1998",
    ];
    expect(Object.fromEntries(words.map((word) => [word, stemWord(word)]))).toEqual({
      caresses: "caress", ponies: "poni", cats: "cat", agreed: "agre", plastered: "plaster", motoring: "motor",
      hopping: "hop", filing: "file", happy: "happi", relational: "relat", conditional: "condit", valenci: "valenc",
      digitizer: "digit", generalization: "gener", hopeful: "hope", goodness: "good", electrical: "electr",
      revival: "reviv", adjustment: "adjust", adoption: "adopt", probate: "probat", controll: "control",
      appointed: "appoint", appointment: "appoint", ran: "ran", us: "us", "1998": "1998",
    });
  });
});
