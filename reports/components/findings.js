import { format } from "d3";

// Wording shared by the titles that state each chart's finding. Titles are computed from the rows a
// chart draws, so the words and the picture can never disagree.

const percentFormat = format(".0%");

/** A fraction as a whole percent: 0.214 → "21%". */
export function pct(fraction) {
  return fraction == null || !Number.isFinite(fraction) ? "–" : percentFormat(fraction);
}

/** FTE with one decimal: 3.44 → "3.4 FTE". */
export function fte(value) {
  return value == null || !Number.isFinite(value) ? "–" : `${value.toFixed(1)} FTE`;
}

/** US dollars, rounded the way a director says them: 112400 → "$112k", 1250000 → "$1.3M". */
export function usd(value) {
  if (value == null || !Number.isFinite(value)) return "–";
  const sign = value < 0 ? "−" : "";
  const v = Math.abs(value);
  if (v >= 1e6) return `${sign}$${(v / 1e6).toFixed(1)}M`;
  if (v >= 1e3) return `${sign}$${Math.round(v / 1e3)}k`;
  return `${sign}$${Math.round(v)}`;
}

/** "2016–2025", or "2025" when the span is one year. */
export function yearSpan(first, last) {
  return first === last ? `${first}` : `${first}–${last}`;
}

/** Whole number with thousands separators. */
export function count(value) {
  return value == null || !Number.isFinite(value) ? "–" : Math.round(value).toLocaleString("en-US");
}

/** "grew", "fell" or "held at" for a change between two shares, judged at whole-percent resolution. */
export function direction(from, to) {
  const delta = Math.round(to * 100) - Math.round(from * 100);
  return delta > 0 ? "grew" : delta < 0 ? "fell" : "held";
}

/** Upper-case the first letter of a sentence. */
export function sentence(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A code such as "role_family" or "moved_internally" in words. */
export function humanize(code) {
  return String(code ?? "").replace(/_/g, " ");
}

/** Calendar year of a Date (UTC: mart dates are calendar dates). */
export function yearOf(date) {
  return (date instanceof Date ? date : new Date(date)).getUTCFullYear();
}
