import { describe, expect, it } from "vitest";
import { createRateLimiter, SYSTEM_CLOCK, type Clock } from "./rate-limiter.ts";

/** A clock whose sleeps advance time at once, so admission times are exact. */
function fakeClock(): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

const WIDE = { inputTokensPerMinute: 1e9, outputTokensPerMinute: 1e9, maxPauseMs: 60_000 };
const SMALL = { inputTokens: 1, outputTokens: 1 };

describe("createRateLimiter", () => {
  it("admits requests at the per-minute rate after a burst of one second's worth", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ ...WIDE, requestsPerMinute: 120 }, clock);
    const times: number[] = [];
    for (let index = 0; index < 5; index++) {
      await limiter.acquire(SMALL);
      times.push(clock.now());
    }
    // 2 per second: a bucket of 2, then one every 500 ms.
    expect(times).toEqual([0, 0, 500, 1000, 1500]);
    expect(limiter.stats().attempts).toBe(5);
  });

  it("admits concurrent waiters in arrival order", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ ...WIDE, requestsPerMinute: 60 }, clock);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((index) => limiter.acquire(SMALL).then(() => order.push(index))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(clock.now()).toBe(3000);
  });

  it("charges the output estimate up front and returns the unused part on settle", async () => {
    const clock = fakeClock();
    // 6,000 output tokens a minute = 100/s; each call is estimated at 1,000 (its max_tokens).
    const limiter = createRateLimiter({ ...WIDE, requestsPerMinute: 1e6, outputTokensPerMinute: 6_000 }, clock);
    const first = await limiter.acquire({ inputTokens: 0, outputTokens: 1_000 });
    expect(clock.now()).toBe(0);
    first.settle({ inputTokens: 0, outputTokens: 100 });
    await limiter.acquire({ inputTokens: 0, outputTokens: 1_000 });
    // Bucket 100 - 1000 + 900 = 0: waits 1 s for a full bucket's worth (min(cost, capacity) = 100).
    expect(clock.now()).toBe(1000);
    expect(limiter.stats().outputTokens).toBe(1_100);
  });

  it("wakes a waiter when an answer returns unused estimate, instead of sleeping out the debt", async () => {
    // The real clock: only an abort or the wake-up ends a sleep early.
    const clock = SYSTEM_CLOCK;
    const limiter = createRateLimiter({ ...WIDE, requestsPerMinute: 1e6, outputTokensPerMinute: 6_000 }, clock);
    const first = await limiter.acquire({ inputTokens: 0, outputTokens: 1_000 });
    const started = performance.now();
    const second = limiter.acquire({ inputTokens: 0, outputTokens: 1_000 });
    // The answer comes back 5 ms later, having used 10 tokens.
    setTimeout(() => first.settle({ inputTokens: 0, outputTokens: 10 }), 5);
    await second;
    // -900 + 990 = 90 -> still short of 100, waits 0.1 s of rate (100 ms), not the 9 s of the debt.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("without settle, an overestimated call holds the budget until refilled", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ ...WIDE, requestsPerMinute: 1e6, outputTokensPerMinute: 6_000 }, clock);
    await limiter.acquire({ inputTokens: 0, outputTokens: 1_000 });
    await limiter.acquire({ inputTokens: 0, outputTokens: 1_000 });
    // -900 must refill to 100: 10 s.
    expect(clock.now()).toBe(10_000);
  });

  it("release returns the token estimate but the request still counts", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ ...WIDE, requestsPerMinute: 60, inputTokensPerMinute: 600 }, clock);
    const ticket = await limiter.acquire({ inputTokens: 500, outputTokens: 1 });
    ticket.release();
    ticket.settle({ inputTokens: 500, outputTokens: 1 }); // a second correction is ignored
    await limiter.acquire({ inputTokens: 5, outputTokens: 1 });
    expect(clock.now()).toBe(1000); // the request bucket, not the 500 input tokens
    expect(limiter.stats().inputTokens).toBe(5);
  });

  it("pauses every waiter for retry-after, then resumes at the steady rate without a burst", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ ...WIDE, requestsPerMinute: 600 }, clock);
    await limiter.acquire(SMALL);
    limiter.pause(2_000, 429);
    const times: number[] = [];
    await Promise.all([0, 1, 2].map(() => limiter.acquire(SMALL).then(() => times.push(clock.now()))));
    // 10 per second; after the pause the drained bucket refills from empty: 100 ms apart.
    expect(times).toEqual([2100, 2200, 2300]);
    expect(limiter.stats()).toMatchObject({ rateLimited: 1, pauses: 1, pausedMs: 2000 });
  });

  it("caps a long retry-after and never shortens a pause already running", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ ...WIDE, requestsPerMinute: 6_000_000, maxPauseMs: 5_000 }, clock);
    limiter.pause(3_600_000, 429);
    limiter.pause(1_000, 529);
    await limiter.acquire(SMALL);
    expect(clock.now()).toBe(5_001); // the pause, then one interval of 6,000,000 a minute
    expect(limiter.stats()).toMatchObject({ rateLimited: 1, pauses: 1, pausedMs: 5_000 });
  });

  it("stops waiting when the caller aborts", async () => {
    const clock: Clock = { now: () => 0, sleep: (_ms, signal) => new Promise((_resolve, reject) => signal?.addEventListener("abort", () => reject(signal.reason))) };
    const limiter = createRateLimiter({ ...WIDE, requestsPerMinute: 60 }, clock);
    await limiter.acquire(SMALL);
    const controller = new AbortController();
    const waiting = limiter.acquire(SMALL, controller.signal);
    controller.abort(new Error("stopped"));
    await expect(waiting).rejects.toThrow("stopped");
  });
});

