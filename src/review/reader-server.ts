import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { BodyError, listenOn, readForm, send, sendHtml } from "./http-io.ts";
import { renderReaderMessage, renderSuggestForm, type FormSection, type FormValues } from "./reader-form.ts";
import { createRateLimiter } from "./reader-rate-limit.ts";
import { allowedHostsFor, isAllowedHost, isSameOriginRequest } from "./request-guard.ts";
import { createSessionStore } from "./sessions.ts";

// `wikigen serve`: the published pages for readers (files of a folder, as `render --publish` and
// `site` write them), each article page with a "Suggest a revision" form. The form posts back here and
// is protected as the review desk's forms are (session cookie + CSRF token, Origin and Host checks),
// and rate-limited per client address. What a suggestion becomes is the caller's `submit`.

export interface ReaderSubmission {
  article: string;
  section: string;
  change: string;
  sources: string[];
  email: string;
  credit: string;
  name?: string;
}

export type SubmitOutcome = { kind: "accepted"; id: number } | { kind: "refused"; reason: string };

export interface ReaderServerOptions {
  siteDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The article's sections for the form; undefined when the store has no such article (no form then). */
  sectionsOf(slug: string): FormSection[] | undefined;
  submit(submission: ReaderSubmission): Promise<SubmitOutcome>;
  /** Posts per client address and window (default 5 an hour). */
  rateLimit?: { max: number; windowMs: number };
  log?: (line: string) => void;
}

export interface ReaderServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Rendered article pages carry inline styles; pages of `wikigen site` load the site's stylesheet and
 * Pagefind's search (scripts, WebAssembly and index files from this origin). Nothing from another
 * origin may load, and forms post only here.
 */
const PAGE_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'self'; frame-ancestors 'none'";
const ARTICLE_META = /<meta name="wikigen-article" content="([a-z0-9-]+)">/;
const BASE_TAG = /<base\s[^>]*>/i;

/** The page with `<base href="/">` (replacing one it had, e.g. the public --base-url of the site). */
function withRootBase(htmlText: string): string {
  if (BASE_TAG.test(htmlText)) return htmlText.replace(BASE_TAG, '<base href="/">');
  return htmlText.replace(/<head>/i, '<head>\n<base href="/">');
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".pf_meta": "application/octet-stream",
};

