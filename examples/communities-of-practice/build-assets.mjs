#!/usr/bin/env node
// Rebuilds the two generated source documents of the example article:
//
//   supervision-peer-consultation.html  a Windows-1252 page (curly quotes, dashes, accented letters
//                                       written as single cp1252 bytes), from the UTF-8 text below
//   landscapes-of-practice-boundaries.pdf  a PDF with a real text layer, built by build-pdf.ts with
//                                       the test helper test/helpers/make-pdf.ts (run through tsx)
//
// Usage, from the repository root:   node examples/communities-of-practice/build-assets.mjs
// Both outputs are deterministic, so rebuilding unchanged text gives byte-identical files.

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

// Unicode characters that Windows-1252 places in 0x80..0x9F (where Latin-1 has control codes).
const CP1252_HIGH = new Map([
  ["€", 0x80], ["‚", 0x82], ["ƒ", 0x83], ["„", 0x84], ["…", 0x85], ["†", 0x86], ["‡", 0x87],
  ["ˆ", 0x88], ["‰", 0x89], ["Š", 0x8a], ["‹", 0x8b], ["Œ", 0x8c], ["Ž", 0x8e], ["‘", 0x91],
  ["’", 0x92], ["“", 0x93], ["”", 0x94], ["•", 0x95], ["–", 0x96], ["—", 0x97], ["˜", 0x98],
  ["™", 0x99], ["š", 0x9a], ["›", 0x9b], ["œ", 0x9c], ["ž", 0x9e], ["Ÿ", 0x9f],
]);

/** Encodes text as Windows-1252 bytes; a character the code page lacks is an error, not a "?". */
export function encodeCp1252(text) {
  const bytes = [];
  let line = 1;
  for (const char of text) {
    const code = char.codePointAt(0);
    if (char === "\n") line += 1;
    const high = CP1252_HIGH.get(char);
    if (high !== undefined) bytes.push(high);
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else throw new Error(`line ${line}: ${JSON.stringify(char)} (U+${code.toString(16).toUpperCase().padStart(4, "0")}) has no Windows-1252 byte`);
  }
  return Buffer.from(bytes);
}

/** Decodes Windows-1252 bytes with the table above (bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D map to U+0081 etc.). */
export function decodeCp1252(bytes) {
  const byByte = new Map([...CP1252_HIGH].map(([char, byte]) => [byte, char]));
  let text = "";
  for (const byte of bytes) text += byByte.get(byte) ?? String.fromCharCode(byte);
  return text;
}

const SUPERVISION_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="windows-1252">
<title>Learning to Be a Therapist Together: Supervision, Peer Consultation and Communities of Practice – The Reflective Practitioner</title>
<meta name="generator" content="WordPress 4.9.8">
<link rel="stylesheet" id="twentyseventeen-style-css" href="/wp-content/themes/reflective/style.css" type="text/css" media="all">
<script type="text/javascript" src="/wp-includes/js/jquery/jquery.js"></script>
</head>
<body class="post-template-default single single-post">
<div id="page" class="site">

<div id="cookie-law-info-bar" class="cookie-law-info-bar">
  <span>This website uses cookies to improve your experience. We’ll assume you’re OK with this, but you can opt out if you wish.</span>
  <a href="#" class="cli_action_button">Accept</a> <a href="/privacy-policy/" class="cli-plugin-main-link">Read more</a>
</div>

<div id="masthead" class="site-header" role="banner">
  <div class="site-branding">
    <p class="site-title"><a href="/" rel="home">The Reflective Practitioner</a></p>
    <p class="site-description">Notes on supervision, training and professional life for therapists</p>
  </div>
  <div id="site-navigation" class="main-navigation" role="navigation">
    <ul id="top-menu" class="menu">
      <li class="menu-item"><a href="/">Home</a></li>
      <li class="menu-item"><a href="/category/supervision/">Supervision</a></li>
      <li class="menu-item"><a href="/category/training/">Training</a></li>
      <li class="menu-item"><a href="/category/ethics/">Ethics</a></li>
      <li class="menu-item"><a href="/category/self-care/">Self-care</a></li>
      <li class="menu-item"><a href="/about/">About</a></li>
    </ul>
  </div>
</div>

<p class="breadcrumbs" id="breadcrumbs"><span><a href="/">Home</a> » <a href="/category/supervision/">Supervision</a> » <span class="breadcrumb_last">Learning to be a therapist together</span></span></p>