describe("createRateLimiter: pacing to the account's announced limits", () => {
  const NO_CEILINGS = { maxPauseMs: 60_000 };

  it("starts cautiously without ceilings, then paces to the first announced limits", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(NO_CEILINGS, clock);
    expect(limiter.stats().pace).toEqual({ requestsPerMinute: 50, inputTokensPerMinute: 30_000, outputTokensPerMinute: 8_000 });
    await limiter.acquire(SMALL);
    // 50 a minute: the next request would wait 1.2 s; the first answer announces 600 a minute.
    limiter.adopt({ requestsPerMinute: 600, inputTokensPerMinute: 2_000_000, outputTokensPerMinute: 400_000 });
    const times: number[] = [];
    for (let index = 0; index < 3; index++) {
      await limiter.acquire(SMALL);
      times.push(clock.now());
    }
    // The refilled units stay (a fraction of one request): no burst, 100 ms apart at 10 a second.
    expect(times).toEqual([100, 200, 300]);
    expect(limiter.stats()).toMatchObject({
      pace: { requestsPerMinute: 600, inputTokensPerMinute: 2_000_000, outputTokensPerMinute: 400_000 },
      announced: { requestsPerMinute: 600, inputTokensPerMinute: 2_000_000, outputTokensPerMinute: 400_000 },
    });
  });

  it.each([
    ["no ceiling, nothing announced: the cautious start", undefined, undefined, 50],
    ["a ceiling, nothing announced yet: the ceiling", 1_000, undefined, 1_000],
    ["no ceiling: the announced limit, above the cautious start", undefined, 4_000, 4_000],
    ["no ceiling: the announced limit, below the cautious start", undefined, 20, 20],
    ["a ceiling below the announced limit: the ceiling", 300, 4_000, 300],
    ["a ceiling above the announced limit: the announced limit", 5_000, 1_000, 1_000],
  ])("%s", (_name, ceiling, announced, expected) => {
    const limiter = createRateLimiter({ ...NO_CEILINGS, requestsPerMinute: ceiling }, fakeClock());
    if (announced !== undefined) limiter.adopt({ requestsPerMinute: announced });
    expect(limiter.stats().pace.requestsPerMinute).toBe(expected);
  });

  it("adopts each limit on its own: one missing from an answer keeps its pace", () => {
    const limiter = createRateLimiter({ ...NO_CEILINGS, outputTokensPerMinute: 90_000 }, fakeClock());
    limiter.adopt({ requestsPerMinute: 4_000 });
    limiter.adopt({ inputTokensPerMinute: 400_000, outputTokensPerMinute: 80_000 });
    limiter.adopt({ outputTokensPerMinute: 160_000 });
    expect(limiter.stats().pace).toEqual({ requestsPerMinute: 4_000, inputTokensPerMinute: 400_000, outputTokensPerMinute: 90_000 });
    expect(limiter.stats().announced).toEqual({ requestsPerMinute: 4_000, inputTokensPerMinute: 400_000, outputTokensPerMinute: 160_000 });
  });

  it("a lower announced limit takes back the burst the old rate allowed", async () => {
    const clock = fakeClock();
    // A ceiling of 600 a minute (a bucket of 10), but the account allows 60 (a bucket of 1).
    const limiter = createRateLimiter({ ...NO_CEILINGS, requestsPerMinute: 600 }, clock);
    await limiter.acquire(SMALL);
    limiter.adopt({ requestsPerMinute: 60 });
    await limiter.acquire(SMALL);
    await limiter.acquire(SMALL);
    expect(clock.now()).toBe(1_000);
  });

  it("wakes a waiter when the announced limit is higher, instead of sleeping out the cautious wait", async () => {
    // The real clock: only an abort or a wake-up ends a sleep early.
    const limiter = createRateLimiter(NO_CEILINGS, SYSTEM_CLOCK);
    await limiter.acquire(SMALL);
    const started = performance.now();
    const second = limiter.acquire(SMALL);
    // The first answer comes back 5 ms later; at 50 a minute the second would wait 1.2 s.
    setTimeout(() => limiter.adopt({ requestsPerMinute: 60_000 }), 5);
    await second;
    expect(performance.now() - started).toBeLessThan(600);
  });
});
