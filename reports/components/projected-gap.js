import * as Plot from "@observablehq/plot";
import { barRowsFrame, barRowsLayout, labelsAboveBars } from "./bar-rows.js";
import { fte, plural } from "./findings.js";
import { domainLabel, domainOrder } from "./taxonomy.js";

/** The last forecast year of marts.projected_supply rows (one organisation), or null. */
export function horizonYear(rows) {
  const years = rows.map((d) => d.year);
  return years.length ? Math.max(...years) : null;
}

function horizonRows(rows, year) {
  return rows.filter(
    (d) => d.year === year && d.domain !== "all" && d.domain !== "unmapped" && d.demand_fte != null,
  );
}

/** Under this many FTE, expected losses are said in whole people: "0.1 FTE retirements" of a team of two is noise. */
const TINY_TEAM_FTE = 10;

// Expected leavers and retirements of a small team in whole people (the expected FTE rounded).
function tinyTeamLosses(total, year) {
  const now = Math.round(total.supply_now_fte);
  const lost = Math.round(total.supply_now_fte - total.projected_supply_fte);
  const team = plural(now, "person", "people");
  return lost < 1
    ? ` Staff of about ${team}: fewer than one leaver or retirement expected by ${year}.`
    : ` Staff of about ${team}: about ${plural(lost, "person", "people")} expected to leave or retire by ${year}.`;
}

/**
 * The finding: the domain with the largest projected gap at the horizon, and what takes supply down.
 *
 * @param {object[]} rows - marts.projected_supply rows for one organisation.
 */
export function projectedGapTitle(rows, { year = horizonYear(rows) } = {}) {
  const data = horizonRows(rows, year);
  if (!data.length) return "No projection: needs a demand forecast and staff in post";
  const total = rows.find((d) => d.year === year && d.domain === "all");
  const worst = [...data].sort(
    (a, b) => b.projected_gap_fte - a.projected_gap_fte || a.domain.localeCompare(b.domain),
  )[0];
  const losing = !total
    ? ""
    : total.supply_now_fte < TINY_TEAM_FTE
      ? tinyTeamLosses(total, year)
      : ` Staff in post today fall from ${fte(total.supply_now_fte)} to ${fte(total.projected_supply_fte)} (${fte(total.expected_leavers_fte)} leavers, ${fte(total.expected_retirements_fte)} retirements expected).`;
  if (worst.projected_gap_fte <= 0.05)
    return `Projected staff cover the forecast work in every domain in ${year}.${losing}`;
  return `By ${year}, ${domainLabel(worst.domain)} is projected ${fte(worst.projected_gap_fte)} short: ${fte(worst.demand_fte)} of forecast work against ${fte(worst.projected_supply_fte)} of staff.${losing}`;
}

/**
 * Forecast demand (bar, with its 80% interval) against today's staff (black tick) and the staff
 * projected to remain (orange tick), by domain, at the horizon year.
 *
 * @param {object[]} rows - marts.projected_supply rows for one organisation.
 * @param {{width: number, year?: number, document?: Document}} options
 */
export function projectedGapChart(rows, { width, year = horizonYear(rows), document } = {}) {
  const data = horizonRows(rows, year);
  const order = domainOrder(data.map((d) => d.domain)).map(domainLabel);
  const layout = barRowsLayout(width, order.length, { marginLeft: 180, extra: 70 });
  const xMax = Math.max(
    1,
    ...data.map((d) => Math.max(d.demand_upper_80 ?? 0, d.demand_fte, d.supply_now_fte)),
  );
  const label = (d) => domainLabel(d.domain);
  return Plot.plot({
    ...barRowsFrame(layout, { width, domain: order, document }),
    marginRight: 20,
    marginTop: layout.narrow ? 30 : 34,
    x: { label: "FTE →", domain: [0, xMax * 1.05], grid: true },
    color: {
      legend: true,
      domain: ["Forecast work", "Staff today", "Staff projected"],
      range: ["#0072B2", "#000000", "#D55E00"],
    },
    marks: [
      Plot.barX(data, {
        x: "demand_fte",
        y: label,
        fill: () => "Forecast work",
        fillOpacity: 0.7,
        insetTop: 5,
        insetBottom: 5,
      }),
      Plot.ruleY(data, {
        x1: "demand_lower_80",
        x2: "demand_upper_80",
        y: label,
        stroke: "#0072B2",
        strokeWidth: 1.5,
      }),
      Plot.tickX(data, { x: "supply_now_fte", y: label, stroke: () => "Staff today", strokeWidth: 3 }),
      Plot.tickX(data, {
        x: "projected_supply_fte",
        y: label,
        stroke: () => "Staff projected",
        strokeWidth: 3,
      }),
      Plot.tip(
        data,
        Plot.pointerY({
          x: "demand_fte",
          y: label,
          channels: {
            "Forecast FTE": "demand_fte",
            "Staff today": "supply_now_fte",
            "Expected leavers": "expected_leavers_fte",
            "Expected retirements": "expected_retirements_fte",
            "Staff projected": "projected_supply_fte",
            "Projected gap": "projected_gap_fte",
          },
          format: {
            x: false,
            y: true,
            fill: false,
            stroke: false,
            "Forecast FTE": ".1f",
            "Staff today": ".1f",
            "Expected leavers": ".1f",
            "Expected retirements": ".1f",
            "Staff projected": ".1f",
            "Projected gap": "+.1f",
          },
        }),
      ),
      labelsAboveBars(order, { y: (d) => d, text: (d) => d, narrow: layout.narrow }),
    ],
  });
}
