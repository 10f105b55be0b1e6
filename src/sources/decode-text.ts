// Bytes to text the way browsers pick an encoding (WHATWG Encoding and HTML "determine the character
// encoding"), reduced to what source snapshots need. TextDecoder already maps legacy labels the way
// browsers do: "latin1", "iso-8859-1", "us-ascii" and "ascii" all decode as windows-1252.

import { isUtf8 } from "node:buffer";

/** How far into an HTML document a <meta> charset declaration is looked for (HTML's prescan uses 1024). */
const META_SCAN_BYTES = 2048;

export function decodeText(
  bytes: Buffer,
  contentType: string | undefined,
  kind: "html" | "text",
): { text: string; charset: string } {
  const charset = chooseCharset(bytes, contentType, kind);
  // The default ignoreBOM=false drops a byte order mark that matches the chosen encoding.
  const text = charset === "windows-1252" ? decodeWindows1252(bytes) : new TextDecoder(charset).decode(bytes);
  return { text, charset };
}

// As of Node 20.20, TextDecoder("windows-1252") decodes 0x80-0x9F as C1 controls, exactly like
// Latin-1 (a regression since 20.18.3: nodejs/node#56542, #60888), which turns curly quotes and dashes
// into invisible characters. This is the WHATWG index for those 32 bytes; the rest equals Latin-1.
const WINDOWS_1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Buffer): string {
  return bytes
    .toString("latin1")
    .replace(/[\x80-\x9f]/g, (char) => String.fromCharCode(WINDOWS_1252_80_9F[char.charCodeAt(0) - 0x80]!));
}

function chooseCharset(bytes: Buffer, contentType: string | undefined, kind: "html" | "text"): string {
  // A byte order mark outranks every label, as in browsers: servers mislabel far more often than
  // editors write a wrong BOM.
  const fromBom = readBom(bytes);
  if (fromBom !== undefined) return fromBom;
  const fromHeader = normaliseLabel(readCharsetParameter(contentType));
  if (fromHeader !== undefined) return fromHeader;
  if (kind === "html") {
    const fromMeta = normaliseLabel(readMetaCharset(bytes));
    // A <meta> can only be read because the bytes are ASCII-compatible, so a UTF-16 claim there is
    // wrong; HTML treats it as UTF-8.
    if (fromMeta !== undefined) return fromMeta.startsWith("utf-16") ? "utf-8" : fromMeta;
  }
  return isUtf8(bytes) ? "utf-8" : "windows-1252";
}

function readBom(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return undefined;
}

function readCharsetParameter(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** Finds <meta charset=...> or <meta http-equiv="Content-Type" content="...; charset=...">. */
function readMetaCharset(bytes: Buffer): string | undefined {
  // latin1 maps each byte to one char, so ASCII markup reads correctly whatever the real encoding.
  const head = bytes.subarray(0, META_SCAN_BYTES).toString("latin1").replace(/<!--[\s\S]*?-->/g, "");
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([^\s"'/>;]+)/i.exec(tag);
    if (direct?.[1] !== undefined) return direct[1];
  }
  return undefined;
}

/** The canonical name of a label TextDecoder knows, or undefined for unknown or unusable labels. */
function normaliseLabel(label: string | undefined): string | undefined {
  if (label === undefined || label.trim() === "") return undefined;
  try {
    const encoding = new TextDecoder(label.trim()).encoding;
    // "replacement" is how the Encoding standard neuters labels such as iso-2022-kr; it would turn the
    // whole document into U+FFFD, so the label is ignored instead.
    return encoding === "replacement" ? undefined : encoding;
  } catch {
    return undefined;
  }
}

