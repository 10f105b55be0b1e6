import { describe, expect, it } from "vitest";
import { extractMainText } from "./extract-main-text.ts";

const LOREM =
  "Behavioural activation schedules rewarding activities so that mood follows action rather than " +
  "the other way round, and therapists review the plan with the client each week.";

function page(body: string, head = "<title>Behavioural activation</title>"): string {
  return `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
}

interface Case {
  name: string;
  html: string;
  expected: { title: string; text: string };
}

const cases: Case[] = [
  {
    name: "drops navigation, sidebar, footer and comments; keeps paragraphs in order",
    html: page(`
      <header><a href="/">Clinic home</a></header>
      <nav><ul><li><a href="/a">Therapies</a></li><li><a href="/b">Contact</a></li></ul></nav>
      <article>
        <h1>Behavioural activation</h1>
        <p>First: ${LOREM}</p>
        <p>Second: ${LOREM}</p>
      </article>
      <aside><p>Popular this week: an unrelated story about sleep.</p></aside>
      <div id="comments"><p>Great article, thanks for writing it!</p></div>
      <footer><p>Copyright 2024 Clinic. All rights reserved.</p></footer>`),
    expected: {
      title: "Behavioural activation",
      text: `First: ${LOREM}\n\nSecond: ${LOREM}`,
    },
  },
  {
    name: "keeps headings and list items as blocks",
    html: page(`<main><article>
      <p>${LOREM}</p>
      <h2>Core techniques</h2>
      <ul><li>Activity monitoring for one week.</li><li>Scheduling valued activities.</li></ul>
      <h3>Cautions</h3>
      <ol><li>Go slowly with severe anhedonia.</li></ol>
      <p>${LOREM}</p>
    </article></main>`),
    expected: {
      title: "Behavioural activation",
      text: [
        LOREM,
        "Core techniques",
        "Activity monitoring for one week.",
        "Scheduling valued activities.",
        "Cautions",
        "Go slowly with severe anhedonia.",
        LOREM,
      ].join("\n\n"),
    },
  },
  {
    name: "decodes entities and collapses inline whitespace",
    html: page(`<article><p>Fish &amp; chips&nbsp;&mdash; caf&eacute;   &#8220;quoted&#x201D;
      across\tlines &lt;tag&gt;. ${LOREM}</p></article>`),
    expected: {
      title: "Behavioural activation",
      text: `Fish & chips — café “quoted” across lines <tag>. ${LOREM}`,
    },
  },
  {
    name: "drops scripts, styles, noscript and hidden elements",
    html: page(`<article><script>var tracking = "script text";</script>
      <style>p { color: red }</style><noscript>Enable JavaScript</noscript>
      <p>${LOREM}</p><div style="display: none">Hidden teaser</div><p hidden>Hidden too</p>
    </article>`),
    expected: { title: "Behavioural activation", text: LOREM },
  },
  {
    name: "keeps table rows, blockquotes and preformatted text as blocks",
    html: page(`<article><p>${LOREM}</p>
      <table>
        <tr><th>Week</th><th>Goal</th></tr>
        <tr><td>1</td><td>Monitor   activity</td></tr>
      </table>
      <blockquote>I started walking again.</blockquote>
      <pre>score = sum(items)</pre></article>`),
    expected: {
      title: "Behavioural activation",
      text: [
        LOREM,
        "Week Goal",
        "1 Monitor activity",
        "I started walking again.",
        "score = sum(items)",
      ].join("\n\n"),
    },
  },
  {
    name: "drops share bars, related links and newsletter boxes inside the article",
    html: page(`<article>
      <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
      <p>${LOREM}</p>
      <p>Read more: <a href="/other">An unrelated story on sleep</a></p>
      <div class="newsletter-signup"><p>Get our weekly email for clinicians.</p></div>
      <p>${LOREM}</p>
      <h3>More stories</h3>
      <ul>
        <li><a href="/1">Story one about something</a></li>
        <li><a href="/2">Story two about more</a></li>
      </ul>
    </article>`),
    expected: { title: "Behavioural activation", text: `${LOREM}\n\n${LOREM}` },
  },
  {
    name: "reads XHTML with an XML prolog, self-closing tags and CDATA",
    html: `<?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"
        "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
      <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Grounding</title></head>
      <body><div id="content"><h1>Grounding</h1><div class="spacer"/><p>${LOREM}</p>
      <p>Name five things you can see.<br/>Then four you can touch.
        <![CDATA[Breathe <slowly>.]]></p>
      </div></body></html>`,
    expected: {
      title: "Grounding",
      text: `${LOREM}\n\nName five things you can see. Then four you can touch. Breathe <slowly>.`,
    },
  },
  {
    name: "reads malformed HTML as a browser would",
    html: `<html><body><div><p>Unclosed <b>bold <i>both</b> italic<p>${LOREM}</div></span></body`,
    expected: { title: "", text: `Unclosed bold both italic\n\n${LOREM}` },
  },
  {
    name: "gives empty strings for an empty body",
    html: "<html><head></head><body>   </body></html>",
    expected: { title: "", text: "" },
  },
  {
    name: "gives empty strings for an empty document",
    html: "",
    expected: { title: "", text: "" },
  },
  {
    name: "treats two line breaks in a row as a paragraph break",
    html: page(`<div class="entry"><b>Session one.</b> ${LOREM}<br><br>
      Session two. ${LOREM}<br>Line.</div>`),
    expected: {
      title: "Behavioural activation",
      text: `Session one. ${LOREM}\n\nSession two. ${LOREM} Line.`,
    },
  },
];

describe("extractMainText", () => {
  it.each(cases)("$name", ({ html, expected }) => {
    expect(extractMainText(html)).toEqual(expected);
  });

  it("gives the same text for the same page every time", () => {
    const html = cases[1]?.html ?? "";
    expect(extractMainText(html)).toEqual(extractMainText(html));
  });

  it("survives deeply nested markup", () => {
    const html = page(`${"<div>".repeat(3000)}<p>${LOREM}</p>${"</div>".repeat(3000)}`);
    expect(extractMainText(html)).toEqual({ title: "Behavioural activation", text: LOREM });
  });
});

interface TitleCase {
  name: string;
  head: string;
  body: string;
  expected: string;
}

const titleCases: TitleCase[] = [
  {
    name: "the <h1> when <title> is it plus a site name",
    head: "<title>Exposure therapy | Clinic Wiki</title>",
    body: "<h1>Exposure therapy</h1>",
    expected: "Exposure therapy",
  },
  {
    name: "the <h1> when the site name comes first",
    head: "<title>Clinic Wiki - Exposure therapy</title>",
    body: "<h1>Exposure Therapy</h1>",
    expected: "Exposure Therapy",
  },
  {
    name: "og:title over <title> when no <h1> matches",
    head: '<meta property="og:title" content="Exposure therapy explained"><title>Page 4</title>',
    body: "<h1>Clinic Wiki</h1>",
    expected: "Exposure therapy explained",
  },
  {
    name: "the <h1> that og:title names, not the site logo's",
    head: '<meta property="og:title" content="Exposure therapy — Clinic Wiki"><title>x</title>',
    body: "<h1>Clinic Wiki</h1><h1>Exposure therapy</h1>",
    expected: "Exposure therapy",
  },
  {
    name: "<title> unchanged when nothing matches it",
    head: "<title>Diabetes - Symptoms and causes - Mayo Clinic</title>",
    body: "<p>No heading here.</p>",
    expected: "Diabetes - Symptoms and causes - Mayo Clinic",
  },
  {
    name: "the <h1> when there is no declared title",
    head: "",
    body: "<h1> Exposure   therapy </h1>",
    expected: "Exposure therapy",
  },
];

describe("extractMainText title", () => {
  it.each(titleCases)("$name", ({ head, body, expected }) => {
    expect(extractMainText(page(`${body}<p>${LOREM}</p>`, head)).title).toBe(expected);
  });
});