<div id="content" class="site-content">
<div id="primary" class="content-area">
<div id="main" class="site-main" role="main">
<div id="post-1187" class="post-1187 post type-post status-publish format-standard">
<div class="entry-header">
<h1 class="entry-title">Learning to Be a Therapist Together: Supervision, Peer Consultation and Communities of Practice</h1>
<div class="entry-meta"><span class="posted-on">Posted in <a href="/category/supervision/">Supervision</a></span> · <span class="byline">by a clinical supervisor and trainer</span></div>
</div>

<div class="entry-content">
<p>Most therapists can name the people who taught them how to do the work: not only the lecturers on their training course, but the supervisor who sat with their doubts, the colleague who shared a handout at the right moment, and the peer group that helped them think about a stuck case. Jean Lave and Etienne Wenger’s idea of a “community of practice” gives a useful language for this kind of learning. This post looks at how the idea applies to therapist training, clinical supervision and peer consultation – and at the cautions that come with it.</p>

<h2>Trainees as newcomers</h2>
<p>In Lave and Wenger’s 1991 account, newcomers become full practitioners through “legitimate peripheral participation”: they take part in real work from the start, beginning at the edges with limited responsibility, and move towards the centre as their competence grows. Therapist training follows this pattern closely. A trainee on placement begins by observing assessments, co-facilitating groups or seeing a small number of carefully chosen clients, and gradually takes on more complex cases and more independent decisions.</p>
<p>The theory also explains what goes wrong on some placements. When trainees are kept at administrative tasks, or allowed to watch but never to act, they are peripheral without being legitimate participants in the practice. When trainees are given complex cases too early, without support, they are treated as full participants before they have had the chance to learn. Good placements get the balance right, and they make the trainee’s growing responsibility visible and explicit.</p>
<p>Becoming a therapist is also a change of identity. Trainees often describe a period of feeling like an impostor, caught between their previous professional self and a therapist self that does not yet feel real. Wenger’s 1998 book argued that learning always involves becoming a certain kind of person, and that identity develops through participation in communities. Seen this way, a trainee’s self-doubt is not simply a lack of confidence to be fixed, but a normal part of moving along an inbound trajectory into a new profession.</p>

<h2>Where clinical supervision fits</h2>
<p>Clinical supervision is the main formal structure through which therapists learn the practice. Brigid Proctor’s widely used 1986 model describes three functions of supervision: a normative function concerned with standards, ethics and accountability; a formative function concerned with developing skills and understanding; and a restorative function concerned with supporting the supervisee emotionally. All three functions have a parallel in communities of practice, where members hold each other to shared standards, learn from each other and support each other.</p>
<p>Supervision and a community of practice are nevertheless different things. Supervision is usually a defined relationship with an agreed contract, often with a power difference, and in training it frequently includes evaluation and gatekeeping. A community of practice is a voluntary group of peers who share a domain and learn together over time, and nobody in it holds formal authority to pass or fail another member. The two work best together: supervision provides accountability and individual attention, while a community of practice provides breadth, diversity of perspectives and a sense of belonging to the profession.</p>
<p>Group supervision sits between the two. A group of trainees who are supervised together over a year often develops a shared repertoire of phrases, jokes, stories of memorable cases and ways of thinking about clients. Supervisors can encourage this by inviting trainees to respond to each other’s cases before offering their own view, which builds the peer learning that will continue after training ends.</p>

<blockquote><p>“I learned more about working with shame in one year of our Thursday peer group than in any course I took,” one experienced counsellor told us. “Not because anyone taught it, but because we kept bringing the cases that scared us.”</p></blockquote>

<h2>Peer consultation groups</h2>
<p>A peer consultation group is a regular meeting of qualified clinicians who consult each other about their work without a designated supervisor. Many professional ethics codes encourage therapists to seek consultation when they face difficult clinical or ethical decisions, and peer consultation groups are one of the most common ways that qualified therapists in private practice meet this expectation. A peer consultation group can become a true community of practice when its members share a domain, meet consistently over time and develop a shared practice.</p>
<p>Peer consultation groups work better with a simple, agreed structure than with open conversation. A structure that many groups use looks like this:</p>
<ol>
<li>A short check-in, in which each member says briefly what they bring today.</li>
<li>A case presentation of about ten minutes, ending with a focused question the presenter wants help with.</li>
<li>Clarifying questions only, without advice, for a few minutes.</li>
<li>A reflection round, in which members offer hypotheses, feelings and ideas while the presenter listens without responding.</li>
<li>The presenter’s response: what was useful, what they will try, what they disagree with.</li>
<li>A closing round on what each member takes away for their own practice.</li>
</ol>
<p>Rotating the roles of chair and timekeeper keeps the group from depending on one person, and a written agreement about attendance, confidentiality and what happens when a member raises a risk concern protects everyone.</p>

