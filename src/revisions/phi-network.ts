// Web addresses and IP addresses. A URL in free text is refused when it identifies a person (a
// social profile, a personal page, a query naming someone), points at a photo, or is an IP address;
// the address of a published article (a DOI, PubMed, a journal, a guideline) passes. The same
// classification serves the sources list (see findPhiInSourceUrls in phi-guard.ts).
import { mentionsOnePerson, sentenceTextAt } from "./phi-context.ts";
import { matchAt, type PhiMatch, type PhiKind } from "./phi-finding.ts";
import type { PhiInput } from "./phi-text.ts";

/** http(s) and www. addresses, and bare host/path addresses such as instagram.com/name. */
const URL_PATTERN =
  /\b(?:https?:\/\/[^\s<>"'()]+|www\.[^\s<>"'()]+|(?:[a-z0-9-]+\.)+(?:com|net|org|io|me|co|uk|app|gl|blog|info|site)\/[^\s<>"'()]*)/gi;

const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]*\d)/g;
/** IPv6 with at least three colons and a hexadecimal group; a MAC address (six 2-digit groups) is a device identifier instead. */
const IPV6 = /(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?:[0-9a-f]{0,4}:?)*(?![\w:])/gi;
const MAC = /^(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i;

const SOCIAL_HOSTS =
  /(?:^|\.)(?:facebook\.com|fb\.com|instagram\.com|twitter\.com|x\.com|tiktok\.com|snapchat\.com|threads\.net|pinterest\.com|myspace\.com|vk\.com|onlyfans\.com)$/i;
/** Profile paths on hosts that also carry articles (LinkedIn posts, YouTube channels, Reddit users, Medium authors). */
const PROFILE_PATH = /(?:^|\/)(?:in|user|users|u|profile|profiles|people|member|members|author-profile|@[^/]+|~[^/]+)(?:\/|$)|about-?me/i;
/** Personal blog hosts: a subdomain there is a person's site. */
const PERSONAL_BLOG_HOSTS = /\.(?:wordpress\.com|blogspot\.com|tumblr\.com|wixsite\.com|weebly\.com|carrd\.co)$/i;
const PHOTO_HOSTS = /(?:^|\.)(?:imgur\.com|flickr\.com|photos\.app\.goo\.gl|photos\.google\.com|500px\.com|gravatar\.com)$/i;
const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|heic|heif|bmp|tiff?|avif)$/i;
const PHOTO_WORDS = /\b(?:photo\w*|pictures?|pics?|selfies?|headshots?|portraits?|face|faces|mugshots?|snapshots?)\b/i;
const PERSONAL_QUERY = /[?&](?:email|e-mail|name|patient|client|mrn|dob|user|uid|phone)=/i;

function hostOf(url: string): string {
  return url.replace(/^https?:\/\//i, "").split(/[/?#]/)[0]?.replace(/:\d+$/, "").toLowerCase() ?? "";
}

function isLoopbackAddress(host: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === "[::1]";
}

/** Why a URL identifies a person, or undefined for an ordinary address. */
export function classifyUrl(url: string): PhiKind | undefined {
  const trimmed = url.replace(/[.,;:!?]+$/, "");
  const host = hostOf(trimmed);
  const rest = trimmed.replace(/^https?:\/\//i, "").slice(host.length);
  const pathOnly = rest.split(/[?#]/)[0] ?? "";
  // A loopback address names this machine, no person: a source served locally (a test, a team's own
  // mirror) is not an identifier.
  if ((/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.startsWith("[")) && !isLoopbackAddress(host)) return "ip_address";
  if (IMAGE_FILE.test(pathOnly) || PHOTO_HOSTS.test(host)) return "photo_link";
  if (SOCIAL_HOSTS.test(host) && pathOnly.replace(/\/$/, "").length > 1) return "personal_url";
  if (PERSONAL_BLOG_HOSTS.test(host)) return "personal_url";
  if (PROFILE_PATH.test(pathOnly) || PERSONAL_QUERY.test(rest) || /@/.test(rest)) return "personal_url";
  return undefined;
}

export interface UrlSpan {
  start: number;
  end: number;
  url: string;
}

export function findUrlSpans(text: string): UrlSpan[] {
  return [...text.matchAll(URL_PATTERN)].map((m) => {
    const url = m[0].replace(/[.,;:!?]+$/, "");
    return { start: m.index, end: m.index + url.length, url };
  });
}

export function detectUrls(spans: UrlSpan[]): PhiMatch[] {
  const findings: PhiMatch[] = [];
  for (const span of spans) {
    const kind = classifyUrl(span.url);
    if (kind !== undefined) findings.push(matchAt(kind, span.start, span.end));
  }
  return findings;
}

/** IP addresses outside URLs (the text given has URLs blanked). */
export function detectIpAddresses(plain: string): PhiMatch[] {
  const findings: PhiMatch[] = [];
  for (const m of plain.matchAll(IPV4)) {
    const before = plain.slice(Math.max(0, m.index - 10), m.index);
    if (/\bv(?:ersion)?\.?\s*$/i.test(before)) continue;
    findings.push(matchAt("ip_address", m.index, m.index + m[0].length));
  }
  for (const m of plain.matchAll(IPV6)) {
    const value = m[0];
    if (MAC.test(value) || (value.match(/:/g) ?? []).length < 3 || !/[0-9a-f]{3}/i.test(value)) continue;
    findings.push(matchAt("ip_address", m.index, m.index + value.length));
  }
  return findings;
}

/** Photo files named in the text without a URL (IMG_2024_headshot.png), in a sentence about a person or
 *  a photo: "see figure1.png for the CONSORT diagram" passes. */
export function detectPhotoFiles(input: PhiInput): PhiMatch[] {
  const { plain, view } = input;
  const pattern = /\b[\w-]+\.(?:jpe?g|png|gif|webp|heic|heif|bmp|tiff?|avif)\b/gi;
  const matches: PhiMatch[] = [];
  for (const m of plain.matchAll(pattern)) {
    const sentence = sentenceTextAt(view, m.index);
    if (mentionsOnePerson(sentence) || PHOTO_WORDS.test(sentence)) matches.push(matchAt("photo_link", m.index, m.index + m[0].length));
  }
  return matches;
}
