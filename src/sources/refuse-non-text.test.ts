import { describe, expect, it } from "vitest";
import { decodeText } from "./decode-text.ts";
import { describeNonText } from "./refuse-non-text.ts";

function bytesOf(count: number, seed: number): Buffer {
  // A fixed linear congruential sequence: junk that is the same on every run.
  const bytes = Buffer.alloc(count);
  let state = seed;
  for (let index = 0; index < count; index++) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    bytes[index] = state >>> 16;
  }
  return bytes;
}

function verdict(bytes: Buffer, contentType: string | undefined, kind: "html" | "text"): string | undefined {
  return describeNonText(bytes, decodeText(bytes, contentType, kind).text);
}

const PROSE = "Communities of practice are groups of people who share a concern for something they do. ".repeat(40);

describe("describeNonText", () => {
  it.each([
    ["plain English", Buffer.from(PROSE), "text/plain", "text", undefined],
    ["UTF-8 with accents and curly quotes", Buffer.from(`${PROSE} Café “quoted” — naïve.`), "text/html", "html", undefined],
    ["Windows-1252 bytes with smart quotes", Buffer.from([...Buffer.from(PROSE), 0x93, 0x61, 0x94, 0x96]), "text/plain", "text", undefined],
    ["UTF-16LE with a byte order mark", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PROSE, "utf16le")]), "text/plain", "text", undefined],
    ["tabs, form feeds, CRLF", Buffer.from(`${PROSE}\r\n\tindented\f\vnext page\r\n`), "text/plain", "text", undefined],
    ["random bytes (decoded as Windows-1252)", bytesOf(20_000, 7), "text/html", "html", "not text: 13% control characters"],
    ["random bytes declared UTF-8", bytesOf(20_000, 7), "text/html; charset=utf-8", "html", "not text: 12% control characters"],
    ["a PNG signature", Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(PROSE)]), "text/plain", "text", "not text: the bytes are a PNG image"],
    ["a ZIP signature", Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.from(PROSE)]), "text/html", "html", "not text: the bytes are a ZIP archive (or an Office document)"],
    ["a PDF served as HTML", Buffer.from(`%PDF-1.7\n${PROSE}`), "text/html", "html", "not text: the bytes are a PDF document"],
    ["one NUL in prose", Buffer.from(`${PROSE}\u0000${PROSE}`), "text/plain", "text", "not text: 1 NUL character"],
    ["UTF-16 without BOM or label", Buffer.from(PROSE, "utf16le"), "text/plain", "text", "not text: 50% control characters"],
    ["Latin-1 bytes declared UTF-8", Buffer.from(PROSE.replace(/e/g, "\u00e9"), "latin1"), "text/plain; charset=utf-8", "text", "not text: 10% of the characters could not be decoded (U+FFFD)"],
  ] as const)("%s", (_name, bytes, contentType, kind, expected) => {
    expect(verdict(Buffer.from(bytes), contentType, kind)).toBe(expected);
  });
});
