import { describe, expect, it } from "vitest";
import { decodeText } from "./decode-text.ts";

const CP1252_QUOTES = Buffer.from([0x93, 0x61, 0x94, 0x20, 0x96, 0x20, 0xe9]); // “a” – é
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function html(head: string, body: string | Buffer): Buffer {
  const bodyBytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  return Buffer.concat([Buffer.from(`<!doctype html><html><head>${head}</head><body><p>`), bodyBytes, Buffer.from("</p></body></html>")]);
}

interface Case {
  name: string;
  bytes: Buffer;
  contentType: string | undefined;
  kind: "html" | "text";
  charset: string;
  /** Text the decoded result must contain. */
  contains: string;
  startsWith?: string;
}

const cases: Case[] = [
  {
    name: "header charset=windows-1252 gives curly quotes and an en dash",
    bytes: CP1252_QUOTES,
    contentType: "text/plain; charset=windows-1252",
    kind: "text",
    charset: "windows-1252",
    contains: "\u201ca\u201d \u2013 \u00e9",
  },
  {
    name: "iso-8859-1 label is read as windows-1252, as browsers do",
    bytes: CP1252_QUOTES,
    contentType: "text/html; charset=ISO-8859-1",
    kind: "html",
    charset: "windows-1252",
    contains: "\u201ca\u201d \u2013 \u00e9",
  },
  {
    name: "latin1 label is read as windows-1252",
    bytes: CP1252_QUOTES,
    contentType: "text/plain;charset=latin1",
    kind: "text",
    charset: "windows-1252",
    contains: "\u201ca\u201d",
  },
  {
    name: "us-ascii label is read as windows-1252",
    bytes: CP1252_QUOTES,
    contentType: "text/plain; charset=us-ascii",
    kind: "text",
    charset: "windows-1252",
    contains: "\u2013 \u00e9",
  },
  {
    name: "quoted header charset",
    bytes: Buffer.from("caf\u00e9", "utf8"),
    contentType: 'text/plain; charset="UTF-8"',
    kind: "text",
    charset: "utf-8",
    contains: "caf\u00e9",
  },
  {
    name: "<meta charset> when the header has none",
    bytes: html('<meta charset="windows-1252">', CP1252_QUOTES),
    contentType: "text/html",
    kind: "html",
    charset: "windows-1252",
    contains: "<p>\u201ca\u201d \u2013 \u00e9</p>",
  },
  {
    name: "<meta http-equiv content=...charset=...>",
    bytes: html('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', CP1252_QUOTES),
    contentType: undefined,
    kind: "html",
    charset: "windows-1252",
    contains: "\u201ca\u201d",
  },
  {
    name: "header wins over <meta>",
    bytes: html('<meta charset="windows-1252">', "caf\u00e9 \u201cok\u201d"),
    contentType: "text/html; charset=utf-8",
    kind: "html",
    charset: "utf-8",
    contains: "caf\u00e9 \u201cok\u201d",
  },
  {
    name: "<meta> is ignored for plain text",
    bytes: Buffer.from('<meta charset="windows-1252"> caf\u00e9', "utf8"),
    contentType: "text/plain",
    kind: "text",
    charset: "utf-8",
    contains: "caf\u00e9",
  },
  {
    name: "<meta> inside a comment is ignored",
    bytes: html('<!-- <meta charset="iso-8859-2"> -->', "caf\u00e9"),
    contentType: "text/html",
    kind: "html",
    charset: "utf-8",
    contains: "caf\u00e9",
  },
  {
    name: "<meta> claiming UTF-16 means UTF-8",
    bytes: html('<meta charset="utf-16">', "caf\u00e9"),
    contentType: "text/html",
    kind: "html",
    charset: "utf-8",
    contains: "caf\u00e9",
  },
  {
    name: "<meta> after the first 2 KB is not looked for",
    bytes: html(`${" ".repeat(2100)}<meta charset="iso-8859-2">`, "caf\u00e9"),
    contentType: "text/html",
    kind: "html",
    charset: "utf-8",
    contains: "caf\u00e9",
  },
  {
    name: "UTF-8 BOM without any label: utf-8, BOM stripped",
    bytes: Buffer.concat([UTF8_BOM, Buffer.from("Na\u00efve", "utf8")]),
    contentType: undefined,
    kind: "html",
    charset: "utf-8",
    contains: "Na\u00efve",
    startsWith: "Na\u00efve",
  },
  {
    name: "BOM wins over a wrong header label",
    bytes: Buffer.concat([UTF8_BOM, Buffer.from("\u201cq\u201d", "utf8")]),
    contentType: "text/plain; charset=windows-1252",
    kind: "text",
    charset: "utf-8",
    contains: "\u201cq\u201d",
    startsWith: "\u201cq\u201d",
  },
  {
    name: "UTF-16LE BOM",
    bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("h\u00e9llo", "utf16le")]),
    contentType: undefined,
    kind: "text",
    charset: "utf-16le",
    contains: "h\u00e9llo",
    startsWith: "h\u00e9llo",
  },
  {
    name: "no label, valid UTF-8: utf-8",
    bytes: Buffer.from("\u201cvalid\u201d UTF-8 \u2013 ok", "utf8"),
    contentType: undefined,
    kind: "text",
    charset: "utf-8",
    contains: "\u201cvalid\u201d UTF-8 \u2013 ok",
  },
  {
    name: "no label, not UTF-8: windows-1252",
    bytes: CP1252_QUOTES,
    contentType: undefined,
    kind: "html",
    charset: "windows-1252",
    contains: "\u201ca\u201d \u2013 \u00e9",
  },
  {
    name: "unknown header label falls through to sniffing",
    bytes: CP1252_QUOTES,
    contentType: "text/plain; charset=x-klingon",
    kind: "text",
    charset: "windows-1252",
    contains: "\u201ca\u201d",
  },
  {
    name: "another legacy charset goes through TextDecoder",
    bytes: Buffer.from([0xa1, 0xb1]),
    contentType: "text/plain; charset=iso-8859-2",
    kind: "text",
    charset: "iso-8859-2",
    contains: "\u0104\u0105",
  },
];

describe("decodeText", () => {
  it.each(cases)("$name", (testCase) => {
    const result = decodeText(testCase.bytes, testCase.contentType, testCase.kind);
    expect(result.charset).toBe(testCase.charset);
    expect(result.text).toContain(testCase.contains);
    if (testCase.startsWith !== undefined) expect(result.text.startsWith(testCase.startsWith)).toBe(true);
  });

  it("maps every byte 0x80-0x9F as the WHATWG windows-1252 index does", () => {
    const bytes = Buffer.from(Array.from({ length: 32 }, (_, index) => 0x80 + index));
    const { text } = decodeText(bytes, "text/plain; charset=windows-1252", "text");
    expect(text).toBe("\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178");
  });
});
