import { format } from "d3";

// Wording shared by the titles that state each chart's finding. Titles are computed from the rows a
// chart draws, so the words and the picture can never disagree.

const percentFormat = format(".0%");

/** A fraction as a whole percent: 0.214 → "21%". */
export function pct(fraction) {
  return fraction == null || !Number.isFinite(fraction) ? "–" : percentFormat(fraction);
}

/**
 * A rate as every page states it (turnover, vacancy, cost of service): a tenth of a percent under 10%,
 * where whole percents would hide the difference between peers (3.6% against 4.4%), whole above it:
 * 0.036 → "3.6%", 0.144 → "14%", 0 → "0%". One function, so the overview, Retention and Benchmarks
 * cannot round the same published rate two ways.
 */
export function rate(fraction) {
  if (fraction == null || !Number.isFinite(fraction)) return "–";
  return Math.abs(fraction) < 0.1 && fraction !== 0
    ? `${(fraction * 100).toFixed(1)}%`
    : percentFormat(fraction);
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

/** "A", "A and B", "A, B and C". */
export function listOf(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * A count with its noun, singular or plural: (1, "person", "people") → "1 person"; (3, "hire") →
 * "3 hires". The number is rounded first, so 1.2 people on average reads "1 person".
 */
export function plural(n, singular, pluralForm = `${singular}s`) {
  const shown = count(n);
  return `${shown} ${shown === "1" ? singular : pluralForm}`;
}

/**
 * Smallest group a headline may rest on: 5 people, and 5 events (separations, moves, hires,
 * promotions) for a rate or a median of events. Fewer is one or two people's story, not a finding.
 */
export const MIN_PEOPLE = 5;
export const MIN_EVENTS = 5;
/** "k of m" statements (roles paid more, roles below a midpoint) need at least this many groups. */
export const MIN_GROUPS = 3;
/** Marks resting on fewer people or events than this are drawn muted (see markOpacity). */
export const MUTED_BELOW = MIN_PEOPLE;
/** Groups under this size carry their n wherever they are named. */
export const SHOW_N_BELOW = 30;

/** Whether a group is large enough to make a headline of (n people, and events when given). */
export function enoughForHeadline({ people, events } = {}) {
  if (people != null && !(Math.round(people) >= MIN_PEOPLE)) return false;
  if (events != null && !(Math.round(events) >= MIN_EVENTS)) return false;
  return true;
}

/**
 * What to say instead of a headline from a group too small for one: "Too few people for a finding:
 * 3 people in 2025 (a headline needs at least 5)".
 */
export function tooSmall({ people, events, eventNoun = "event", what = "" } = {}) {
  const scope = what ? ` ${what}` : "";
  if (people != null && !(Math.round(people) >= MIN_PEOPLE))
    return `Too few people for a finding: ${plural(people, "person", "people")}${scope} (a headline needs at least ${MIN_PEOPLE}; more years or all organisations may reach it)`;
  return `Too few for a finding: ${plural(events, eventNoun)}${scope} (a finding needs at least ${MIN_EVENTS}; more years or all organisations may reach it)`;
}

/** Opacity of a bar, cell or point resting on n people or events: muted under MUTED_BELOW. */
export function markOpacity(n) {
  return n != null && Number.isFinite(n) && Math.round(n) < MUTED_BELOW ? 0.3 : 1;
}

/** Whether a mark rests on too few to read as a finding (drawn muted, named "too few"). */
export function isMuted(n) {
  return markOpacity(n) < 1;
}

/** "n = 12" for a mark under SHOW_N_BELOW, "" otherwise: the label every small cell or bar carries. */
export function nLabel(n) {
  return nSuffix(n, "n = ", "");
}

/**
 * "k of m <noun>" only when m is at least MIN_GROUPS; otherwise undefined, so a caller cannot
 * write "paid more in 2 of 2 roles".
 */
export function kOfM(k, m, noun, pluralNoun = `${noun}s`) {
  if (!(m >= MIN_GROUPS)) return undefined;
  return `${count(k)} of ${m === 1 ? `1 ${noun}` : `${count(m)} ${pluralNoun}`}`;
}

/**
 * How many values are below a threshold as they are shown: a ratio shown as "1.00" is not below
 * 1.00, whatever its unrounded value. `format` is the chart's own formatter.
 */
export function countShownBelow(values, threshold, format) {
  const shown = (v) => parseShown(format(v));
  const limit = parseShown(format(threshold));
  return values.filter((v) => v != null && Number.isFinite(v) && shown(v) < limit).length;
}

/**
 * Whole-number ticks from 0 to at least `max` (at most about `count` of them): a team of two is
 * ticked 0, 1, 2, not 0, 0.5, 1, 1.5.
 */
export function integerTicks(max, count = 5) {
  const top = Math.max(1, Math.ceil(max ?? 0));
  const step = Math.max(1, Math.ceil(top / count));
  const ticks = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  if (ticks.at(-1) < top) ticks.push(ticks.at(-1) + step);
  return ticks;
}

/**
 * The upper end of a dollar axis: the data's maximum with room, but never under $1,000, so an
 * axis of tiny or zero costs does not tick "$1, $1, $0".
 */
export function usdAxisMax(max, headroom = 1.2) {
  return Math.max(1000, (Number.isFinite(max) ? max : 0) * headroom);
}

/** A group's name with its size when it is under SHOW_N_BELOW: "Specialists (n = 12)". */
export function withN(label, n) {
  return `${label}${nSuffix(n, " (n = ", ")")}`;
}

/** The size of a group under SHOW_N_BELOW as a suffix (", n = 12"), for a name already in brackets. */
export function nSuffix(n, before = ", n = ", after = "") {
  return n != null && Number.isFinite(n) && Math.round(n) < SHOW_N_BELOW
    ? `${before}${count(n)}${after}`
    : "";
}

/**
 * A change between two values in words, judged on the numbers as shown: the verb, the figures and
 * the percent all come from the rounded values, so "rose from 3 to 3" or a percent that disagrees
 * with the figures cannot be written.
 *
 * @param {object} options
 * @param {string} options.subject - "Specialist headcount".
 * @param {number} options.from
 * @param {number} options.to
 * @param {(v: number) => string} [options.format] - how a value is shown (count by default).
 * @param {boolean} [options.relative] - add the percent change (counts; not for rates and shares).
 * @param {string} [options.none] - words for a zero start ("none"); a start of 0 gives no percent.
 * @param {[string, string]} [options.verbs] - rising and falling verbs.
 * @returns {{text: string, changed: boolean}}
 */
export function change({
  subject,
  from,
  to,
  format = count,
  relative = false,
  none,
  verbs = ["rose", "fell"],
}) {
  const a = format(from);
  const b = format(to);
  if (a === b) return { text: `${subject} held at ${a}`, changed: false };
  const [va, vb] = [parseShown(a), parseShown(b)];
  const up = Number.isFinite(va) && Number.isFinite(vb) ? vb > va : to > from;
  const start = va === 0 && none ? none : a;
  let text = `${subject} ${up ? verbs[0] : verbs[1]} from ${start} to ${b}`;
  if (relative && Number.isFinite(va) && Number.isFinite(vb) && va !== 0) {
    const rel = (vb - va) / Math.abs(va);
    text += ` (${rel > 0 ? "+" : "−"}${pct(Math.abs(rel))})`;
  }
  return { text, changed: true };
}

// "1,234" → 1234, "21%" → 21, "3.4 FTE" → 3.4, "$112k" → 112: the leading number of a shown value.
function parseShown(text) {
  const m = String(text)
    .replace(/,/g, "")
    .replace("−", "-")
    .match(/-?\d+(\.\d+)?/);
  return m ? Number(m[0]) : NaN;
}

/**
 * Named values as a phrase: [{label: "Generalists", value: 99}] with a formatter → "Generalists 99
 * months, Specialists 75 months"; groups under SHOW_N_BELOW carry their n.
 */
export function namedValues(items, format) {
  return items.map((d) => `${withN(d.label, d.n)} ${format(d.value)}`).join(", ");
}
