import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SourceFetchError, type SourceFetchErrorKind } from "../src/domain/errors.ts";
import { decodeText } from "../src/sources/decode-text.ts";
import { extractDocument } from "../src/sources/extract-document.ts";
import { fetchSource } from "../src/sources/fetch-source.ts";
import { HostQueues } from "../src/sources/host-queues.ts";
import type { FetchLimits } from "../src/sources/types.ts";
import { makePdf } from "./helpers/make-pdf.ts";
import {
  HUGE_BODY_BYTES,
  PAGE_ARTICLE_PARAGRAPHS,
  PAGE_ETAG,
  PAGE_LAST_MODIFIED,
  PDF_PARAGRAPHS,
  PDF_TITLE,
  startSourceServer,
  type SourceServer,
} from "./helpers/source-server.ts";

const LIMITS: FetchLimits = {
  connectTimeoutMs: 300,
  totalTimeoutMs: 2_000,
  maxBytes: 64 * 1024,
  maxRedirects: 5,
  userAgent: "wikigen-test/0.1 (+https://example.org/wikigen)",
  maxRetries: 2,
  retryBaseDelayMs: 10,
  maxRetryAfterMs: 2_000,
  perHostConcurrency: 2,
  // The file: tests read from a temporary folder.
  localRoots: [tmpdir()],
};

let server: SourceServer;
let tempDir: string;

beforeAll(async () => {
  server = await startSourceServer();
  tempDir = await mkdtemp(join(tmpdir(), "wikigen-fetch-"));
});

afterAll(async () => {
  await server.close();
  await rm(tempDir, { recursive: true, force: true });
});

function fetchWith(url: string, overrides: Partial<FetchLimits> = {}, conditional?: { etag?: string; lastModified?: string }) {
  const limits = { ...LIMITS, ...overrides };
  return fetchSource(
    conditional === undefined ? { url } : { url, conditional },
    { limits, hosts: new HostQueues({ perHostConcurrency: limits.perHostConcurrency }) },
  );
}

async function expectFetchError(
  promise: Promise<unknown>,
  expected: { kind: SourceFetchErrorKind; status?: number; message?: RegExp },
): Promise<SourceFetchError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SourceFetchError);
  const fetchError = error as SourceFetchError;
  expect({ kind: fetchError.kind, status: fetchError.status }).toEqual({ kind: expected.kind, status: expected.status });
  if (expected.message !== undefined) expect(fetchError.message).toMatch(expected.message);
  return fetchError;
}

