// Normalization used to match quotes against source text despite typographic differences, with a
// map from every normalized character back to the original characters it came from.

export interface NormalizedText {
  text: string;
  /** origStart[i] / origEnd[i]: the original span that produced normalized char i. */
  origStart: Int32Array;
  origEnd: Int32Array;
}

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u2035\u02BC\u00B4]/;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB]/;
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF\u180E]/;
const COMBINING = /\p{M}/u;
const WHITESPACE = /\s/;

/** Replacement for one character that needs it before NFKC (NFKC would decompose U+00B4 oddly), or undefined. */
function mapTypographic(ch: string): string | undefined {
  if (INVISIBLE.test(ch)) return "";
  if (SINGLE_QUOTES.test(ch)) return "'";
  if (DOUBLE_QUOTES.test(ch)) return '"';
  if (DASHES.test(ch)) return "-";
  if (WHITESPACE.test(ch)) return " ";
  return undefined;
}

function isAsciiSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** Growable UTF-16 output with, per code unit, the original span it came from. */
class MappedBuilder {
  length = 0;
  private units: Uint16Array;
  private starts: Int32Array;
  private ends: Int32Array;
  constructor(capacity: number) {
    this.units = new Uint16Array(Math.max(16, capacity));
    this.starts = new Int32Array(this.units.length);
    this.ends = new Int32Array(this.units.length);
  }
  push(unit: number, start: number, end: number): void {
    if (this.length === this.units.length) this.grow();
    this.units[this.length] = unit;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }
  lastUnit(): number {
    return this.length === 0 ? -1 : (this.units[this.length - 1] ?? -1);
  }
  finish(): NormalizedText {
    const decoder = new TextDecoder("utf-16le");
    const text = decoder.decode(this.units.subarray(0, this.length));
    return { text, origStart: this.starts.slice(0, this.length), origEnd: this.ends.slice(0, this.length) };
  }
  private grow(): void {
    const size = this.units.length * 2;
    const units = new Uint16Array(size);
    units.set(this.units);
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    this.units = units;
    this.starts = starts;
    this.ends = ends;
  }
}

const SPACE = 32;

/** NFKC, case-folded, unified quotes and dashes, invisible characters dropped, whitespace collapsed. */
export function normalizeWithMap(original: string): NormalizedText {
  const n = original.length;
  const out = new MappedBuilder(n);
  let lastWasSpace = true; // drops leading whitespace
  const emit = (piece: string, start: number, end: number): void => {
    for (const ch of piece) {
      const mapped = mapTypographic(ch) ?? ch;
      if (mapped === "") continue;
      if (mapped === " ") {
        if (lastWasSpace) continue;
        lastWasSpace = true;
      } else {
        lastWasSpace = false;
      }
      for (let k = 0; k < mapped.length; k++) out.push(mapped.charCodeAt(k), start, end);
    }
  };
  let i = 0;
  while (i < n) {
    const code = original.charCodeAt(i);
    const nextCode = i + 1 < n ? original.charCodeAt(i + 1) : 0;
    // Fast path: plain ASCII not followed by a combining mark (all marks are >= U+0300).
    if (code < 128 && nextCode < 0x300) {
      if (isAsciiSpace(code)) {
        if (!lastWasSpace) out.push(SPACE, i, i + 1);
        lastWasSpace = true;
      } else {
        out.push(code >= 65 && code <= 90 ? code + 32 : code, i, i + 1);
        lastWasSpace = false;
      }
      i++;
      continue;
    }
    // A base character with its combining marks, so NFKC can compose them.
    const first = String.fromCodePoint(original.codePointAt(i) ?? code);
    let end = i + first.length;
    while (end < n) {
      const cp = String.fromCodePoint(original.codePointAt(end) ?? 0);
      if (!COMBINING.test(cp)) break;
      end += cp.length;
    }
    const cluster = original.slice(i, end);
    const typographic = end - i === first.length ? mapTypographic(first) : undefined;
    emit(typographic ?? cluster.normalize("NFKC").toLowerCase(), i, end);
    i = end;
  }
  if (out.lastUnit() === SPACE) out.length--;
  return out.finish();
}

/** The normalized form alone (for quotes and claims, where no offsets are needed). */
export function normalizeText(original: string): string {
  return normalizeWithMap(original).text;
}

/** Original [start, end) covering normalized [nStart, nEnd); nEnd > nStart. */
export function mapToOriginal(normalized: NormalizedText, nStart: number, nEnd: number): { start: number; end: number } {
  return { start: normalized.origStart[nStart] ?? -1, end: normalized.origEnd[nEnd - 1] ?? -1 };
}
