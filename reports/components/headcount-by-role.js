import * as Plot from "@observablehq/plot";
import { roleFamilyColors } from "./palette.js";
import { roleFamilyLabel, roleFamilyNoun, roleFamilyOrder } from "./taxonomy.js";
import { endLabels, lineFrame } from "./end-labels.js";
import { change, count, enoughForHeadline, tooSmall, yearOf, yearSpan } from "./findings.js";

/**
 * Rows from the first month with anyone employed: the months before an organisation's data are not
 * "0 people", and a team that started mid-window did not grow "from none".
 */
export function fromFirstStaff(rows) {
  const staffed = rows.filter((d) => (d.headcount ?? 0) > 0).map((d) => +new Date(d.month_end));
  if (!staffed.length) return [];
  const start = Math.min(...staffed);
  return rows.filter((d) => +new Date(d.month_end) >= start);
}

/**
 * The finding: total headcount from the first to the last month, and the role family that grew (or
 * shrank) the most in people.
 *
 * @param {{month_end: Date, role_family: string, headcount: number}[]} rows - one organisation, with or
 *   without the role_family 'all' total rows.
 * @returns {string}
 */
export function headcountTitle(allRows) {
  const rows = fromFirstStaff(allRows);
  const months = [...new Set(rows.map((d) => +new Date(d.month_end)))].sort((a, b) => a - b);
  if (!months.length) return "No staff in this selection";
  const first = months[0];
  const last = months[months.length - 1];
  const families = rows.filter((d) => d.role_family !== "all");
  // the published 'all' row is the total (never a sum of family rows, some of which may be withheld)
  const at = (t, family = "all") =>
    rows.find((d) => +new Date(d.month_end) === t && d.role_family === family)?.headcount ?? null;
  const span = yearSpan(yearOf(first), yearOf(last));
  const [start, end] = [at(first), at(last)];
  if (start == null || end == null) return `Headcount is withheld at one end of ${span} (a small group)`;
  if (!enoughForHeadline({ people: Math.max(start, end) }))
    return tooSmall({ people: end, what: `at the end of ${yearOf(last)}` });
  const total = `${change({ subject: "Headcount", from: start, to: end, none: "none" }).text}, ${span}`;
  // The family that moved most among those of at least 5 people at one end (no headline from fewer).
  let best = null;
  for (const family of roleFamilyOrder(families.map((d) => d.role_family))) {
    const from = at(first, family);
    const to = at(last, family);
    if (from == null || to == null) continue;
    if (!enoughForHeadline({ people: Math.max(from, to) })) continue;
    if (!best || Math.abs(to - from) > Math.abs(best.to - best.from)) best = { family, from, to };
  }
  if (!best || first === last) return total;
  const moved = change({ subject: roleFamilyNoun(best.family), from: best.from, to: best.to, none: "none" });
  return moved.changed ? `${total}; ${moved.text}` : total;
}

/**
 * Headcount by role family at each month end: one line per family, labelled at its end.
 *
 * @param {{month_end: Date, role_family: string, headcount: number, fte: number}[]} rows
 * @param {{width: number, height?: number, document?: Document}} options
 */
export function headcountByRoleChart(rows, { width, height = 320, document } = {}) {
  const data = fromFirstStaff(rows)
    .filter((d) => d.role_family !== "all")
    .map((d) => ({ ...d, month_end: new Date(d.month_end), label: roleFamilyLabel(d.role_family) }))
    .sort((a, b) => a.month_end - b.month_end);
  const order = roleFamilyOrder(data.map((d) => d.role_family));
  const last = data.length ? +data[data.length - 1].month_end : null;
  const yMax = Math.max(1, ...data.map((d) => d.headcount ?? 0)) * 1.05;
  const marginTop = 20;
  const marginBottom = 30;
  const labels = data
    .filter((d) => +d.month_end === last)
    .map((d) => ({
      x: d.month_end,
      y: d.headcount,
      key: d.role_family,
      label: `${d.label} ${count(d.headcount)}`,
    }));
  return Plot.plot({
    ...lineFrame({ document, width, height, marginTop, marginBottom, marginRight: width < 640 ? 150 : 200 }),
    x: { type: "utc", label: null },
    y: { label: "↑ Headcount (people)", domain: [0, yMax], grid: true, tickFormat: wholeNumbers },
    color: roleFamilyColors(order),
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(data, {
        x: "month_end",
        y: "headcount",
        z: "role_family",
        stroke: "role_family",
        strokeWidth: 2,
        curve: "step-after",
        channels: { "Role family": "label", FTE: (d) => (d.fte == null ? null : +d.fte.toFixed(1)) },
        tip: { format: { stroke: false, z: false, x: "%b %Y" } },
      }),
      ...endLabels(labels, {
        yDomain: [0, yMax],
        plotHeight: height - marginTop - marginBottom,
        maxWidthPx: width < 640 ? 150 - 20 : undefined,
      }),
    ],
  });
}

// People come in whole numbers: no tick at 0.5 when a small team is drawn.
function wholeNumbers(v) {
  return Number.isInteger(v) ? String(v) : "";
}