<h2>Balint groups: a related tradition</h2>
<p>Balint groups are an older tradition that shares many features with communities of practice. The Hungarian psychoanalyst Michael Balint and his wife Enid Balint began running case discussion seminars for general practitioners at the Tavistock Clinic in London in the 1950s. Michael Balint described this work in his 1957 book <em>The Doctor, His Patient and the Illness</em>. In a Balint group, a small group of clinicians meets regularly with a trained leader to discuss cases, with the focus on the relationship between the clinician and the patient rather than on diagnosis or technique.</p>
<p>Balint groups are now run for doctors, medical students, nurses and therapists in many countries, and national Balint societies train and accredit group leaders. A Balint group has a domain (the clinician–patient relationship), a community (members who often meet for years) and a practice (a disciplined way of listening to a case and to the feelings it stirs up in the group). The main difference from a typical community of practice is the stronger and more defined role of the leader, who protects the group’s focus and safety.</p>

<h2>DBT consultation teams: mandated, but can still grow</h2>
<p>Dialectical behaviour therapy, developed by Marsha Linehan and described in her 1993 treatment manual, includes a therapist consultation team as a required part of the treatment. DBT therapists meet weekly to support each other in applying the treatment, to manage the strain of work with people at high risk, and to keep each other faithful to the model; the consultation team is often described as ‘therapy for the therapists’. Because it is required by the treatment model, a DBT consultation team is closer to a structured team than to a self-organised community of practice. Many DBT teams nevertheless develop the mutual engagement, shared repertoire and sense of identity that characterise a community of practice, which shows that a mandated structure can become a living community when members find real value in it.</p>

<h2>Cautions</h2>
<p>Communities of practice are not automatically good for their members or their clients. Supervisors and group conveners should watch for five risks in particular.</p>
<p><strong>Groupthink.</strong> The psychologist Irving Janis introduced the term groupthink in 1972 to describe how cohesive groups can suppress dissent and reach poor decisions. In a close peer group, members may converge quickly on a favourite formulation, avoid challenging a respected colleague or dismiss information that does not fit the group’s shared view. Simple safeguards help: ask one member to argue for an alternative formulation, invite occasional outside presenters, and ask explicitly “What would we be missing if we are wrong?”.</p>
<p><strong>Exclusion of newcomers.</strong> Long-standing groups develop in-jokes, jargon and unspoken rules that make newcomers feel like outsiders. Newly qualified therapists, clinicians from other professions and colleagues from under-represented backgrounds may attend once and never return. A group that wants to stay alive needs to welcome newcomers explicitly, explain its ways of working, and give new members a real role early on.</p>
<p><strong>Power and hierarchy.</strong> Health care is organised around strong hierarchies between professions, grades and roles. When a consultant psychiatrist, a service manager and a trainee psychologist sit in the same group, they do not speak with equal freedom. Supervisors who also assess trainees should be especially careful, because a trainee cannot safely admit mistakes to someone who will grade them. Naming these differences openly, rotating the chair and agreeing how disagreement will be handled make honest discussion more likely.</p>
<p><strong>Cultural humility.</strong> Melanie Tervalon and Jann Murray-García introduced the concept of cultural humility in 1998 as an alternative to the idea that clinicians can become fully “competent” in another person’s culture. Cultural humility involves a lifelong commitment to self-reflection and self-critique, to redressing power imbalances in the clinician–patient relationship, and to building partnerships with communities. A community of practice can either support or undermine cultural humility: it can become a place where members examine their assumptions about clients from different backgrounds, or it can quietly treat the majority culture of its members as the norm. Groups should ask whose experience and knowledge are represented in their discussions, and whose are missing. Avoid the naïve assumption that a group of well-meaning clinicians is free of bias simply because nobody intends harm.</p>
<p><strong>Confidentiality in case discussion.</strong> Case discussion in any group carries confidentiality risks. Members should share only the information needed for the question, remove or disguise names, places, dates and other identifying details, and take particular care in small communities where clients may be recognisable. Services should check what their consent procedures and local data protection law – for example HIPAA in the United States or the GDPR in Europe – require before clinical material is discussed outside the treating team. Confidentiality in the group also has limits: if a discussion reveals a risk to a client or to others, the treating clinician’s safeguarding duties still apply.</p>

