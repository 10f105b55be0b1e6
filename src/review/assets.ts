// The review page's stylesheet and keyboard script, served as same-origin files so the
// Content-Security-Policy can forbid every inline script and style. The page works without the
// script: shortcuts only press the same buttons and follow the same links a mouse would.

export const REVIEW_CSS = `
:root { color-scheme: light; --quote: #ffe08a; --evidence: #cfe6ff; --line: #d8d8d8; --muted: #666; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: #1d1d1d; background: #fafafa; }
.top { display: flex; justify-content: space-between; align-items: center; padding: .5rem 1.25rem; background: #1f3a5f; color: #fff; }
.top a.brand { color: #fff; font-weight: 600; text-decoration: none; }
.top form { display: flex; gap: .4rem; align-items: center; }
main { padding: 1rem 1.25rem 2rem; max-width: 1400px; margin: 0 auto; }
h1 { font-size: 1.35rem; margin: .4rem 0; }
h2 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
.muted { color: var(--muted); }
.where { margin: 0 0 .6rem; color: #333; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin: .5rem 0; }
.filters label { display: flex; flex-direction: column; font-size: .85rem; }
table.flags { border-collapse: collapse; width: 100%; background: #fff; }
table.flags th, table.flags td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
table.flags td.num { text-align: right; }
table.flags a:focus { outline: 3px solid #1f6feb; }
.pager { display: flex; gap: 1rem; align-items: center; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr); gap: 1.5rem; }
.paragraph { background: #fff; border: 1px solid var(--line); padding: .6rem .8rem; }
sup.marker { color: #1f3a5f; font-size: .7rem; margin-left: .1rem; }
.claim.current { background: #ffd2cc; outline: 1px solid #d9534f; }
.claim.flagged:not(.current) { text-decoration: underline dotted #d9534f; }
dl.verdict, dl.source-meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem; margin: .5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
ol.citations { padding-left: 1.2rem; }
ol.citations li.shown { background: #f1f6ff; }
blockquote.cited-quote { margin: .3rem 0; padding: .3rem .6rem; border-left: 4px solid var(--quote); background: #fff; }
.source-text { max-height: 70vh; overflow: auto; border: 1px solid var(--line); background: #fff; }
.source-text pre { margin: 0; padding: .6rem .8rem; white-space: pre-wrap; overflow-wrap: anywhere; font: 14px/1.5 ui-monospace, monospace; }
mark.evidence { background: var(--evidence); }
mark.quote { background: var(--quote); }
mark.quote.evidence { background: var(--quote); box-shadow: inset 0 -3px 0 #4a90e2; }
.legend mark { padding: 0 .3rem; }
form.decide { display: flex; flex-direction: column; gap: .6rem; }
form.decide label { display: flex; flex-direction: column; }
form.decide textarea { font: inherit; }
.buttons { display: flex; gap: .5rem; flex-wrap: wrap; }
button { font: inherit; padding: .3rem .8rem; cursor: pointer; }
fieldset { border: 1px solid var(--line); }
kbd { border: 1px solid #999; border-bottom-width: 2px; border-radius: 3px; padding: 0 .3rem; font-size: .8rem; background: #f4f4f4; color: #222; }
.foot { padding: .3rem 1.25rem; font-size: .8rem; color: var(--muted); border-top: 1px solid var(--line); }
.notice { background: #e8f5e9; padding: .4rem .7rem; }
.warning, .refusal, .message { background: #fff3cd; padding: .4rem .7rem; }
.decided { background: #eef; padding: .2rem .7rem; }
.desk-nav { display: flex; gap: 1rem; }
.top .desk-nav a { color: #fff; }
.top .account { margin-right: .3rem; }
form.bulk { display: flex; gap: .5rem; align-items: center; margin: .5rem 0; }
form.login { display: flex; flex-direction: column; gap: .6rem; max-width: 22rem; }
form.login label { display: flex; flex-direction: column; }
form.assign { display: flex; gap: .5rem; align-items: end; }
ol.comments { padding-left: 1.2rem; }
li.comment { background: #fff; border: 1px solid var(--line); padding: .2rem .6rem; margin-bottom: .4rem; }
li.comment.resolved { opacity: .7; }
.comment-body { white-space: pre-wrap; }
code.secret { background: #fff; padding: .1rem .4rem; user-select: all; }
@media (max-width: 900px) { .columns { grid-template-columns: 1fr; } }
/* On a wide screen the flag page fits the window and its two columns scroll on their own, so the
   #focus fragment scrolls only the source panel and the claim and buttons stay in view. */
@media (min-width: 901px) {
  body.fit { height: 100vh; display: flex; flex-direction: column; overflow: hidden; }
  body.fit main { flex: 1; min-height: 0; width: 100%; display: flex; flex-direction: column; padding-bottom: .75rem; }
  body.fit .columns { flex: 1; min-height: 0; grid-template-rows: minmax(0, 1fr); }
  body.fit .left { overflow: auto; padding-right: .4rem; }
  body.fit .right, body.fit .right > section { display: flex; flex-direction: column; min-height: 0; }
  body.fit .source-text { flex: 1; min-height: 0; max-height: none; }
}
`;

export const REVIEW_JS = `"use strict";
(function () {
  function isTyping(target) {
    if (!(target instanceof HTMLElement)) return false;
    return target.isContentEditable || target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
  }
  function moveInList(step) {
    var links = Array.prototype.slice.call(document.querySelectorAll("[data-flag-link]"));
    if (links.length === 0) return false;
    var at = links.indexOf(document.activeElement);
    var next = links[Math.min(links.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
    next.focus();
    return true;
  }
  // One decision per page: a second key press while the first POST is in flight would only earn a 409.
  var isSubmitting = false;
  document.addEventListener("keydown", function (event) {
    if (isSubmitting || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    var key = event.key;
    if (key !== "j" && key !== "k" && key !== "a" && key !== "r") return;
    var target = document.querySelector('[data-shortcut="' + key + '"]');
    if (target instanceof HTMLButtonElement && target.form) {
      event.preventDefault();
      isSubmitting = true;
      target.form.requestSubmit(target);
    } else if (target instanceof HTMLAnchorElement) {
      event.preventDefault();
      window.location.assign(target.href);
    } else if ((key === "j" || key === "k") && moveInList(key === "j" ? 1 : -1)) {
      event.preventDefault();
    }
  });
  // The #focus fragment already brings the quote into the panel; centring it shows its context too.
  window.addEventListener("load", function () {
    var focus = document.getElementById("focus");
    var panel = focus && focus.closest(".source-text");
    if (!focus || !panel) return;
    var offset = focus.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
    panel.scrollTop = Math.max(0, offset - panel.clientHeight / 2 + focus.offsetHeight / 2);
  });
})();
`;
