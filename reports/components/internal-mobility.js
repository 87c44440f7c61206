import * as Plot from "@observablehq/plot";
import { endLabels, yearAxis } from "./end-labels.js";
import { enoughForHeadline, MIN_EVENTS, plural, tooSmall } from "./findings.js";

const per100 = (v) => (v == null || !Number.isFinite(v) ? "–" : v.toFixed(1));

/**
 * The finding: role moves and promotions per 100 staff in the last complete year, against the first.
 *
 * @param {{year: number, moves_per_100: number|null, promotions_per_100: number|null}[]} rows - one
 *   organisation, role_family 'all'.
 * @param {{lastCompleteYear?: number}} [options]
 * @returns {string}
 */
export function internalMobilityTitle(rows, { lastCompleteYear = Infinity } = {}) {
  const years = rows
    .filter((d) => d.moves_per_100 != null && d.year <= lastCompleteYear)
    .sort((a, b) => a.year - b.year);
  if (!years.length) return "No internal moves to report in this selection";
  const last = years.at(-1);
  const first = years[0];
  // A rate per 100 of a team under 5, or from fewer than 3 moves, is one person's move.
  if (!enoughForHeadline({ people: last.avg_headcount }))
    return tooSmall({ people: last.avg_headcount, what: `on an average day of ${last.year}` });
  // "on an average day": the mart's average daily headcount, not Retention's average headcount (the mean
  // of monthly averages), which can round to another whole number
  if (!enoughForHeadline({ events: last.moves }))
    return `${plural(last.moves, "role move")} in ${last.year} among ${plural(last.avg_headcount, "person", "people")} on an average day: too few for a rate`;
  const head = `${per100(last.moves_per_100)} role moves per 100 staff in ${last.year}, ${per100(last.promotions_per_100)} of them promotions`;
  return first.year === last.year
    ? head
    : `${head}, against ${per100(first.moves_per_100)} moves in ${first.year}`;
}

/**
 * Role moves (solid, circles) and promotions (dashed, triangles) per 100 average headcount by year,
 * each labelled at its end; a partial last year is drawn hollow.
 *
 * @param {object[]} rows - marts.internal_mobility rows for one organisation and role family.
 * @param {{width: number, height?: number, lastCompleteYear?: number, document?: Document}} options
 */
export function internalMobilityChart(
  rows,
  { width, height = 260, lastCompleteYear = Infinity, document } = {},
) {
  const data = rows.filter((d) => d.moves_per_100 != null).sort((a, b) => a.year - b.year);
  const long = data.flatMap((d) => [
    {
      year: d.year,
      what: "All role moves",
      value: d.moves_per_100,
      n: d.moves,
      partial: d.year > lastCompleteYear,
    },
    {
      year: d.year,
      what: "Promotions",
      value: d.promotions_per_100,
      n: d.promotions,
      partial: d.year > lastCompleteYear,
    },
  ]);
  const yMax = Math.max(1, ...long.map((d) => d.value ?? 0)) * 1.15;
  const ends = ["All role moves", "Promotions"]
    .map((w) => long.filter((d) => d.what === w).at(-1))
    .filter(Boolean);
  const narrow = width < 640;
  return Plot.plot({
    document,
    width,
    height,
    marginTop: 20,
    marginRight: narrow ? 86 : 110,
    x: yearAxis(
      width,
      data.map((d) => d.year),
      12,
    ),
    y: { label: "↑ Per 100 staff (average headcount) per year", domain: [0, yMax], grid: true },
    color: { domain: ["All role moves", "Promotions"], range: ["#009E73", "#CC79A7"] },
    symbol: { domain: ["All role moves", "Promotions"], range: ["circle", "triangle"] },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(
        long.filter((d) => d.what === "All role moves"),
        { x: "year", y: "value", stroke: "what", strokeWidth: 2 },
      ),
      Plot.lineY(
        long.filter((d) => d.what === "Promotions"),
        {
          x: "year",
          y: "value",
          stroke: "what",
          strokeWidth: 2,
          strokeDasharray: "6,4",
        },
      ),
      Plot.dot(long, {
        x: "year",
        y: "value",
        symbol: "what",
        stroke: "what",
        fill: (d) => (d.partial ? "white" : d.what),
        r: 4,
        strokeWidth: 1.5,
        channels: { People: "n", Note: (d) => (d.partial ? "year to date" : "") },
        tip: { format: { x: "d", y: ".1f", fill: false, symbol: false } },
      }),
      ...endLabels(
        ends.map((d) => ({
          x: d.year,
          y: d.value,
          key: d.what,
          label: narrow && d.what === "All role moves" ? "Moves" : d.what,
        })),
        { yDomain: [0, yMax], plotHeight: height - 50 },
      ),
    ],
  });
}
