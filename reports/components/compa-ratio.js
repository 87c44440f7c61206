import * as Plot from "@observablehq/plot";
import { barRowsFrame, barRowsLayout, labelsAboveBars } from "./bar-rows.js";
import { roleOrder } from "./pay-vs-market.js";
import { countShownBelow, kOfM } from "./findings.js";

/** Rows of one year with a published median compa-ratio, by role. */
function compaRows(rows, year) {
  return rows.filter((d) => d.year === year && d.role !== "all" && d.median_compa_ratio != null);
}

/**
 * The finding: the range of median compa-ratios across roles.
 *
 * @param {{year: number, role: string, median_compa_ratio: number|null}[]} rows
 * @param {{year: number}} options
 */
export function compaRatioTitle(rows, { year }) {
  const data = [...compaRows(rows, year)].sort(
    (a, b) => a.median_compa_ratio - b.median_compa_ratio || a.role.localeCompare(b.role),
  );
  if (!data.length) return `No pay ranges to compare with, ${year}`;
  const low = data[0];
  const high = data[data.length - 1];
  if (data.length === 1)
    return `${low.role} is paid ${low.median_compa_ratio.toFixed(2)} of its range midpoint (${year})`;
  const ratio = (v) => v.toFixed(2);
  // below as shown: a median written 1.00 is at the midpoint, not below it
  const below = countShownBelow(
    data.map((d) => d.median_compa_ratio),
    1,
    ratio,
  );
  const range = `medians from ${ratio(low.median_compa_ratio)} (${low.role}) to ${ratio(high.median_compa_ratio)} (${high.role}), ${year}`;
  const tally = kOfM(below, data.length, "role");
  if (!tally) return `Roles are paid ${range} of their range midpoint`;
  return `${tally} are paid below the midpoint of their range: ${range}`;
}

/**
 * Median compa-ratio (pay ÷ range midpoint) by role for one year, with a rule at 1 (paid at the
 * midpoint). Roles without enough people with a range are left to the note under the chart.
 *
 * @param {object[]} rows - marts.pay_position rows for one organisation.
 * @param {{width: number, year: number, roles?: object[], document?: Document}} options
 */
export function compaRatioChart(rows, { width, year, roles = [], document } = {}) {
  const data = compaRows(rows, year);
  const order = roleOrder(
    data.map((d) => d.role),
    roles,
  );
  const layout = barRowsLayout(width, order.length, { marginLeft: 280, extra: 60 });
  const max = Math.max(1.2, ...data.map((d) => d.median_compa_ratio)) * 1.05;
  const min = Math.min(0.8, ...data.map((d) => d.median_compa_ratio)) * 0.95;
  return Plot.plot({
    ...barRowsFrame(layout, { width, domain: order, document }),
    marginRight: layout.narrow ? 20 : 60,
    marginTop: layout.narrow ? 30 : 20,
    x: { label: "Median pay ÷ range midpoint →", domain: [min, max], grid: true, tickFormat: ".2f" },
    marks: [
      Plot.ruleX([1], { stroke: "#555", strokeDasharray: "4,3" }),
      Plot.ruleY(data, { x1: 1, x2: "median_compa_ratio", y: "role", stroke: "#0072B2", strokeWidth: 2 }),
      Plot.dot(data, {
        x: "median_compa_ratio",
        y: "role",
        fill: "#0072B2",
        r: 5.5,
        channels: { People: "n" },
        tip: { format: { x: ".2f", y: true } },
      }),
      Plot.text(data, {
        x: "median_compa_ratio",
        y: "role",
        text: (d) => d.median_compa_ratio.toFixed(2),
        dx: 9,
        textAnchor: "start",
        fontSize: 11,
        filter: () => !layout.narrow,
      }),
      labelsAboveBars(order, {
        y: (d) => d,
        text: (role) => `${role} · ${data.find((d) => d.role === role).median_compa_ratio.toFixed(2)}`,
        narrow: layout.narrow,
      }),
    ],
  });
}
