// Bytes declared as HTML or plain text that are not text: an image, an archive or random junk saved as
// .html decodes (as Windows-1252) into a page of mojibake that the extractor would keep as "text".
// PDFs are binary by nature and are not looked at here.

/** More than this share of control or replacement characters is not text (real pages have ~0). */
const MAX_NON_TEXT_RATIO = 0.01;

// How a binary format starts, for the ones most likely to be saved or served under a text type. Only
// signatures no real text starts with; a format missing here is still caught by the ratios.
const MAGIC_NUMBERS: { name: string; bytes: number[] }[] = [
  { name: "a PDF document", bytes: [...Buffer.from("%PDF-")] },
  { name: "a PNG image", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: "a JPEG image", bytes: [0xff, 0xd8, 0xff] },
  { name: "a GIF image", bytes: [...Buffer.from("GIF87a")] },
  { name: "a GIF image", bytes: [...Buffer.from("GIF89a")] },
  { name: "a ZIP archive (or an Office document)", bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: "a gzip file", bytes: [0x1f, 0x8b, 0x08] },
  { name: "a 7-Zip archive", bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: "an ELF executable", bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: "a WebAssembly module", bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: "an old Office document (OLE)", bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
];

/**
 * Why `bytes`, decoded to `text`, are not text of a text type; undefined when they are. Looks at the
 * raw bytes for a binary format's signature, then at the decoded text for NUL characters and for the
 * share of C0/C1 control characters (tab, line feed, vertical tab, form feed and carriage return
 * excepted) and of U+FFFD (bytes the chosen charset could not decode).
 */
export function describeNonText(bytes: Buffer, text: string): string | undefined {
  const format = MAGIC_NUMBERS.find(({ bytes: magic }) => magic.every((byte, index) => bytes[index] === byte));
  if (format) return `not text: the bytes are ${format.name}`;
  if (text.length === 0) return undefined;
  let controls = 0;
  let replacements = 0;
  let nuls = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0) nuls++;
    if (code === 0xfffd) replacements++;
    else if ((code < 0x20 && !(code >= 0x09 && code <= 0x0d)) || (code >= 0x7f && code <= 0x9f)) controls++;
  }
  if (controls / text.length > MAX_NON_TEXT_RATIO) return `not text: ${formatPercent(controls / text.length)} control characters`;
  // Even one NUL: no text format has them (UTF-16 decodes them away), while binary formats are full of them.
  if (nuls > 0) return `not text: ${nuls} NUL character${nuls === 1 ? "" : "s"}`;
  if (replacements / text.length > MAX_NON_TEXT_RATIO) {
    return `not text: ${formatPercent(replacements / text.length)} of the characters could not be decoded (U+FFFD)`;
  }
  return undefined;
}

function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}
