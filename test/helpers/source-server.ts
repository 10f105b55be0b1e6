// A local web server with the awkward behaviours real source sites have (redirect chains and loops,
// flaky and rate-limited endpoints, stalls, oversized bodies, legacy charsets, PDFs), for tests of the
// sources stage. Listens on 127.0.0.1 with an ephemeral port; per-path state lives in one instance.

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { makePdf } from "./make-pdf.ts";

export const PAGE_ETAG = '"page-v1"';
export const PAGE_LAST_MODIFIED = "Wed, 01 Jan 2025 00:00:00 GMT";
/** /huge sends this many bytes in total unless the client hangs up first. */
export const HUGE_BODY_BYTES = 4 * 1024 * 1024;

export const PAGE_ARTICLE_PARAGRAPHS = [
  "Communities of practice are groups of people who share a concern or a passion for something they do and learn how to do it better as they interact regularly.",
  "The concept was introduced by Jean Lave and Etienne Wenger in 1991 to describe learning through legitimate peripheral participation, in which newcomers move toward full participation in the practice of a community.",
  "In clinical settings, peer consultation groups and supervision circles are often described as communities of practice because members negotiate shared standards, stories and tools over time.",
];

export const PDF_TITLE = "Situated Learning in Clinical Supervision";
export const PDF_PARAGRAPHS = [
  "Situated learning holds that knowledge is inseparable from the activity, context and culture in which it is developed and used.",
  "Supervision groups give newer clinicians a legitimate peripheral role: they observe case discussions, take on bounded tasks, and gradually assume responsibility for complex decisions.",
];

export interface RecordedRequest {
  /** Path with query string, as requested. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Arrival time, Date.now() milliseconds. */
  at: number;
}

