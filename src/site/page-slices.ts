/**
 * What each page draws from a mart, when that is less than the whole mart. Pages ship their data whole
 * (issue 6: under 300 KB a page whatever the input size), so rows no chart can show stay in the
 * warehouse. Each slice applies to published rows (after disclosure) and keeps everything a chart,
 * its title or its CSV download uses; the marts themselves are unchanged.
 */
import type { Row } from "../publish/disclosure.ts";

/** Rows of one role family (the page draws role_family 'all' only; the mart has every family). */
export const roleFamily =
  (family: string) =>
  (rows: Row[]): Row[] =>
    rows.filter((r) => r.role_family === family);

/** The rows totalling every domain (the budget brief states strain for the whole programme only). */
export const allDomains = (rows: Row[]): Row[] => rows.filter((r) => r.domain === "all");

const CURVE_KEYS = ["org_id", "group_kind", "group_value", "event_kind"] as const;
const CURVE_VALUES = ["survival", "ci_lower", "ci_upper"] as const;

/**
 * Kaplan-Meier curves as their steps: a curve (and its confidence band) changes only in a month with
 * an event, and the page draws it step-after, so a month equal to the one before draws nothing new.
 * Kept: the first and last month of each curve, every month where survival or a bound changes, and
 * every 12th month (the at-risk count a year apart for tooltips). Counts (at_risk, events) ship on
 * the 12th months only, where every curve has a row: on other months some curves' rows are dropped,
 * and a margin's total minus the members that happen to be shipped would pass for a withheld count.
 * Rows must be ordered by curve, then month (publish.* keeps the mart's key order).
 */
export function kaplanMeierSteps(rows: Row[]): Row[] {
  const curve = (r: Row) => CURVE_KEYS.map((k) => String(r[k])).join("\u0000");
  const steps = rows.filter((r, i) => {
    const before = rows[i - 1];
    const after = rows[i + 1];
    if (!before || curve(before) !== curve(r)) return true;
    if (!after || curve(after) !== curve(r)) return true;
    if (Number(r.month) % 12 === 0) return true;
    return CURVE_VALUES.some((k) => r[k] !== before[k]);
  });
  return steps.map((r) =>
    Number(r.month) % 12 === 0 || !("at_risk" in r) ? r : { ...r, at_risk: null, events: null },
  );
}