describe("fetchSource over http", () => {
  it("fetches a page with its validators and sends the configured User-Agent", async () => {
    const page = await fetchWith(server.url("/page"));
    expect({ ...page, body: undefined }).toEqual({
      requestedUrl: server.url("/page"),
      finalUrl: server.url("/page"),
      status: 200,
      notModified: false,
      contentType: "text/html; charset=utf-8",
      body: undefined,
      etag: PAGE_ETAG,
      lastModified: PAGE_LAST_MODIFIED,
      attempts: 1,
      redirects: [],
    });
    expect(page.body.toString("utf8")).toContain(PAGE_ARTICLE_PARAGRAPHS[0]);
    const sent = server.requests.filter((request) => request.path === "/page").at(-1);
    expect(sent?.headers["user-agent"]).toBe(LIMITS.userAgent);
    expect(sent?.headers["if-none-match"]).toBeUndefined();
  });

  it("follows a redirect chain and records every hop", async () => {
    const page = await fetchWith(server.url("/redirect/1"));
    expect(page.finalUrl).toBe(server.url("/page"));
    expect(page.redirects).toEqual([server.url("/redirect/2"), server.url("/page")]);
    expect(page.status).toBe(200);
  });

  it("refuses a chain longer than maxRedirects", async () => {
    await expectFetchError(fetchWith(server.url("/redirect/1"), { maxRedirects: 1 }), {
      kind: "too_many_redirects",
      message: /more than 1 redirects/,
    });
  });

  it("detects a redirect loop", async () => {
    await expectFetchError(fetchWith(server.url("/loop/a")), { kind: "redirect_loop", message: /loop\/a/ });
    expect(server.hits("/loop/a")).toBe(1);
    expect(server.hits("/loop/b")).toBe(1);
  });

  it("reports 404 and 410 as http_status without retrying", async () => {
    await expectFetchError(fetchWith(server.url("/missing")), { kind: "http_status", status: 404, message: /HTTP 404/ });
    await expectFetchError(fetchWith(server.url("/gone")), { kind: "http_status", status: 410 });
    expect(server.hits("/missing")).toBe(1);
    expect(server.hits("/gone")).toBe(1);
  });

  it("retries a 500 and succeeds on the second attempt", async () => {
    const page = await fetchWith(server.url("/flaky"));
    expect({ status: page.status, attempts: page.attempts, body: page.body.toString() }).toEqual({
      status: 200,
      attempts: 2,
      body: "flaky but fine",
    });
    expect(server.hits("/flaky")).toBe(2);
  });

  it("gives up on a persistent 5xx after maxRetries retries", async () => {
    const error = await expectFetchError(fetchWith(server.url("/broken")), { kind: "http_status", status: 503 });
    expect(error.retryable).toBe(true);
    expect(server.hits("/broken")).toBe(1 + LIMITS.maxRetries);
  });

  it("waits as long as Retry-After (seconds) asks before retrying a 429", async () => {
    const started = Date.now();
    const page = await fetchWith(server.url("/limited"));
    const hits = server.requests.filter((request) => request.path === "/limited");
    expect({ status: page.status, attempts: page.attempts, hits: hits.length }).toEqual({ status: 200, attempts: 2, hits: 2 });
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("honours Retry-After given as an HTTP date", async () => {
    const page = await fetchWith(server.url("/limited-date"));
    expect({ status: page.status, attempts: page.attempts }).toEqual({ status: 200, attempts: 2 });
    expect(server.hits("/limited-date")).toBe(2);
  });

  it("fails at once when Retry-After exceeds maxRetryAfterMs", async () => {
    const started = Date.now();
    await expectFetchError(fetchWith(server.url("/limited-long")), {
      kind: "http_status",
      status: 429,
      message: /3600000 ms, longer than the 2000 ms allowed/,
    });
    expect(Date.now() - started).toBeLessThan(500);
    expect(server.hits("/limited-long")).toBe(1);
  });

  it("times out a response that stalls after its headers, retrying like a network error", async () => {
    const started = Date.now();
    await expectFetchError(fetchWith(server.url("/slow"), { totalTimeoutMs: 250, maxRetries: 1 }), {
      kind: "timeout",
      message: /within 250 ms/,
    });
    expect(server.hits("/slow")).toBe(2);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("times out a connection whose TLS handshake never completes (connect timeout)", async () => {
    const sockets = new Set<Socket>();
    const silent: TcpServer = createTcpServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const started = Date.now();
      const limits = { connectTimeoutMs: 200, totalTimeoutMs: 10_000, maxRetries: 0 };
      await expectFetchError(fetchWith(`https://127.0.0.1:${port}/`, limits), {
        kind: "timeout",
        message: /could not connect within 200 ms/,
      });
      // undici checks connect timeouts on a coarse (about 0.5 s) timer, so only "well before the total".
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it("aborts a body over the cap that has no Content-Length", async () => {
    await expectFetchError(fetchWith(server.url("/huge")), { kind: "too_large", message: /body exceeds 65536 bytes/ });
    expect(server.hits("/huge")).toBe(1);
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    await expectFetchError(fetchWith(server.url("/huge-declared")), {
      kind: "too_large",
      message: new RegExp(`declares ${HUGE_BODY_BYTES} bytes`),
    });
  });

  it("decompresses gzip bodies and applies the cap to the decompressed size", async () => {
    const page = await fetchWith(server.url("/gzip"));
    expect(server.requests.at(-1)?.headers["accept-encoding"]).toBe("gzip, br");
    expect(page.body.toString("utf8")).toContain(PAGE_ARTICLE_PARAGRAPHS[1]);
    await expectFetchError(fetchWith(server.url("/gzip-bomb")), { kind: "too_large", message: /body exceeds 65536 bytes/ });
    await expectFetchError(fetchWith(server.url("/gzip-corrupt")), { kind: "network", message: /corrupt gzip body \(Z_DATA_ERROR\)/ });
  });

  it("never runs more than perHostConcurrency requests at once against one host", async () => {
    const fresh = await startSourceServer();
    try {
      const hosts = new HostQueues({ perHostConcurrency: 2 });
      const limits = { ...LIMITS, perHostConcurrency: 2 };
      const paths = Array.from({ length: 6 }, (_, index) => `/delay/100?n=${index}`);
      const pages = await Promise.all(paths.map((path) => fetchSource({ url: fresh.url(path) }, { limits, hosts })));
      expect(pages.map((page) => page.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(fresh.maxInFlight()).toBe(2);
    } finally {
      await fresh.close();
    }
  });

  it("re-fetches conditionally: a matching ETag or date yields 304 and an empty body", async () => {
    const first = await fetchWith(server.url("/page"));
    const byEtag = await fetchWith(server.url("/page"), {}, { etag: first.etag!, lastModified: first.lastModified! });
    expect({ status: byEtag.status, notModified: byEtag.notModified, bytes: byEtag.body.length, etag: byEtag.etag }).toEqual({
      status: 304,
      notModified: true,
      bytes: 0,
      etag: PAGE_ETAG,
    });
    const sent = server.requests.filter((request) => request.path === "/page").at(-1);
    expect(sent?.headers["if-none-match"]).toBe(PAGE_ETAG);
    expect(sent?.headers["if-modified-since"]).toBe(PAGE_LAST_MODIFIED);

    const byDate = await fetchWith(server.url("/page"), {}, { lastModified: PAGE_LAST_MODIFIED });
    expect(byDate.notModified).toBe(true);
    const stale = await fetchWith(server.url("/page"), {}, { etag: '"page-v0"' });
    expect({ status: stale.status, notModified: stale.notModified }).toEqual({ status: 200, notModified: false });
    expect(stale.body.length).toBeGreaterThan(0);
  });

  it("classifies refused connections as network errors and bad input by kind", async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await expectFetchError(fetchWith(`http://127.0.0.1:${port}/`, { maxRetries: 1 }), { kind: "network" });
    expect(error.retryable).toBe(true);
    await expectFetchError(fetchWith("not a url"), { kind: "invalid_url" });
    await expectFetchError(fetchWith("ftp://example.org/file.txt"), { kind: "unsupported_scheme" });
  });

  it("stops when the caller aborts, with the caller's reason rather than a fetch error", async () => {
    const controller = new AbortController();
    const reason = new Error("batch cancelled");
    const hosts = new HostQueues({ perHostConcurrency: 1 });
    const pending = fetchSource({ url: server.url("/slow"), signal: controller.signal }, { limits: LIMITS, hosts });
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);

    // Also while sleeping out a Retry-After between attempts.
    const waiting = new AbortController();
    const started = Date.now();
    const backingOff = fetchSource({ url: server.url("/limited?abort"), signal: waiting.signal }, { limits: LIMITS, hosts });
    setTimeout(() => waiting.abort(reason), 100);
    await expect(backingOff).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(900);
    expect(server.hits("/limited?abort")).toBe(1);
  });
});

describe("fetched bytes through decoding and extraction", () => {
  it("decodes Windows-1252 from the header and from <meta>, and strips a UTF-8 BOM", async () => {
    const cases = [
      { path: "/cp1252", charset: "windows-1252", expected: "The “decentred” view of learning – participation first." },
      { path: "/cp1252-meta", charset: "windows-1252", expected: "The “decentred” view of learning – participation first." },
      { path: "/bom", charset: "utf-8", expected: "Naïve “smart” quotes – and more." },
    ];
    for (const testCase of cases) {
      const page = await fetchWith(server.url(testCase.path));
      const decoded = decodeText(page.body, page.contentType, "html");
      expect({ path: testCase.path, charset: decoded.charset, hasText: decoded.text.includes(testCase.expected) }).toEqual({
        path: testCase.path,
        charset: testCase.charset,
        hasText: true,
      });
      expect(decoded.text.startsWith("<!doctype html>")).toBe(true);
    }
  });

  it("extracts the PDF served at /doc.pdf and rejects the PNG at /image", async () => {
    const pdf = await fetchWith(server.url("/doc.pdf"));
    const document = await extractDocument({ bytes: pdf.body, contentType: pdf.contentType, url: pdf.finalUrl });
    expect({ kind: document.kind, title: document.title, extractor: document.extractor }).toEqual({
      kind: "pdf",
      title: PDF_TITLE,
      extractor: { id: "wikigen-pdf", version: "1.0.0" },
    });
    expect(document.text.split("\n\n")).toEqual([PDF_TITLE, ...PDF_PARAGRAPHS]);

    const image = await fetchWith(server.url("/image"));
    await expectFetchError(extractDocument({ bytes: image.body, contentType: image.contentType, url: image.finalUrl }), {
      kind: "unsupported_type",
      message: /image\/png/,
    });
  });
});

describe("fetchSource over file:", () => {
  it("reads files with a content type from the extension", async () => {
    const files = [
      { name: "a.html", body: "<p>html</p>", type: "text/html" },
      { name: "b.HTM", body: "<p>htm</p>", type: "text/html" },
      { name: "c.xhtml", body: "<html/>", type: "application/xhtml+xml" },
      { name: "d.txt", body: "plain", type: "text/plain" },
      { name: "e.pdf", body: makePdf({ title: "T", paragraphs: ["p"] }), type: "application/pdf" },
      { name: "f.docx", body: "zip", type: "application/octet-stream" },
    ];
    for (const file of files) {
      const path = join(tempDir, file.name);
      await writeFile(path, file.body);
      const url = pathToFileURL(path).href;
      const page = await fetchWith(url);
      expect({ ...page, body: page.body.equals(Buffer.from(file.body)) }).toEqual({
        requestedUrl: url,
        finalUrl: url,
        status: 200,
        notModified: false,
        contentType: file.type,
        body: true,
        etag: undefined,
        lastModified: undefined,
        attempts: 1,
        redirects: [],
      });
    }
  });

  it("reports a missing file as not_found and an oversized one as too_large", async () => {
    await expectFetchError(fetchWith(pathToFileURL(join(tempDir, "nope.html")).href), {
      kind: "not_found",
      message: /nope\.html/,
    });
    const big = join(tempDir, "big.txt");
    await writeFile(big, Buffer.alloc(LIMITS.maxBytes + 1, 0x61));
    await expectFetchError(fetchWith(pathToFileURL(big).href), { kind: "too_large", message: /65537 bytes, limit is 65536/ });
  });
});
