import * as Plot from "@observablehq/plot";
import { barRowsFrame, barRowsLayout, labelsAboveBars } from "./bar-rows.js";
import { count, MIN_EVENTS, plural, tooSmall, yearSpan } from "./findings.js";

/**
 * The published moves of one organisation over every year (marts.role_transitions_total), one row per
 * from → to pair, most frequent first. A pair whose count is withheld (a small cell in a public build)
 * is left out, never drawn as 0.
 *
 * @param {{from_role: string, to_role: string, moves: number | null}[]} rows
 * @returns {{from_role: string, to_role: string, moves: number, pair: string}[]}
 */
export function transitionTotals(rows) {
  return rows
    .filter((d) => d.from_role !== "all" && d.to_role !== "all" && d.moves > 0)
    .map((d) => ({ ...d, pair: `${d.from_role} → ${d.to_role}` }))
    .sort((a, b) => b.moves - a.moves || a.pair.localeCompare(b.pair));
}

/**
 * The finding: how many role changes over the years, and the most common one.
 *
 * @param {{from_role: string, to_role: string, moves: number | null, first_year: number, last_year: number}[]} rows
 *   one organisation, with its 'all' → 'all' total row.
 * @returns {string}
 */
export function transitionsTitle(rows) {
  const total = rows.find((d) => d.from_role === "all" && d.to_role === "all");
  const pairs = transitionTotals(rows);
  if (!total || (!pairs.length && total.moves === 0)) return "No role changes in this selection";
  const span = yearSpan(total.first_year, total.last_year);
  if (total.moves == null) return `Role changes, ${span}: counts withheld (a small group)`;
  if (total.moves < MIN_EVENTS)
    return tooSmall({ events: total.moves, eventNoun: "role change", what: `in ${span}` });
  const top = pairs[0];
  return `${plural(total.moves, "role change")}, ${span}${top ? `; the most common was ${top.pair} (${count(top.moves)})` : ""}`;
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
      label: "Role changes (people moving, all years) →",
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
