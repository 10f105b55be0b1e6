import type { IncomingMessage } from "node:http";

// Who may talk to a local server of wikigen (the review desk, the reader site): when bound to
// loopback, a request must name this server in its Host header, so a page on another site cannot
// reach it through DNS rebinding; a form post must come from this origin (or name none).

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The Host headers a loopback-bound server answers; undefined (any) when bound elsewhere. */
export function allowedHostsFor(host: string, port: number): Set<string> | undefined {
  if (!isLoopbackHost(host)) return undefined;
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return new Set([`${hostPart}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function isAllowedHost(allowed: Set<string> | undefined, req: IncomingMessage): boolean {
  return !allowed || allowed.has((req.headers.host ?? "").toLowerCase());
}

/** A form post from a page of this server: its Origin, when the browser sends one, is this server. */
export function isSameOriginRequest(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${req.headers.host ?? ""}`;
}