export async function startReaderServer(options: ReaderServerOptions): Promise<ReaderServer> {
  const sessions = createSessionStore("reader", { cookie: "wikigen_reader" });
  const limiter = createRateLimiter(options.rateLimit ?? { max: 5, windowMs: 60 * 60_000 });
  const log = options.log ?? (() => undefined);
  const root = path.resolve(options.siteDir);
  let allowedHosts: Set<string> | undefined;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`serve: ${req.method ?? "?"} ${req.url ?? "?"} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, "internal error\n", { "content-type": "text/plain; charset=utf-8" });
      else res.destroy();
    });
  });
  const text = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => send(res, status, body, { "content-type": "text/plain; charset=utf-8", ...headers });
  const page = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => sendHtml(res, status, body, { "content-security-policy": PAGE_CSP, ...headers });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(allowedHosts, req)) return text(res, 403, "unexpected Host header\n");
    const url = new URL(req.url ?? "/", "http://reader.invalid");
    if (req.method === "POST" && url.pathname === "/suggest") return handleSuggest(req, res);
    if (req.method !== "GET" && req.method !== "HEAD") return text(res, 405, "method not allowed\n", { allow: "GET, HEAD, POST" });
    const file = await resolveFile(url.pathname);
    if (!file) return notFound(res);
    const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
    if (!type.startsWith("text/html")) {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": type, "content-length": String(body.length), "x-content-type-options": "nosniff" });
      res.end(req.method === "HEAD" ? undefined : body);
      return;
    }
    const { session, isNew } = sessions.resolve(req.headers.cookie);
    const body = withForm(await readFile(file, "utf8"), session.csrfToken);
    page(res, 200, body, isNew ? { "set-cookie": sessions.cookieFor(session) } : {});
  }

  /** The file a path names inside the site folder (a folder's index.html), or undefined; never outside it. */
  async function resolveFile(pathname: string): Promise<string | undefined> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    if (decoded.includes("\0")) return undefined;
    const target = path.resolve(root, `.${path.posix.normalize(decoded)}`);
    if (target !== root && !target.startsWith(root + path.sep)) return undefined;
    try {
      const info = await stat(target);
      if (info.isFile()) return target;
      if (!info.isDirectory()) return undefined;
      const index = path.join(target, "index.html");
      return (await stat(index)).isFile() ? index : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * A missing path: the site's own 404.html when the folder has one (`wikigen site` writes it), with
   * a <base> of this server's root so its relative links resolve at any depth; else plain text.
   */
  async function notFound(res: ServerResponse): Promise<void> {
    const notFoundPage = await resolveFile("/404.html");
    if (!notFoundPage) return text(res, 404, "not found\n");
    page(res, 404, withRootBase(await readFile(notFoundPage, "utf8")));
  }

  /** Where the article's page is: `<slug>/index.html` (render --publish) or `articles/<slug>.html` (wikigen site). */
  async function articlePagePath(slug: string): Promise<string | undefined> {
    for (const candidate of [`/${slug}/`, `/articles/${slug}.html`]) if (await resolveFile(candidate)) return candidate;
    return undefined;
  }

  /** The page with the form before the end of <main> (else of <body>), when it is an article page. */
  function withForm(htmlText: string, csrfToken: string, extra: { values?: FormValues; refusal?: string } = {}): string {
    const slug = ARTICLE_META.exec(htmlText)?.[1];
    const sections = slug ? options.sectionsOf(slug) : undefined;
    if (!slug || !sections) return htmlText;
    const form = renderSuggestForm({ slug, sections, csrfToken, ...extra }).value;
    const anchor = htmlText.lastIndexOf("</main>") >= 0 ? htmlText.lastIndexOf("</main>") : htmlText.lastIndexOf("</body>");
    return anchor < 0 ? htmlText + form : `${htmlText.slice(0, anchor)}${form}\n${htmlText.slice(anchor)}`;
  }

  async function handleSuggest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const address = req.socket.remoteAddress ?? "unknown";
    const wait = limiter.take(address);
    if (wait > 0) {
      return page(res, 429, renderReaderMessage({ title: "Too many suggestions", message: `This address has sent the most suggestions allowed for now; try again in ${Math.ceil(wait / 60)} minute(s). Nothing was stored.`, back: undefined }), { "retry-after": String(wait) });
    }
    let form: URLSearchParams;
    try {
      form = await readForm(req);
    } catch (error) {
      if (error instanceof BodyError) return text(res, error.status, `${error.message}\n`);
      throw error;
    }
    const session = sessions.find(req.headers.cookie);
    if (!session || !isSameOriginRequest(req) || !sessions.isTokenValid(session, form.get("csrf"))) {
      const message = "This request did not carry this page's form token (the page may be from an earlier server run, or from another site). Nothing was stored; reload the page and try again.";
      return page(res, 403, renderReaderMessage({ title: "Forbidden", message, back: undefined }));
    }
    const article = form.get("article") ?? "";
    const credit = form.get("credit") ?? "";
    const submission: ReaderSubmission = {
      article,
      section: form.get("section") ?? "",
      change: form.get("change") ?? "",
      sources: (form.get("sources") ?? "").split(/\s+/).filter((url) => url !== ""),
      email: form.get("email") ?? "",
      credit,
      ...(credit === "name" ? { name: form.get("name") ?? "" } : {}),
    };
    const outcome = await options.submit(submission);
    const back = /^[a-z0-9-]+$/.test(article) ? await articlePagePath(article) : undefined;
    if (outcome.kind === "accepted") {
      const message = `Suggestion #${outcome.id} was received. We will email you a receipt, then the drafted revision, then the reviewer's decision.`;
      return page(res, 200, renderReaderMessage({ title: "Thank you", message, back }));
    }
    // Back to the article with what was typed, so nothing needs typing again, and why it was refused.
    const articlePage = back ? await resolveFile(back) : undefined;
    const values: FormValues = { section: submission.section, change: submission.change, sources: submission.sources.join("\n"), email: submission.email, credit, name: form.get("name") ?? "" };
    if (articlePage) return page(res, 422, withForm(await readFile(articlePage, "utf8"), session.csrfToken, { values, refusal: outcome.reason }));
    return page(res, 422, renderReaderMessage({ title: "Not stored", message: outcome.reason, back }));
  }

  const port = await listenOn(server, options.port, options.host);
  allowedHosts = allowedHostsFor(options.host, port);
  const hostPart = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostPart}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
