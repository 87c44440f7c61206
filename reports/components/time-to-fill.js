import * as Plot from "@observablehq/plot";
import { barRowsFrame, barRowsLayout, labelsAboveBars } from "./bar-rows.js";
import { count, enoughForHeadline, markOpacity, plural, tooSmall, withN } from "./findings.js";

/**
 * The finding: the slowest role to fill (median days), against the median over all roles.
 *
 * @param {{role: string, filled: number, median_days: number|null, p75_days: number|null}[]} rows - one
 *   organisation; the row with role 'all' (when present) carries the total.
 * @returns {string}
 */
export function timeToFillTitle(rows) {
  const filled = rows.filter((d) => d.role !== "all" && d.median_days != null && d.filled > 0);
  if (!filled.length) return "No filled requisitions in this selection";
  // A median of fewer than 3 hires is one or two people's wait: no headline from it.
  const roles = filled.filter((d) => enoughForHeadline({ events: d.filled }));
  if (!roles.length)
    return tooSmall({
      events: Math.max(...filled.map((d) => d.filled)),
      eventNoun: "filled requisition",
      what: "in the role with the most",
    });
  const slowest = [...roles].sort((a, b) => b.median_days - a.median_days || a.role.localeCompare(b.role))[0];
  const all = rows.find((d) => d.role === "all" && d.median_days != null);
  const versus = all ? `, against ${count(all.median_days)} days for all roles` : "";
  return `${slowest.role} takes longest to fill: median ${plural(slowest.median_days, "day")} (${plural(slowest.filled, "hire")})${versus}`;
}

/**
 * Median days to fill by role (bar) with the 75th percentile (tick), filled requisitions only; each
 * bar labelled with its median and how many requisitions it rests on.
 *
 * @param {object[]} rows - marts.time_to_fill rows for one organisation.
 * @param {{width: number, document?: Document}} options
 */
export function timeToFillChart(rows, { width, document } = {}) {
  const data = rows
    .filter((d) => d.role !== "all" && d.median_days != null && d.filled > 0)
    .sort((a, b) => b.median_days - a.median_days || a.role.localeCompare(b.role));
  const layout = barRowsLayout(width, data.length);
  const { narrow } = layout;
  return Plot.plot({
    ...barRowsFrame(layout, { width, domain: data.map((d) => d.role), document }),
    marginRight: 110,
    x: { label: "Days from opening to filling →", grid: true, nice: true },
    marks: [
      Plot.barX(data, {
        x: "median_days",
        y: "role",
        fill: "#0072B2",
        // a median of under 5 hires is drawn pale: one or two people's wait
        fillOpacity: (d) => markOpacity(d.filled),
        ariaLabel: (d) => `${d.role}: n=${count(d.filled)}`,
        channels: { Filled: "filled", "75th percentile (days)": "p75_days" },
        tip: { format: { y: true, x: true } },
      }),
      Plot.tickX(data, { x: "p75_days", y: "role", stroke: "black", strokeWidth: 2, inset: 3 }),
      Plot.text(data, {
        x: (d) => Math.max(d.median_days, d.p75_days ?? 0),
        y: "role",
        text: (d) => `${count(d.median_days)} d · n=${count(d.filled)}`,
        dx: 6,
        textAnchor: "start",
        fontSize: 11,
      }),
      labelsAboveBars(data, { y: "role", text: "role", narrow }),
      Plot.ruleX([0]),
    ],
  });
}

/** Longest-open first; a withheld age sorts last. */
function longestWaitFirst(a, b) {
  return (b.oldest_open_days ?? -Infinity) - (a.oldest_open_days ?? -Infinity);
}

/**
 * The finding about open requisitions: how many are open and the longest wait.
 *
 * @param {{role: string, open_now: number, oldest_open_days: number|null}[]} rows
 */
export function openRequisitionsTitle(rows) {
  const open = rows.filter((d) => d.role !== "all" && d.open_now > 0);
  // the published 'all' row is the total (a role's withheld count is never summed as 0)
  const total = rows.find((d) => d.role === "all")?.open_now;
  if (!open.length && !total) return "No requisitions are open";
  if (total == null) return "Open requisitions: counts withheld (small groups)";
  const oldest = [...open].sort(longestWaitFirst)[0];
  if (!oldest) return `${count(total)} ${total === 1 ? "requisition is" : "requisitions are"} open`;
  const noun = total === 1 ? "requisition is" : "requisitions are";
  return `${count(total)} ${noun} open; the oldest (${oldest.role}) has waited ${plural(oldest.oldest_open_days, "day")}`;
}

/**
 * Open requisitions by role: a bar for how long the oldest has been open, labelled with how many are
 * open.
 *
 * @param {object[]} rows - marts.time_to_fill rows for one organisation.
 * @param {{width: number, document?: Document}} options
 */
export function openRequisitionsChart(rows, { width, document } = {}) {
  const data = rows
    .filter((d) => d.role !== "all" && d.open_now > 0)
    .sort((a, b) => longestWaitFirst(a, b) || a.role.localeCompare(b.role));
  const layout = barRowsLayout(width, data.length);
  const { narrow } = layout;
  return Plot.plot({
    ...barRowsFrame(layout, { width, domain: data.map((d) => d.role), document }),
    marginRight: 90,
    x: { label: "Days the oldest open requisition has waited →", grid: true, nice: true },
    marks: [
      Plot.barX(data, {
        x: "oldest_open_days",
        y: "role",
        fill: "#E69F00",
        channels: { "Open now": "open_now" },
        tip: { format: { y: true, x: true } },
      }),
      Plot.text(data, {
        x: "oldest_open_days",
        y: "role",
        text: (d) => `${count(d.open_now)} open`,
        dx: 6,
        textAnchor: "start",
        fontSize: 11,
      }),
      labelsAboveBars(data, { y: "role", text: "role", narrow }),
      Plot.ruleX([0]),
    ],
  });
}
