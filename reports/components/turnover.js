import * as Plot from "@observablehq/plot";
import { roleFamilyLabel, roleFamilyOrder } from "./taxonomy.js";
import {
  change,
  count,
  enoughForHeadline,
  markOpacity,
  MIN_EVENTS,
  pct,
  plural,
  rate,
  SHOW_N_BELOW,
  tooSmall,
  withN,
} from "./findings.js";
import { endLabels, lineFrame, yearAxis } from "./end-labels.js";
import { stated } from "./quantity.js";
import { wrapLabel } from "./wrap-label.js";

/**
 * The finding for one role family: turnover in the last complete year (and voluntary turnover), against
 * the first year.
 *
 * @param {{year: number, turnover_rate: number|null, voluntary_turnover_rate: number|null}[]} rows - one
 *   organisation and role family.
 * @param {{lastCompleteYear?: number}} [options] - years after it are partial and not used for the title.
 * @returns {string}
 */
export function turnoverTitle(rows, { lastCompleteYear = Infinity } = {}) {
  const years = rows
    .filter((d) => d.turnover_rate != null && d.year <= lastCompleteYear)
    .sort((a, b) => a.year - b.year);
  if (!years.length) return "No turnover to report in this selection";
  const last = years[years.length - 1];
  const first = years[0];
  // One leaver in a team of three is "33%": no rate headline under 5 people.
  if (!enoughForHeadline({ people: last.avg_headcount }))
    return tooSmall({ people: last.avg_headcount, what: `on average in ${last.year}` });
  const voluntary =
    last.voluntary_turnover_rate != null ? ` (voluntary ${rate(last.voluntary_turnover_rate)})` : "";
  const leavers = last.separations != null ? `, ${plural(last.separations, "leaver")}` : "";
  const head = `Turnover was ${rate(last.turnover_rate)} in ${last.year}${voluntary}${leavers}`;
  if (first.year === last.year) return withN(head, last.avg_headcount);
  const said = change({ subject: "", from: first.turnover_rate, to: last.turnover_rate, format: rate });
  const versus = said.changed
    ? `, against ${rate(first.turnover_rate)} in ${first.year}`
    : `, as in ${first.year}`;
  return `${head}${versus}${last.avg_headcount < 30 ? ` (average headcount ${Math.round(last.avg_headcount)})` : ""}`;
}

/**
 * The rates turnoverTitle states, for the test that every page states them alike (quantity.js): the
 * last complete year's total and voluntary turnover, when the title states them.
 *
 * @param {object[]} rows - as for turnoverTitle.
 * @param {{lastCompleteYear?: number}} [options]
 */
export function turnoverStated(rows, { lastCompleteYear = Infinity } = {}) {
  const last = rows
    .filter((d) => d.turnover_rate != null && d.year <= lastCompleteYear)
    .sort((a, b) => a.year - b.year)
    .at(-1);
  if (!last || !enoughForHeadline({ people: last.avg_headcount })) return [];
  return [
    stated("turnover_rate", rate(last.turnover_rate), { period: last.year, after: "was " }),
    stated("voluntary_turnover_rate", rate(last.voluntary_turnover_rate), {
      period: last.year,
      after: "voluntary ",
    }),
  ];
}

/**
 * The family with the highest turnover in `year`, among families of at least 5 people with at least 3
 * leavers; otherwise says there are too few to rank.
 *
 * @param {object[]} rows - marts.turnover_annual rows of one organisation, role families only.
 * @param {number} year
 */
export function turnoverByFamilyTitle(rows, year) {
  const inYear = rows.filter((d) => d.year === year && d.turnover_rate != null);
  if (!inYear.length) return "Turnover by role family";
  const ranked = inYear
    .filter((d) => enoughForHeadline({ people: d.avg_headcount }) && (d.separations ?? 0) >= MIN_EVENTS)
    .sort((a, b) => b.turnover_rate - a.turnover_rate);
  if (!ranked.length)
    return `No role family had at least ${MIN_EVENTS} leavers in ${year}: too few to rank families by turnover`;
  const top = ranked[0];
  return `${withN(roleFamilyLabel(top.role_family), top.avg_headcount)} had the highest turnover in ${year}: ${pct(top.turnover_rate)} (${plural(top.separations, "leaver")})`;
}

/**
 * Annual turnover rate (sum of monthly rates) by year: total (solid, circles) and voluntary (dashed,
 * triangles), each labelled at its end. A partial last year is drawn hollow.
 *
 * @param {object[]} rows - marts.turnover_annual rows for one organisation and role family.
 * @param {{width: number, height?: number, lastCompleteYear?: number, document?: Document}} options
 */
