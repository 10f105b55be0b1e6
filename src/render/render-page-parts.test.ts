import { describe, expect, it } from "vitest";
import { breadcrumbOf, describeFigure, viewFigure, viewLinks, type ViewFigure } from "./page-parts.ts";
import { renderConceptFigureHtml, wrapLabel } from "./render-concept-figure.ts";
import { renderBreadcrumbHtml, renderBreadcrumbMarkdown, renderResourcesHtml, renderWatchHtml } from "./render-page-links.ts";

// The page parts that are not claims: breadcrumb, spec links and the concept figure's SVG.

const HOSTILE: ViewFigure = {
  kind: "hub",
  center: 'A & B <script>alert("x")</script>',
  items: ["Domain", "<img src=x onerror=alert(1)>", "Tom's \"practice\""],
  alt: "",
  origin: "model",
};
HOSTILE.alt = describeFigure(HOSTILE);

describe("breadcrumb", () => {
  const crumbs = breadcrumbOf({ type: "Social <learning> theory", discipline: ["Education", "Organisational learning"], subtype: "Framework & model" });

  it("is type, primary discipline and subtype", () => {
    expect(crumbs).toEqual([
      { facet: "type", value: "Social <learning> theory" },
      { facet: "discipline", value: "Education" },
      { facet: "subtype", value: "Framework & model" },
    ]);
    expect(breadcrumbOf({ type: "T", discipline: ["D"] })).toEqual([
      { facet: "type", value: "T" },
      { facet: "discipline", value: "D" },
    ]);
    expect(breadcrumbOf(null)).toEqual([]);
  });

  it("renders plain, escaped text", () => {
    const html = renderBreadcrumbHtml(crumbs);
    expect(html).not.toContain("<a ");
    expect(html).toContain("<span>Social &lt;learning&gt; theory</span>");
    expect(html).toContain("<span>Framework &amp; model</span>");
    expect(renderBreadcrumbMarkdown(crumbs, (text) => text.replace(/[<>]/g, (c) => `\\${c}`))).toBe("Social \\<learning\\> theory › Education › Framework & model");
    expect(renderBreadcrumbHtml([])).toBe("");
  });
});

describe("spec links", () => {
  it("show title and host, open with noopener noreferrer, and leave out a stored URL that is not http(s)", () => {
    const links = viewLinks([
      { title: "Talk <b>1</b>", url: "https://www.youtube.com/watch?v=a&t=2" },
      { title: "Old", url: "javascript:alert(1)" },
    ]);
    expect(links).toEqual([{ title: "Talk <b>1</b>", url: "https://www.youtube.com/watch?v=a&t=2", host: "youtube.com", kind: null }]);
    expect(renderWatchHtml(links)).toBe(
      '<span class="watch"><a href="https://www.youtube.com/watch?v=a&amp;t=2" rel="noopener noreferrer">Talk &lt;b&gt;1&lt;/b&gt;</a> <span class="link-host">(youtube.com)</span></span>',
    );
    const resources = renderResourcesHtml(viewLinks([{ title: "Guide", url: "http://nice.example.org/g", kind: "guideline" }]));
    expect(resources).toContain('<li data-kind="guideline"><span class="resource-kind">Guideline</span> <a href="http://nice.example.org/g" rel="noopener noreferrer">Guide</a> <span class="link-host">(nice.example.org)</span></li>');
  });
});

describe("concept figure", () => {
  it("describes a hub and a flow in one sentence", () => {
    expect(describeFigure({ kind: "hub", center: "CoP", items: ["Domain", "Community", "Practice"] })).toBe("Diagram: CoP at the centre, linked to Domain, Community and Practice.");
    expect(describeFigure({ kind: "flow", center: "A session", items: ["Check in", "Case", "Plan"] })).toBe("Diagram: A session, in order: 1. Check in; 2. Case; 3. Plan.");
  });

  it("escapes every label in the SVG text, its title and its alt text", () => {
    const html = renderConceptFigureHtml(HOSTILE, "figure-core");
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("A &amp; B &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("Tom&#39;s &quot;practice&quot;");
    const alt = /aria-label="([^"]*)"/.exec(html)?.[1];
    expect(alt).toBe(
      "Diagram: A &amp; B &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; at the centre, linked to Domain, &lt;img src=x onerror=alert(1)&gt; and Tom&#39;s &quot;practice&quot;.",
    );
    expect(html).toContain(`<title>${alt}</title>`);
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).not.toMatch(/<(?:image|use|a|foreignObject|script|img)\b/i);
  });

  it("is tagged LLM when the model proposed it, offline when the extractive provider built it", () => {
    expect(renderConceptFigureHtml(HOSTILE, "f")).toContain('class="tag tag-figure tag-llm"');
    expect(renderConceptFigureHtml({ ...HOSTILE, origin: "offline" }, "f")).toMatch(/class="tag tag-figure tag-offline"[^>]*>offline</);
  });

  it("draws one box per item, sized to the labels, and a flow with arrows in order", () => {
    const hub = renderConceptFigureHtml({ ...HOSTILE, items: ["a", "b", "c", "d", "e", "f", "g"] }, "f");
    expect(hub.match(/<g class="figure-item">/g)).toHaveLength(7);
    expect(hub.match(/<line /g)).toHaveLength(7);
    const flow = renderConceptFigureHtml({ kind: "flow", center: "Steps", items: ["One", "Two", "Three"], alt: "x", origin: "model" }, "f");
    expect([...flow.matchAll(/<tspan[^>]*>(\d\. \w+)<\/tspan>/g)].map((match) => match[1])).toEqual(["1. One", "2. Two", "3. Three"]);
    expect(flow.match(/<path /g)).toHaveLength(2);
    expect(wrapLabel("Legitimate peripheral participation", 18)).toEqual(["Legitimate", "peripheral", "participation"]);
  });

  it("reads a stored figure, and ignores one that does not parse", () => {
    expect(viewFigure(JSON.stringify({ kind: "hub", center: "C", items: ["a", "b", "c"] }), false)).toMatchObject({ origin: "model", alt: "Diagram: C at the centre, linked to a, b and c." });
    expect(viewFigure(JSON.stringify({ kind: "hub", center: "C", items: ["a", "b", "c"] }), true)?.origin).toBe("offline");
    expect(viewFigure("{not json", false)).toBeNull();
    expect(viewFigure(JSON.stringify({ kind: "pie" }), false)).toBeNull();
    expect(viewFigure(null, false)).toBeNull();
  });
});
