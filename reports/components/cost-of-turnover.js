import * as Plot from "@observablehq/plot";
import { count, enoughForHeadline, plural, tooSmall, usd, usdAxisMax } from "./findings.js";

/**
 * The finding: estimated replacement cost of leavers in the last complete year, and over all years.
 *
 * @param {{year: number, separations: number, replacement_cost_usd: number|null}[]} rows - one
 *   organisation, role_family 'all'.
 * @param {{lastCompleteYear?: number}} [options]
 */
export function costOfTurnoverTitle(rows, { lastCompleteYear = Infinity } = {}) {
  const known = rows.filter((d) => d.replacement_cost_usd != null).sort((a, b) => a.year - b.year);
  if (!known.length) return "Not enough leavers with pay on file to cost turnover";
  const complete = known.filter((d) => d.year <= lastCompleteYear);
  const last = (complete.length ? complete : known).at(-1);
  // One year's published figure: a total over years would sum estimates and leave withheld years out.
  if (last.separations === 0) return `No leavers to replace in ${last.year}`;
  // A cost of one or two leavers is their pay: no headline under 5 leavers.
  if (!enoughForHeadline({ events: last.separations }))
    return tooSmall({
      events: last.separations,
      eventNoun: "leaver",
      what: `with pay on file in ${last.year}`,
    });
  return `Replacing leavers cost an estimated ${usd(last.replacement_cost_usd)} in ${last.year} (${plural(last.separations, "leaver")})`;
}

/**
 * Estimated replacement cost by year (bars, labelled with dollars and leavers); suppressed years are
 * written as suppressed, a partial last year is drawn hatched lighter.
 *
 * @param {object[]} rows - marts.cost_of_turnover rows, one organisation and role family.
 * @param {{width: number, height?: number, lastCompleteYear?: number, document?: Document}} options
 */
export function costOfTurnoverChart(
  rows,
  { width, height = 280, lastCompleteYear = Infinity, document } = {},
) {
  const data = [...rows]
    .sort((a, b) => a.year - b.year)
    .map((d) => ({ ...d, partial: d.year > lastCompleteYear }));
  const known = data.filter((d) => d.replacement_cost_usd != null);
  const hidden = data.filter(
    (d) => d.replacement_cost_usd == null && (d.suppressed || d.is_suppressed || d.separations > 0),
  );
  if (width < 640) return costOfTurnoverRows(data, known, hidden, { width, document });
  return Plot.plot({
    document,
    width,
    height,
    marginTop: 30,
    marginLeft: 60,
    x: { label: null, type: "band", tickFormat: "d", domain: data.map((d) => d.year), padding: 0.15 },
    y: {
      label: "↑ Estimated replacement cost (USD)",
      domain: [0, usdAxisMax(Math.max(0, ...known.map((d) => d.replacement_cost_usd)))],
      tickFormat: (v) => usd(v),
      grid: true,
    },
    marks: [
      Plot.barY(known, {
        x: "year",
        y: "replacement_cost_usd",
        fill: "#0072B2",
        fillOpacity: (d) => (d.partial ? 0.45 : 1),
        channels: {
          Leavers: "separations",
          "Leavers with pay on file": "separations_with_pay",
          Note: (d) => (d.partial ? "part year" : ""),
        },
        tip: { format: { x: "d", y: (v) => usd(v), fillOpacity: false } },
      }),
      Plot.text(known, {
        x: "year",
        y: "replacement_cost_usd",
        text: (d) => `${usd(d.replacement_cost_usd)}\n${count(d.separations)} left`,
        dy: -14,
        fontSize: 10,
        lineAnchor: "bottom",
      }),
      Plot.text(hidden, {
        x: "year",
        y: 0,
        text: () => "supp.",
        dy: -8,
        fontSize: 10,
        fill: "#555",
        fontStyle: "italic",
      }),
      Plot.ruleY([0]),
    ],
  });
}

// On a phone ten vertical bars leave no room for their labels: years become rows and each bar is
// labelled at its end with dollars and leavers on one line.
function costOfTurnoverRows(data, known, hidden, { width, document }) {
  const tip = {
    channels: {
      Leavers: "separations",
      "Leavers with pay on file": "separations_with_pay",
      Note: (d) => (d.partial ? "part year" : ""),
    },
    tip: { format: { y: "d", x: (v) => usd(v), fillOpacity: false } },
  };
  return Plot.plot({
    document,
    width,
    height: 26 * data.length + 50,
    marginLeft: 40,
    marginRight: 100,
    x: {
      label: "Estimated replacement cost (USD) →",
      domain: [0, usdAxisMax(Math.max(0, ...known.map((d) => d.replacement_cost_usd)), 1)],
      tickFormat: (v) => usd(v),
      ticks: 3,
      grid: true,
    },
    y: { label: null, type: "band", tickFormat: "d", domain: data.map((d) => d.year), padding: 0.2 },
    marks: [
      Plot.barX(known, {
        y: "year",
        x: "replacement_cost_usd",
        fill: "#0072B2",
        fillOpacity: (d) => (d.partial ? 0.45 : 1),
        ...tip,
      }),
      Plot.text(known, {
        y: "year",
        x: "replacement_cost_usd",
        text: (d) =>
          `${usd(d.replacement_cost_usd)} · ${count(d.separations)} left${d.partial ? " (part)" : ""}`,
        dx: 4,
        textAnchor: "start",
        fontSize: 10,
      }),
      Plot.text(hidden, {
        y: "year",
        x: 0,
        text: () => "suppressed",
        dx: 4,
        textAnchor: "start",
        fontSize: 10,
        fill: "#555",
        fontStyle: "italic",
      }),
      Plot.ruleX([0]),
    ],
  });
}
