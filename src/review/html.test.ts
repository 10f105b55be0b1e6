import { describe, expect, it } from "vitest";
import { escapeHtml, html, SafeHtml } from "./html.ts";

describe("html", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    [`" onmouseover='x' a="`, "&quot; onmouseover=&#39;x&#39; a=&quot;"],
    ["Tom & Jerry", "Tom &amp; Jerry"],
    ["plain", "plain"],
  ])("escapes %j", (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it("escapes interpolated strings in content and attributes, keeps SafeHtml and flattens arrays", () => {
    const evil = `"><img src=x onerror=alert(1)>`;
    const out = html`<a title="${evil}">${evil}</a>${[html`<b>${"<i>"}</b>`, 3, null, false, undefined]}${new SafeHtml("<br>")}`;
    expect(out.value).toBe(
      `<a title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</a><b>&lt;i&gt;</b>3<br>`,
    );
  });
});