export interface SourceServer {
  url(path: string): string;
  /** Requests received for this exact path (query string included). */
  hits(path: string): number;
  /** Most requests the server was handling at the same moment. */
  maxInFlight(): number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export async function startSourceServer(): Promise<SourceServer> {
  const hitCounts = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;
  const later = (ms: number, action: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };

  const pdf = makePdf({ title: PDF_TITLE, paragraphs: PDF_PARAGRAPHS });
  const routes: Record<string, Handler> = {
    "/page": (req, res) => servePage(req, res),
    "/redirect/1": (_req, res) => redirect(res, 302, "/redirect/2"),
    "/redirect/2": (req, res) => redirect(res, 301, `http://${req.headers.host}/page`),
    "/loop/a": (_req, res) => redirect(res, 302, "/loop/b"),
    "/loop/b": (_req, res) => redirect(res, 307, "/loop/a"),
    "/missing": (_req, res) => send(res, 404, "text/plain", "not here"),
    "/gone": (_req, res) => send(res, 410, "text/plain", "gone for good"),
    "/broken": (_req, res) => send(res, 503, "text/plain", "always down"),
    "/flaky": (_req, res, hit) =>
      hit === 1 ? send(res, 500, "text/plain", "try again") : send(res, 200, "text/plain", "flaky but fine"),
    "/limited": (_req, res, hit) =>
      hit === 1 ? send(res, 429, "text/plain", "slow down", { "retry-after": "1" }) : send(res, 200, "text/plain", "thanks for waiting"),
    "/limited-date": (_req, res, hit) =>
      hit === 1
        ? send(res, 429, "text/plain", "slow down", { "retry-after": new Date(Date.now() + 1000).toUTCString() })
        : send(res, 200, "text/plain", "thanks for waiting"),
    "/limited-long": (_req, res) => send(res, 429, "text/plain", "come back tomorrow", { "retry-after": "3600" }),
    "/slow": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.flushHeaders();
      res.write("<html><body><p>Loading");
    },
    "/huge": (_req, res) => streamHuge(res, false),
    "/huge-declared": (_req, res) => streamHuge(res, true),
    "/gzip": (_req, res) => {
      const html = articleHtml("Compressed page", PAGE_ARTICLE_PARAGRAPHS);
      send(res, 200, "text/html; charset=utf-8", gzipSync(html), { "content-encoding": "gzip" });
    },
    "/gzip-bomb": (_req, res) => {
      send(res, 200, "text/plain", gzipSync(Buffer.alloc(HUGE_BODY_BYTES, 0x61)), { "content-encoding": "gzip" });
    },
    "/gzip-corrupt": (_req, res) => {
      send(res, 200, "text/html", Buffer.from("this is not gzip data at all"), { "content-encoding": "gzip" });
    },
    "/image": (_req, res) => send(res, 200, "image/png", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex")),
    "/cp1252": (_req, res) => send(res, 200, "text/html; charset=windows-1252", cp1252Page(false)),
    "/cp1252-meta": (_req, res) => send(res, 200, "text/html", cp1252Page(true)),
    "/bom": (_req, res) =>
      send(res, 200, "text/html", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(articleHtml("Café notes", ["Naïve “smart” quotes – and more."]))])),
    "/doc.pdf": (_req, res) => send(res, 200, "application/pdf", pdf),
  };

  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    const hit = (hitCounts.get(path) ?? 0) + 1;
    hitCounts.set(path, hit);
    requests.push({ path, headers: req.headers, at: Date.now() });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on("close", () => {
      inFlight -= 1;
    });
    // A client that gives up mid-body makes writes fail; that is expected here.
    res.on("error", () => undefined);
    const pathname = new URL(path, "http://localhost").pathname;
    const delay = /^\/delay\/(\d+)$/.exec(pathname);
    if (delay !== null) {
      later(Number(delay[1]), () => send(res, 200, "text/plain", `waited ${delay[1]} ms`));
      return;
    }
    const handler = routes[pathname];
    if (handler === undefined) send(res, 404, "text/plain", `no route ${pathname}`);
    else handler(req, res, hit);
  });

  function streamHuge(res: ServerResponse, isDeclared: boolean): void {
    res.writeHead(200, { "content-type": "text/plain", ...(isDeclared ? { "content-length": String(HUGE_BODY_BYTES) } : {}) });
    const chunk = Buffer.alloc(16 * 1024, 0x78);
    let sent = 0;
    const pump = (): void => {
      while (sent < HUGE_BODY_BYTES && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once("drain", pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits: (path) => hitCounts.get(path) ?? 0,
    maxInFlight: () => maxInFlight,
    requests,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function servePage(req: IncomingMessage, res: ServerResponse): void {
  const validators = { etag: PAGE_ETAG, "last-modified": PAGE_LAST_MODIFIED };
  const ifNoneMatch = req.headers["if-none-match"];
  const ifModifiedSince = req.headers["if-modified-since"];
  // RFC 9110 §13.2.2: If-None-Match wins; If-Modified-Since only counts when it is absent.
  const isFresh =
    ifNoneMatch !== undefined
      ? ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === PAGE_ETAG || tag.trim() === "*")
      : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(PAGE_LAST_MODIFIED);
  if (isFresh) {
    res.writeHead(304, validators);
    res.end();
    return;
  }
  send(res, 200, "text/html; charset=utf-8", articleHtml("Communities of Practice", PAGE_ARTICLE_PARAGRAPHS), validators);
}

function redirect(res: ServerResponse, status: number, location: string): void {
  send(res, status, "text/plain", `see ${location}`, { location });
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, { "content-type": contentType, "content-length": String(bytes.length), ...headers });
  res.end(bytes);
}

export function articleHtml(title: string, paragraphs: string[], head = '<meta charset="utf-8">'): string {
  return [
    "<!doctype html>",
    `<html lang="en"><head>${head}<title>${title} | Example Clinical Wiki</title></head><body>`,
    '<header><nav><a href="/">Home</a> <a href="/topics">Topics</a> <a href="/about">About</a></nav></header>',
    `<main><article><h1>${title}</h1>`,
    ...paragraphs.map((paragraph) => `<p>${paragraph}</p>`),
    "</article></main>",
    "<footer><p>© 2025 Example Clinical Wiki. All rights reserved.</p></footer>",
    "</body></html>",
  ].join("\n");
}

/** “Smart” quotes and an en dash as Windows-1252 bytes (0x93, 0x94, 0x96), plus é (0xE9). */
function cp1252Page(isCharsetInMeta: boolean): Buffer {
  const head = isCharsetInMeta ? '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">' : "";
  const html = articleHtml("Caf\u00e9 supervision", ["The \u201cdecentred\u201d view of learning \u2013 participation first."], head);
  const bytes = Buffer.from(html.replace(/\u201c/g, "\x93").replace(/\u201d/g, "\x94").replace(/\u2013/g, "\x96"), "latin1");
  return bytes;
}
