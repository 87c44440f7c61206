/**
 * Reading a built page the way a director does: the sentences it states (titles, key-figure notes,
 * lists, ledes, captions) and what in them contradicts itself. Used by the e2e suite on every page ×
 * every organisation of its picker.
 */
import type { Page } from "playwright-core";

/** Every stated sentence of the page, with where it was found. */
export async function pageSentences(page: Page): Promise<{ where: string; text: string }[]> {
  // A string, not a function: the test runner's transform would add helpers the page does not have.
  return page.evaluate(`(() => {
    const out = [];
    const take = (selector, where) => {
      for (const el of document.querySelectorAll("#observablehq-main " + selector)) {
        const text = (el.textContent ?? "").replace(/\\s+/g, " ").trim();
        if (text) out.push({ where, text });
      }
    };
    take("h1", "heading");
    take("h2", "heading");
    take(".htm-figure-title", "title");
    take(".htm-figure-subtitle", "subtitle");
    take(".htm-kpi", "key figure");
    take("ol.htm-changes li", "change");
    take(".htm-lede", "lede");
    take(".htm-notice", "notice");
    take("figcaption", "caption");
    take("table", "table");
    return out;
  })()`);
}

const NOUNS_NEEDING_PLURAL =
  /(?<![\d.,])1 (?:[a-z-]+ )?(people|persons|hires|separations|employees|requisitions|organisations|years|months|days|events|leavers|moves|changes|promotions|specialists|technicians|holders)\b/;

/** What in one sentence contradicts itself, or "" when nothing does. */
export function contradiction(text: string): string {
  if (/\b(NaN|undefined|Infinity)\b/.test(text)) return "NaN/undefined/Infinity";
  if (/\[object Object\]/.test(text)) return "[object Object]";
  const same = text.match(/\bfrom (−?[\d.,]*\d%?(?: FTE)?)(?: in \d{4})? to \1(?!\d|[.,]\d)/);
  if (same) return `"from ${same[1]} to ${same[1]}"`;
  const plural = text.match(NOUNS_NEEDING_PLURAL);
  if (plural) return `"${plural[0]}"`;
  // "from 3 to 6 (+100%)": the percent must follow from the numbers shown
  for (const m of text.matchAll(
    /from ([\d,.]+)(?: [a-z]+)?(?: in \d{4})? to ([\d,.]+)(?: [a-z]+)?(?: in \d{4})?,? \(([+−-])(\d+)%\)/g,
  )) {
    const [a, b] = [Number(m[1]!.replace(/,/g, "")), Number(m[2]!.replace(/,/g, ""))];
    const shown = Number(m[4]) * (m[3] === "+" ? 1 : -1);
    const actual = ((b - a) / a) * 100;
    if (a > 0 && Math.abs(Math.round(actual) - shown) > 1)
      return `"${m[0]}": ${actual.toFixed(0)}%, not ${shown}%`;
  }
  // "23% of staff (28 people of 120)": the share must be the count over the total shown
  for (const m of text.matchAll(/(\d+)% of [a-z ]+\(([\d,]+) (?:people|person) of ([\d,]+)\)/g)) {
    const [n, of] = [Number(m[2]!.replace(/,/g, "")), Number(m[3]!.replace(/,/g, ""))];
    if (of > 0 && Math.abs(Math.round((n / of) * 100) - Number(m[1])) > 1)
      return `"${m[0]}": ${n} of ${of} is not ${m[1]}%`;
  }
  return "";
}

/** A title that is a bare list of numbers ("Median tenure: 99 months, 75 months, 76 months"). */
export function bareNumberList(title: string): boolean {
  const rest = title.includes(": ") ? title.slice(title.indexOf(": ") + 2) : title;
  const items = rest.split(/, | and /);
  return (
    items.length >= 2 && items.every((i) => /^[\d.,]+\s*(months|years|days|%|FTE|people)?$/.test(i.trim()))
  );
}
