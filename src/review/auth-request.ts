import type { IncomingMessage } from "node:http";

// What a request says about where it came from. Behind a reverse proxy the TCP peer is the proxy, and
// the client's address, scheme and host arrive in X-Forwarded-For, -Proto and -Host. Anyone can send
// those headers, so they are read only when the configuration says a proxy is in front
// (review.trust_proxy); otherwise the socket's address, plain http and the Host header count.
// X-Forwarded-For is a list each proxy appends to: the LAST entry is the one the trusted proxy
// wrote (the address it saw); entries before it came from the client and may be invented.

export interface RequestOrigin {
  /** For rate limiting: the client's address. */
  address: string;
  /** "https" only when a trusted proxy says so (cookies then carry Secure). */
  proto: "http" | "https";
  /** Lower-cased host[:port] the browser addressed, for the Host and Origin checks. */
  host: string;
}

function lastListed(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(",") : value;
  const entries = (joined ?? "").split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  return entries[entries.length - 1];
}

function firstListed(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(",") : value;
  return (joined ?? "").split(",")[0]?.trim() || undefined;
}

export function readRequestOrigin(req: IncomingMessage, trustProxy: boolean): RequestOrigin {
  const socketAddress = req.socket.remoteAddress ?? "unknown";
  const host = (req.headers.host ?? "").toLowerCase();
  if (!trustProxy) return { address: socketAddress, proto: "http", host };
  const forwardedProto = firstListed(req.headers["x-forwarded-proto"])?.toLowerCase();
  return {
    address: lastListed(req.headers["x-forwarded-for"]) ?? socketAddress,
    proto: forwardedProto === "https" ? "https" : "http",
    host: firstListed(req.headers["x-forwarded-host"])?.toLowerCase() ?? host,
  };
}
