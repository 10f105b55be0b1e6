// The page's only stylesheet, inlined so index.html is one self-contained file (no network, no
// script). Colours follow the look of a reference wiki; every state colour also has words beside it
// (flags say "Flagged", tags say "LLM"), so nothing is conveyed by colour alone.

export const ARTICLE_PAGE_CSS = `
:root { color-scheme: light; --ink: #202122; --muted: #54595d; --line: #c8ccd1; --link: #3366cc; --box: #f8f9fa;
  --warn-bg: #fef6e7; --warn-line: #edab00; --flag: #b32424; --flag-bg: #fee7e6; --example: #2a4b8d; --example-bg: #eaf3ff; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--link); }
a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 1rem; }
.site { border-bottom: 1px solid var(--line); background: var(--box); }
.site-inner, .page, .provenance-inner { max-width: 64rem; margin: 0 auto; padding: 0 1.25rem; }
.site-name { margin: 0; padding: .6rem 0 .2rem; color: var(--muted); font-size: .9rem; letter-spacing: .02em; }
.banner { margin: .4rem 0 .8rem; padding: .7rem 1rem; background: var(--warn-bg); border: 1px solid var(--warn-line); border-left-width: 6px; }
.banner strong { display: block; }
.banner p { margin: .2rem 0 0; font-size: .92rem; }
.mode { margin: 0 0 .8rem; font-size: .9rem; color: var(--muted); }
h1, h2 { font-family: Georgia, "Linux Libertine", "Times New Roman", serif; font-weight: normal; line-height: 1.25; }
h1 { font-size: 2.1rem; margin: 1.4rem 0 .2rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h2 { font-size: 1.5rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
.byline { margin: 0 0 1rem; color: var(--muted); font-size: .92rem; }
.lead { display: grid; grid-template-columns: minmax(0, 1fr) 19rem; gap: 1.5rem; align-items: start; }
.lead h2 { margin-top: .6rem; }
.infobox { background: var(--box); border: 1px solid var(--line); padding: .6rem .9rem; font-size: .9rem; }
.infobox h2 { font-size: 1.1rem; margin: .2rem 0 .5rem; text-align: center; }
.infobox dl { margin: 0; }
.infobox dt { font-weight: bold; margin-top: .5rem; }
.infobox dd { margin: 0; }
.infobox ul { margin: 0; padding-left: 1.1rem; }
.toc { display: inline-block; min-width: 18rem; margin: 1rem 0; padding: .5rem 1.2rem .6rem; background: var(--box); border: 1px solid var(--line); font-size: .92rem; }
.toc h2 { font-size: 1rem; font-family: inherit; font-weight: bold; border: 0; margin: .2rem 0; }
.toc ol { margin: 0; padding-left: 1.4rem; }
.claim-source sup, sup.marker { line-height: 0; }
.cite { position: relative; }
.cite a { text-decoration: none; padding: 0 .1em; }
.cite a:hover, .cite a:focus { text-decoration: underline; }
.cite-sep { color: var(--muted); }
.quote { display: none; position: absolute; left: -1rem; top: 1.4em; z-index: 5; width: min(26rem, 80vw); padding: .6rem .8rem;
  background: #fff; border: 1px solid var(--line); box-shadow: 0 4px 14px rgba(0, 0, 0, .18); font-size: .85rem; line-height: 1.45;
  color: var(--ink); white-space: normal; font-style: normal; text-align: left; }
.cite:hover .quote, .cite:focus-within .quote { display: block; }
.quote-source { display: block; font-weight: bold; margin-bottom: .2rem; }
.tag { display: inline-block; margin-left: .25em; padding: 0 .35em; border: 1px solid currentColor; border-radius: .25em;
  font-size: .68em; line-height: 1.5; font-weight: bold; letter-spacing: .04em; vertical-align: .2em; text-transform: uppercase; }
.tag-llm { color: #5a5f63; background: #eaecf0; }
.tag-example { color: var(--example); background: var(--example-bg); }
.marker-elaborated .tag-llm { padding: 0 .2em; border-radius: .2em; font-size: .9em; font-weight: bold; }
.infobox .evidence-basis { display: block; margin-top: .2rem; color: var(--muted); font-size: .85rem; }
.flag { display: inline; margin-left: .3em; padding: .05em .4em; background: var(--flag-bg); border: 1px solid var(--flag); border-radius: .2em;
  color: var(--flag); font-size: .85em; }
.claim.is-flagged { text-decoration: underline wavy var(--flag); text-decoration-thickness: 1px; text-underline-offset: .2em; }
.decision { margin-left: .3em; color: var(--muted); font-size: .85em; font-style: italic; }
.placeholder { padding: .6rem .9rem; border: 1px dashed var(--line); background: var(--box); color: var(--muted); font-style: italic; }
.placeholder.status-failed { border-color: var(--flag); color: var(--flag); }
.example { margin: 1rem 0; padding: .7rem 1rem; background: var(--example-bg); border: 1px solid #a3c2ef; border-left: 6px solid var(--example); }
.example figcaption { font-weight: bold; color: var(--example); font-size: .9rem; }
.example p { margin: .3rem 0 0; }
.table-wrap { overflow-x: auto; }
table.smart { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .95rem; }
table.smart caption { text-align: left; color: var(--muted); font-size: .9rem; padding-bottom: .3rem; }
table.smart th, table.smart td { border: 1px solid var(--line); padding: .45rem .6rem; vertical-align: top; text-align: left; }
table.smart th { background: #eaecf0; }
.questions li { margin-bottom: .3rem; }
.sources li { margin-bottom: .45rem; }
.sources li:target { background: var(--warn-bg); }
.tier { display: inline-block; margin-left: .3em; padding: 0 .35em; border: 1px solid var(--line); border-radius: .25em; font-size: .78em; color: var(--muted); }
.source-url { display: block; color: var(--muted); font-size: .82rem; word-break: break-all; }
.source-error { color: var(--flag); font-size: .88rem; }
.provenance { margin-top: 3rem; border-top: 1px solid var(--line); background: var(--box); font-size: .9rem; }
.provenance h2 { font-size: 1.15rem; margin-top: 1rem; }
.provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.2rem; margin: 0 0 1.5rem; }
.provenance dt { font-weight: bold; }
.provenance dd { margin: 0; }
.note { color: var(--muted); }
.breadcrumb { margin: 1.2rem 0 -.9rem; font-size: .88rem; color: var(--muted); }
.breadcrumb ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .1rem .45rem; }
.breadcrumb .sep { color: var(--line); }
.concept-figure { margin: .8rem 0 1.2rem; padding: .6rem; border: 1px solid var(--line); background: #fff; }
.concept-figure .figure-svg { display: block; width: 100%; max-width: 40rem; height: auto; margin: 0 auto; }
.concept-figure figcaption { font-size: .88rem; margin-top: .3rem; text-align: center; }
.tag-offline, .tag-template { color: #5a5f63; background: #fff; border-style: dashed; }
.template-note, .framing { margin: .4rem 0 0; font-size: .93rem; font-style: italic; color: var(--muted); }
.link-host { color: var(--muted); font-size: .88em; }
.resources li { margin-bottom: .35rem; }
.resource-kind { display: inline-block; min-width: 5.2rem; font-size: .8rem; font-weight: bold; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
@media (max-width: 48rem) { .lead { grid-template-columns: 1fr; } .provenance dl { grid-template-columns: 1fr; } }
@media print {
  @page { margin: 18mm 16mm; }
  body { font: 10.5pt/1.45 Georgia, "Times New Roman", serif; }
  .skip, .toc, .quote, .mode { display: none !important; }
  .site, .provenance { background: none; }
  .site-inner, .page, .provenance-inner { max-width: none; padding: 0; }
  .banner { border: 1.5pt solid #000; background: none; }
  .lead { display: block; }
  .infobox { margin: .5rem 0 1rem; break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .sources a[href]::after { content: " <" attr(href) ">"; word-break: break-all; }
  .source-url { display: none; }
  h2 { break-after: avoid; }
  figure, tr, .flag, .sources li { break-inside: avoid; }
  .resources a[href]::after { content: " <" attr(href) ">"; word-break: break-all; }
  .table-wrap { overflow: visible; }
  .flag, .tag { border-color: #000; color: #000; background: none; }
  .claim.is-flagged { text-decoration: underline; }
}
`;