<h2>A short checklist for supervisors</h2>
<ul>
<li>Give trainees legitimate access to real clinical work, with responsibility that grows over the placement.</li>
<li>Encourage trainees to join or form peer groups that will continue after the placement ends.</li>
<li>Keep evaluation and peer learning apart where possible, so trainees can speak openly.</li>
<li>Model curiosity about your own cultural assumptions and about power in the room.</li>
<li>Agree confidentiality rules in writing before any group discusses clinical material.</li>
</ul>
<p>None of this requires a new programme or a new budget line. It requires noticing that therapists learn in communities, and taking those communities seriously – whether they meet in a seminar room, a hospital café or on a Tuesday evening video call.</p>
</div>

<div class="entry-footer">
<span class="cat-links">Categories: <a href="/category/supervision/">Supervision</a>, <a href="/category/training/">Training</a></span>
<span class="tags-links">Tags: <a href="/tag/balint/">Balint</a>, <a href="/tag/peer-consultation/">peer consultation</a>, <a href="/tag/cultural-humility/">cultural humility</a></span>
</div>
</div>

<div id="comments" class="comments-area">
<h2 class="comments-title">5 thoughts on “Learning to Be a Therapist Together”</h2>
<ol class="comment-list">
<li class="comment"><div class="comment-author">Renée M.</div><div class="comment-content"><p>The bit about trainees being “peripheral without being legitimate” – that was my first placement exactly. Sharing with my cohort.</p></div></li>
<li class="comment"><div class="comment-author">Tom B.</div><div class="comment-content"><p>Our DBT team is mandated but it really is the best part of my week. Nice to see that acknowledged.</p></div></li>
<li class="comment"><div class="comment-author">José</div><div class="comment-content"><p>Would add: pay attention to who gets to present cases. In my group it’s always the same three people.</p></div></li>
<li class="comment"><div class="comment-author">Anna K.</div><div class="comment-content"><p>Any recommendations for Balint leader training in the UK?</p></div></li>
<li class="comment"><div class="comment-author">The Reflective Practitioner</div><div class="comment-content"><p>Anna – the national Balint society in your country is the best place to start; they run leader training and accreditation.</p></div></li>
</ol>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3><p>Your email address will not be published.</p><textarea name="comment"></textarea><input type="submit" value="Post Comment"></div>
</div>
</div>
</div>

<div id="secondary" class="widget-area" role="complementary">
<div class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>
<li><a href="/2023/11/contracting-in-supervision/">Contracting in supervision: a one-page template</a></li>
<li><a href="/2023/10/rupture-and-repair/">Rupture and repair in the supervisory relationship</a></li>
<li><a href="/2023/09/impostor-feelings-in-trainees/">Impostor feelings in trainees</a></li>
</ul></div>
<div class="widget widget_text"><h2 class="widget-title">Supervision skills course</h2><div class="textwidget"><p>Our 6-week online supervision skills course starts soon – early-bird price €180. <a href="/course/">Details</a></p></div></div>
<div class="widget widget_ads"><div class="adsbygoogle">Advertisement – Online therapy notes software, try free</div></div>
</div>
</div>

<div id="colophon" class="site-footer" role="contentinfo">
<div class="site-info">© 2015–2024 The Reflective Practitioner · <a href="/privacy-policy/">Privacy policy</a> · <a href="/contact/">Contact</a> · Proudly powered by WordPress</div>
</div>
</div>
</body>
</html>
`;

function buildCp1252Page() {
  const file = path.join(here, "supervision-peer-consultation.html");
  const bytes = encodeCp1252(SUPERVISION_PAGE);
  // The fixture must decode back to the same text. Checked with our own table, not TextDecoder: some
  // Node releases (20.18.3+, 22.13+; nodejs/node#56542, #60888) decode "windows-1252" as Latin-1, turning
  // 0x80..0x9F into C1 control characters instead of curly quotes and dashes.
  if (decodeCp1252(bytes) !== SUPERVISION_PAGE) throw new Error("windows-1252 round trip changed the text");
  if (!bytes.includes(0x92) || !bytes.includes(0x96) || !bytes.includes(0xe9)) throw new Error("expected cp1252 bytes 0x92, 0x96, 0xE9");
  writeFileSync(file, bytes);
  console.log(`wrote ${path.relative(process.cwd(), file)} (${bytes.length} bytes, windows-1252)`);
}

function buildPdf() {
  // make-pdf.ts is TypeScript; tsx (a project dependency) runs the companion script.
  const script = path.join(here, "build-pdf.ts");
  execFileSync("npx", ["--no-install", "tsx", script], { stdio: "inherit", cwd: path.resolve(here, "../..") });
}

const only = process.argv[2];
if (only === undefined || only === "cp1252") buildCp1252Page();
if (only === undefined || only === "pdf") buildPdf();