export function turnoverChart(rows, { width, height = 280, lastCompleteYear = Infinity, document } = {}) {
  const data = rows.filter((d) => d.turnover_rate != null).sort((a, b) => a.year - b.year);
  const long = data
    .flatMap((d) => [
      {
        year: d.year,
        what: "Total",
        rate: d.turnover_rate,
        partial: d.year > lastCompleteYear,
        separations: d.separations,
      },
      {
        year: d.year,
        what: "Voluntary",
        rate: d.voluntary_turnover_rate,
        partial: d.year > lastCompleteYear,
        separations: d.voluntary_separations,
      },
    ])
    .filter((d) => d.rate != null);
  const yMax = Math.max(0.05, ...long.map((d) => d.rate)) * 1.15;
  const ends = ["Total", "Voluntary"]
    .map((what) => long.filter((d) => d.what === what).at(-1))
    .filter(Boolean);
  return Plot.plot({
    ...lineFrame({ document, width, height, marginRight: 90 }),
    x: yearAxis(
      width,
      data.map((d) => d.year),
      12,
    ),
    y: {
      label: "↑ Turnover (% of average headcount per year)",
      percent: true,
      domain: [0, yMax * 100],
      grid: true,
    },
    color: { domain: ["Total", "Voluntary"], range: ["#0072B2", "#D55E00"] },
    symbol: { domain: ["Total", "Voluntary"], range: ["circle", "triangle"] },
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(
        long.filter((d) => d.what === "Total"),
        { x: "year", y: "rate", stroke: "what", strokeWidth: 2 },
      ),
      Plot.lineY(
        long.filter((d) => d.what === "Voluntary"),
        {
          x: "year",
          y: "rate",
          stroke: "what",
          strokeWidth: 2,
          strokeDasharray: "6,4",
        },
      ),
      Plot.dot(long, {
        x: "year",
        y: "rate",
        symbol: "what",
        stroke: "what",
        fill: (d) => (d.partial ? "white" : d.what),
        r: 4,
        strokeWidth: 1.5,
        channels: { Separations: "separations", Note: (d) => (d.partial ? "partial year" : "") },
        tip: { format: { x: "d", y: (v) => `${v.toFixed(1)}%`, fill: false, symbol: false } },
      }),
      ...endLabels(
        ends.map((d) => ({ x: d.year, y: d.rate, key: d.what, label: d.what })),
        { yDomain: [0, yMax], plotHeight: height - 50 },
      ),
    ],
  });
}

/**
 * Turnover rate by role family (rows) and year (columns) as a table of shaded cells, the rate written
 * in every cell; suppressed cells say so.
 *
 * @param {object[]} rows - marts.turnover_annual rows for one organisation, all role families.
 * @param {{width: number, document?: Document}} options
 */
export function turnoverByFamilyChart(rows, { width, document } = {}) {
  const data = rows
    .filter((d) => d.role_family !== "all")
    .map((d) => ({ ...d, label: roleFamilyLabel(d.role_family) }));
  const families = roleFamilyOrder(data.map((d) => d.role_family)).map(roleFamilyLabel);
  const years = [...new Set(data.map((d) => d.year))].sort((a, b) => a - b);
  const narrow = width < 640;
  // On a phone the family names wrap onto two lines and only the latest years that fit are drawn
  // (at least 46 px a cell, so "100%" fits); the CSV keeps every year.
  const marginLeft = narrow ? 92 : 180;
  const fits = Math.max(3, Math.floor((width - marginLeft - 10) / 46));
  const shown = years.slice(-fits);
  const cells = data.filter((d) => shown.includes(d.year));
  return Plot.plot({
    document,
    width,
    height: 36 * families.length + 50,
    marginLeft,
    x: { label: null, domain: shown, tickFormat: "d", axis: "top" },
    y: {
      label: null,
      domain: families,
      tickSize: 0,
      tickFormat: (f) => (narrow ? wrapLabel(f, 13) : f),
    },
    color: { type: "linear", scheme: "blues", domain: [0, 0.3], clamp: true },
    marks: [
      Plot.cell(cells, {
        x: "year",
        y: "label",
        fill: (d) => d.turnover_rate ?? undefined,
        // a rate of under 5 people is one or two leavers: drawn pale, its n written under it
        fillOpacity: (d) => markOpacity(d.avg_headcount),
        // what the cell rests on, for a screen reader and the e2e reading ("n=" is the convention)
        ariaLabel: (d) =>
          d.avg_headcount == null ? null : `${d.label} ${d.year}: n=${count(d.avg_headcount)}`,
        stroke: "white",
        channels: { Separations: "separations", "Average headcount": "avg_headcount" },
        tip: { format: { fill: (v) => (v == null ? "suppressed" : pct(v)), x: "d" } },
      }),
      Plot.text(cells, {
        x: "year",
        y: "label",
        text: (d) =>
          d.turnover_rate == null
            ? d.suppressed
              ? "supp."
              : "–"
            : // every cell under 30 people carries its n (the average headcount the rate divides by)
              `${pct(d.turnover_rate)}${d.avg_headcount != null && Math.round(d.avg_headcount) < SHOW_N_BELOW ? `\nn=${count(d.avg_headcount)}` : ""}`,
        fill: (d) =>
          (d.turnover_rate ?? 0) > 0.18 && markOpacity(d.avg_headcount) === 1 ? "white" : "black",
        fontSize: 10,
        lineHeight: 1.1,
      }),
    ],
  });
}
