import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeArticleFixture } from "../helpers/article-fixture.ts";
import { openReviewSession, startReview, type ReviewClient } from "../helpers/review-seed.ts";
import { runWikigen } from "../helpers/run-cli.ts";

// Issue 17 item 8: the reviewer-name form redirects to its `return_to` field. Only a path on this
// server may come back as the Location; anything a browser could resolve to another origin (`//host`,
// `/\host`, a tab or newline the URL parser drops, an absolute or `javascript:` URL) becomes `/`.
// Locations are resolved with the WHATWG URL parser, the algorithm browsers follow a redirect with.

describe("return_to of the reviewer-name form", () => {
  let dir: string;
  let review: Awaited<ReturnType<typeof startReview>>;
  let client: ReviewClient;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "wikigen-open-redirect-"));
    writeArticleFixture(dir);
    const seeded = await runWikigen(["generate", "demo-article"], { cwd: dir });
    if (seeded.code !== 0 && seeded.code !== 3) throw new Error(`seed generate failed (${seeded.code}): ${seeded.stderr}`);
    review = await startReview(dir);
    client = await openReviewSession(review.server.url);
  }, 60_000);

  afterAll(async () => {
    await review?.close();
  });

  const rename = (returnTo: string) => client.post("/session/reviewer", { reviewer: "rita", return_to: returnTo });
  const originOf = (location: string) => new URL(location, review.server.url).origin;

  it.each([
    ["//evil.example"],
    ["/\\evil.example"],
    ["/\\/evil.example"],
    ["\\\\evil.example"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["/\r\n/evil.example"],
    ["/ /evil.example"],
    ["https://evil.example/"],
    ["http:evil.example"],
    ["javascript:alert(1)"],
    ["%2F%2Fevil.example"],
    ["evil.example"],
    [""],
    ["/flags/1\\..\\..\\evil"],
    ["/\u0000//evil.example"],
    ["/\u00a0/evil.example"],
  ])("answers 303 to / for return_to %j, and still sets the name", async (returnTo) => {
    const answer = await rename(returnTo);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe("/");
    expect((await client.get("/")).text).toContain('value="rita"');
  });

  it("sent as an encoded form field, %2F%2Fevil decodes to //evil and is refused the same way", async () => {
    const response = await fetch(new URL("/session/reviewer", review.server.url), {
      method: "POST",
      headers: { cookie: client.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: `csrf=${encodeURIComponent(client.csrf)}&reviewer=rita&return_to=%2F%2Fevil.example`,
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
  });

  it.each([
    ["/"],
    ["/flags/3"],
    ["/flags/3?reason=quote_not_found&section=core-principles#focus"],
    ["/?decided=4"],
    // Still a path on this server: the encoded slashes are path characters, not an authority.
    ["/%2F%2Fevil.example"],
  ])("keeps the same-origin path %j as the Location", async (returnTo) => {
    const answer = await rename(returnTo);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(returnTo);
    expect(originOf(answer.location ?? "")).toBe(new URL(review.server.url).origin);
  });

  it("keeps the return_to the filtered queue page renders, so the form still leads back to it", async () => {
    const list = await client.get("/?reason=quote_not_found&section=core-principles");
    const rendered = (/name="return_to" value="([^"]*)"/.exec(list.text)?.[1] ?? "").replace(/&amp;/g, "&");
    expect(rendered).toMatch(/^\/\?.*reason=quote_not_found/);
    const answer = await rename(rendered);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(rendered);
  });
});
