import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { useIntegrationHarness } from "../helpers/integration-harness.ts";
import { answerFor, editPrompt, GUIDE_V1, sectionOf, SLUG } from "../helpers/regen-fixture.ts";
import { withoutModelReads } from "../helpers/fake-models-route.ts";

// Two real `wikigen regen` processes started together over one store: one does the work, the other
// exits at once with the lock message, and the store stays intact. Moved here from
// test/regen-lock.test.ts (issue 17: the hostile suite); the lease's unit tests stay there.

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function collectChild(child: ChildProcessWithoutNullStreams): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("two regen processes started together", () => {
  const harness = useIntegrationHarness({
    prefix: "wikigen-lock-",
    project: { kind: "regen", guide: GUIDE_V1 },
    fake: { responder: (request) => answerFor(sectionOf(request), 2) },
  });

  beforeAll(async () => {
    expect([0, 3]).toContain((await harness.wikigen(["generate", SLUG])).code);
    editPrompt(harness.dir, "evidence-base", (text) => text.replace(/^version: 2$/m, "version: 3"));
    // Slow answers keep the winner inside its lease while the other process starts and asks.
    harness.fake.setResponder((request) => ({ ...answerFor(sectionOf(request), 2), delayMs: 4_000 }));
  });

  it("lets one do the work while the other exits 1 with the lock message; the store stays intact", async () => {
    const { fake } = harness;
    const before = withoutModelReads(fake.requests).length;
    const runs = await Promise.all([collectChild(harness.spawnWikigen(["regen"])), collectChild(harness.spawnWikigen(["regen"]))]);
    const loser = runs.find((run) => run.code === 1);
    const winner = runs.find((run) => run !== loser);
    expect(loser?.stderr).toMatch(/^wikigen regen: another regen is running \(pid \d+ on .+, since .+; its lock expires at .+ unless renewed\): nothing done\n$/);
    expect(loser?.stdout).toBe("");
    expect([0, 3], `${winner?.stdout ?? ""}\n${winner?.stderr ?? ""}`).toContain(winner?.code);
    expect(winner?.stdout).toContain(`${SLUG} v2: drafted 1, carried 13, re-verified 0`);
    expect(withoutModelReads(fake.requests).slice(before).map(sectionOf)).toEqual(["evidence-base"]);

    const db = harness.openDb();
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.prepare("SELECT version FROM article_versions ORDER BY version").all()).toEqual([{ version: 1 }, { version: 2 }]);
    expect(db.prepare("SELECT command, trigger, status FROM runs WHERE command LIKE 'regen%'").all()).toEqual([{ command: "regen", trigger: "regen", status: "done" }]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM leases").get()).toEqual({ n: 0 });
    db.close();
  }, 60_000);
});
