/**
 * What a director cannot read on a rendered page, by element geometry and by the words of its
 * headings and captions (docs/readable.md): headings that state a finding from under 5 people or
 * events or "k of m" under 3, marks under 30 without their n or under 5 at full weight, colliding
 * tick labels, labels past a chart's edge or shortened with "…", legends off the screen, tables
 * that scroll without a cue, and jargon under a chart outside Methodology. Read on the page as it is
 * loaded, so a sweep that visits a page for other checks reads it in the same visit.
 */
import type { Page } from "playwright-core";

/** Numbers of people or events a heading rests on, as headings write them. */
const SMALL_GROUP = [
  /\((\d+) (?:hires?|leavers?|promotions?|people|persons?|requisitions?|filled requisitions?|moves?|role changes?|separations?)\)/g,
  /\bn = (\d+)\b/g,
];
const K_OF_M = /\b(\d+) of (\d+) (?:roles|groups|families|domains|organisations)\b/g;
/** Words a caption must leave to Methodology: tables, settings, files, R functions, method citations. */
const JARGON = [
  /\b(?:publish|marts|core|meta|raw|work)\.[a-z_]+/,
  /\b[a-z]+_[a-z_]+\b/, // a setting or column name such as min_pay_group
  /\b[\w-]+\.(?:csv|json|sql|parquet)\b/,
  /\bsettings\.json\b/,
  /\bR type \d\b|\bsurvfit\b|\bquantile\(|\bGreenwood\b|\bJOLTS\b|\bISO 30414\b|\[SHRM\]/,
];

export interface Problem {
  what: string;
  detail: string;
}

/** Reads one rendered page; a string, not a function: the test transform would add helpers. */
const INSPECT = `(() => {
  const problems = [];
  const main = document.querySelector("#observablehq-main") ?? document.body;
  const vw = document.documentElement.clientWidth;
  const box = (el) => el.getBoundingClientRect();
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const visible = (el) => { const r = box(el); return r.width > 0 && r.height > 0; };
  // headings and titles
  const headings = [...main.querySelectorAll("h1, h2, h3, .htm-figure-title, .htm-kpi .htm-kpi-value, ol.htm-changes li")]
    .map((el) => (el.textContent ?? "").replace(/\\s+/g, " ").trim()).filter(Boolean);
  // captions, subtitles and ledes: what a director reads under and over a chart
  const captions = [...main.querySelectorAll("figcaption, .htm-figure-caption, .htm-figure-subtitle, .htm-lede")]
    .map((el) => {
      const copy = el.cloneNode(true);
      copy.querySelectorAll("a, button, code").forEach((x) => x.remove());
      return (copy.textContent ?? "").replace(/\\s+/g, " ").trim();
    }).filter(Boolean);
  // axis tick labels that collide, per axis
  for (const svg of main.querySelectorAll("svg")) {
    if (!visible(svg)) continue;
    for (const g of svg.querySelectorAll('g[aria-label$="tick label"]')) {
      const texts = [...g.querySelectorAll("text")].filter((t) => (t.textContent ?? "").trim() && visible(t));
      for (let i = 0; i < texts.length; i++)
        for (let j = i + 1; j < texts.length; j++)
          if (overlap(box(texts[i]), box(texts[j])))
            problems.push({ what: "colliding labels", detail: texts[i].textContent + " / " + texts[j].textContent });
    }
    // a label running past the chart's edge is cut off ("suppressed (rule in the note belo")
    const frame = box(svg);
    for (const t of svg.querySelectorAll("text")) {
      if (!visible(t) || t.closest("defs")) continue;
      const b = box(t);
      if (b.right > frame.right + 2 || b.left < frame.left - 2)
        problems.push({ what: "label past the chart's edge", detail: t.textContent });
    }
    // a label Plot shortened with an ellipsis is clipped ("Projects &…urement")
    for (const t of svg.querySelectorAll("text"))
      if (/…/.test(t.textContent ?? "") && visible(t)) problems.push({ what: "clipped label", detail: t.textContent });
    // marks that carry their n (aria-label "… n=12"): under 30 a label must show it, under 5 drawn pale
    const texts = [...svg.querySelectorAll('g[aria-label="text"] text')].filter(visible);
    for (const el of svg.querySelectorAll("[aria-label*='n=']")) {
      if (el.tagName === "g") continue;
      const n = Number(/n=(\\d+)/.exec(el.getAttribute("aria-label"))?.[1]);
      if (!Number.isFinite(n)) continue;
      const r = box(el);
      if (n < 30) {
        const labelled = texts.some((t) => {
          const b = box(t);
          const cy = (b.top + b.bottom) / 2;
          return cy >= r.top - 2 && cy <= r.bottom + 2 && b.left >= r.left - 2 && b.left <= r.right + 260 && /n=\\d/.test(t.textContent ?? "");
        });
        if (!labelled) problems.push({ what: "mark under 30 without its n", detail: el.getAttribute("aria-label") });
      }
      const opacity = Number(el.getAttribute("fill-opacity") ?? el.closest("[fill-opacity]")?.getAttribute("fill-opacity") ?? 1);
      if (n < 5 && opacity > 0.5) problems.push({ what: "mark under 5 at full weight", detail: el.getAttribute("aria-label") });
    }
  }
  // legends: clipped text or running off the screen
  for (const el of main.querySelectorAll("[class*='swatch'], .htm-legend, [class*='legend']")) {
    if (!visible(el)) continue;
    const r = box(el);
    if (r.right > vw + 1) problems.push({ what: "legend off the screen", detail: (el.textContent ?? "").slice(0, 60) });
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).textOverflow === "ellipsis")
      problems.push({ what: "clipped legend", detail: (el.textContent ?? "").slice(0, 60) });
  }
  // tables wider than their box: reflow, or say that they scroll
  for (const t of main.querySelectorAll("table")) {
    if (!visible(t)) continue;
    let scroller = t;
    while (scroller && scroller !== main && !(scroller.scrollWidth > scroller.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(scroller).overflowX))) scroller = scroller.parentElement;
    const scrolls = scroller && scroller !== main;
    if (scrolls && !scroller.querySelector(".htm-scroll-hint") && !scroller.parentElement?.querySelector(".htm-scroll-hint"))
      problems.push({ what: "table scrolls with no cue", detail: (t.querySelector("th")?.textContent ?? "").slice(0, 40) });
    if (!scrolls && box(t).right > vw + 1) problems.push({ what: "table cut off", detail: (t.querySelector("th")?.textContent ?? "").slice(0, 40) });
  }
  return { problems, headings, captions };
})()`;

/** The problems of the page loaded in `page`, whose site path is `pagePath` ("/", "/methodology", …). */
export async function readabilityProblems(page: Page, pagePath: string): Promise<Problem[]> {
  const { problems, headings, captions } = (await page.evaluate(INSPECT)) as {
    problems: Problem[];
    headings: string[];
    captions: string[];
  };
  for (const h of headings) {
    if (/^too few|^no |not published|withheld/i.test(h)) continue;
    for (const re of SMALL_GROUP)
      for (const m of h.matchAll(re))
        if (Number(m[1]) < 5) problems.push({ what: "finding from under 5", detail: h });
    for (const m of h.matchAll(K_OF_M))
      if (Number(m[2]) < 3) problems.push({ what: "k of m under 3", detail: h });
  }
  if (pagePath !== "/methodology")
    for (const c of captions)
      for (const re of JARGON) {
        const m = re.exec(c);
        if (m) problems.push({ what: "jargon under a chart", detail: `${m[0]}: ${c.slice(0, 120)}` });
      }
  return problems;
}
