// Where the reviewer-name form may send the browser back to. Its `return_to` field comes from the
// request, so it is attacker-controlled: `/\evil.example` passes a naive "starts with one slash"
// test, yet browsers treat `\` as `/` and resolve it to http://evil.example/ (issue 17). The
// WHATWG URL parser also drops tabs and newlines, so `/\t/evil` becomes `//evil`.

const PROBE_ORIGIN = "http://x";

/** `value` when it is a path on this server (absolute, no authority, nothing a browser rewrites); else "/". */
export function toSameOriginPath(value: string | null | undefined): string {
  if (typeof value !== "string") return "/";
  if (!value.startsWith("/") || value.startsWith("//")) return "/";
  // Backslashes, controls and any whitespace: the characters browsers ignore or reinterpret.
  if (/[\\\s\u0000-\u001f\u007f-\u009f]/.test(value)) return "/";
  let parsed: URL;
  try {
    parsed = new URL(value, PROBE_ORIGIN);
  } catch {
    return "/";
  }
  return parsed.origin === PROBE_ORIGIN ? value : "/";
}
