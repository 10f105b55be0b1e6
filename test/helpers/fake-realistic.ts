import type { FakeHandler, FakeResponse, RecordedRequest } from "./fake-anthropic.ts";
import { answerFromBody, bodyOf } from "./section-answer.ts";
import { seededRandom } from "./seeded-random.ts";

// A responder for the fake Messages API that behaves like the real one at scale: latency with
// jitter and injected faults. Usage, prompt caching included, is left to the fake itself
// (fake-prompt-cache.ts): answers here script none, except for the injected wrong answers. Rate
// limits are the fake's own too (`startFakeAnthropic({ rateLimits })`, fake-rate-limits.ts): they
// answer before this responder.

export type FaultKind = "500" | "529" | "reset" | "invalid_json" | "wrong_shape";

export interface RealisticOptions {
  latencyMs: [number, number];
  /** Share of requests answered with a fault instead, chosen with a seeded generator. */
  faultRate?: number;
  faults?: FaultKind[];
  seed?: number;
}

export interface RealisticStats {
  requests: number;
  answered: number;
  faults: Record<string, number>;
}

export function createRealisticResponder(options: RealisticOptions): { handle: FakeHandler; stats: RealisticStats } {
  const random = seededRandom(options.seed ?? 1);
  const stats: RealisticStats = { requests: 0, answered: 0, faults: {} };
  const faults = options.faults ?? ["500", "529", "reset", "invalid_json", "wrong_shape"];

  const handle = (request: RecordedRequest): FakeResponse => {
    stats.requests += 1;
    const [low, high] = options.latencyMs;
    const delayMs = Math.round(low + random() * (high - low));
    if (options.faultRate && random() < options.faultRate) {
      const fault = faults[Math.floor(random() * faults.length)] as FaultKind;
      stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
      if (fault === "500") return { kind: "error", status: 500, delayMs, message: "internal error (injected)" };
      if (fault === "529") return { kind: "error", status: 529, delayMs, message: "overloaded (injected)" };
      if (fault === "reset") return { kind: "reset", delayMs };
      const content = fault === "invalid_json" ? "{ not json" : { blocks: [{ kind: "paragraph", text: "no claims" }] };
      return { kind: "message", content, delayMs };
    }
    stats.answered += 1;
    return { kind: "message", content: answerFromBody(bodyOf(request)), delayMs };
  };
  return { handle, stats };
}
