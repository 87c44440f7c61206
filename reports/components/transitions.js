import * as Plot from "@observablehq/plot";
import { barRowsFrame, barRowsLayout, labelsAboveBars } from "./bar-rows.js";
import { count, MIN_EVENTS, plural, tooSmall, yearSpan } from "./findings.js";

/**
 * Moves summed over the selected years, one row per from → to pair, most frequent first.
 *
 * @param {{year: number, from_role: string, to_role: string, moves: number}[]} rows
 * @returns {{from_role: string, to_role: string, moves: number, pair: string}[]}
 */
export function transitionTotals(rows) {
  const sums = new Map();
  for (const d of rows) {
    const key = `${d.from_role}\u0000${d.to_role}`;
    sums.set(key, (sums.get(key) ?? 0) + (d.moves ?? 0));
  }
  return [...sums]
    .map(([key, moves]) => {
      const [from_role, to_role] = key.split("\u0000");
      return { from_role, to_role, moves, pair: `${from_role} → ${to_role}` };
    })
    .filter((d) => d.moves > 0)
    .sort((a, b) => b.moves - a.moves || a.pair.localeCompare(b.pair));
}

/**
 * The finding: how many role changes, and the most common one.
 *
 * @param {{year: number, from_role: string, to_role: string, moves: number}[]} rows
 * @returns {string}
 */
export function transitionsTitle(rows) {
  const totals = transitionTotals(rows);
  const years = rows.filter((d) => d.moves > 0).map((d) => d.year);
  if (!totals.length) return "No role changes in this selection";
  const all = totals.reduce((s, d) => s + d.moves, 0);
  const top = totals[0];
  const span = yearSpan(Math.min(...years), Math.max(...years));
  if (all < MIN_EVENTS) return tooSmall({ events: all, eventNoun: "role change", what: `in ${span}` });
  return `${plural(all, "role change")}, ${span}; the most common was ${top.pair} (${count(top.moves)})`;
}

/**
 * Horizontal bars of the most frequent role changes, each labelled with its count.
 *
 * @param {{year: number, from_role: string, to_role: string, moves: number}[]} rows
 * @param {{width: number, top?: number, document?: Document}} options
 */
export function transitionsChart(rows, { width, top = 12, document } = {}) {
  const data = transitionTotals(rows).slice(0, top);
  const layout = barRowsLayout(width, data.length, {
    marginLeft: 330,
    extra: 50,
  });
  const { narrow } = layout;
  return Plot.plot({
    ...barRowsFrame(layout, { width, domain: data.map((d) => d.pair), document }),
    marginRight: 40,
    marginTop: narrow ? 14 : 30,
    x: {
      label: "Role changes (people moving, all selected years) →",
      tickFormat: (v) => (Number.isInteger(v) ? String(v) : ""),
      grid: true,
      axis: narrow ? null : "top",
    },
    marks: [
      Plot.barX(data, {
        x: "moves",
        y: "pair",
        fill: "#0072B2",
        tip: { format: { y: true, x: true } },
      }),
      Plot.text(data, { x: "moves", y: "pair", text: (d) => count(d.moves), dx: 4, textAnchor: "start" }),
      labelsAboveBars(data, { y: "pair", text: "pair", narrow }),
      Plot.ruleX([0]),
    ],
  });
}
