import * as Plot from "@observablehq/plot";
import { wrapLabel } from "./wrap-label.js";
import { domainLabel, domainOrder } from "./taxonomy.js";
import { fte, listOf } from "./findings.js";

/**
 * One organisation's year of marts.staffing_gap: the domain rows and the two totals. Without `year`, the
 * mart's headline year (is_latest_complete_year), else the latest year it has for the org.
 *
 * @param {object[]} rows - marts.staffing_gap rows.
 * @param {string} org
 * @param {number} [year]
 * @returns {{year: number|null, domains: object[], specialist: object|null, all: object|null}}
 */
export function staffingGap(rows, org, year) {
  const mine = rows.filter((d) => d.org_id === org);
  const chosen =
    year ??
    mine.find((d) => d.is_latest_complete_year)?.year ??
    (mine.length ? Math.max(...mine.map((d) => d.year)) : null);
  const inYear = mine.filter((d) => d.year === chosen);
  return {
    year: chosen,
    domains: inYear.filter((d) => !d.is_total && d.demand_fte != null),
    specialist: inYear.find((d) => d.domain === "specialist") ?? null,
    all: inYear.find((d) => d.domain === "all") ?? null,
  };
}

// Below a twentieth of an FTE a shortfall prints as 0.0 FTE: not a gap anyone could staff.
const VISIBLE_FTE = 0.05;

/**
 * The specialist gap in words, the same on every page that states it (overview card and chart,
 * Specialist demand, budget brief): the 'specialist' total's shortfall, and the domains short of
 * staff by name.
 *
 * @param {ReturnType<typeof staffingGap>} gap
 * @returns {{value: string, sentence: string}}
 */
export function staffingGapHeadline(gap) {
  const total = gap.specialist;
  if (gap.year == null || total == null || total.demand_fte == null)
    return { value: "–", sentence: "Specialist gap: no in-house work orders to measure it against" };
  const short = gap.domains
    .filter((d) => d.specialist_rank != null && d.shortfall_fte >= VISIBLE_FTE)
    .sort((a, b) => a.specialist_rank - b.specialist_rank);
  if (total.shortfall_fte < VISIBLE_FTE || !short.length)
    return {
      value: "none",
      sentence: `Specialist gap in ${gap.year}: none; qualified staff (${fte(total.qualified_supply_fte ?? total.supply_fte)}) cover the specialist work (${fte(total.demand_fte)}) in every specialist domain`,
    };
  const named = short.slice(0, 3).map((d) => `${domainLabel(d.domain)} ${fte(d.shortfall_fte)}`);
  const rest = short.length - named.length;
  return {
    value: fte(total.shortfall_fte),
    sentence: `Specialist gap in ${gap.year}: ${fte(total.shortfall_fte)} of specialist work has no specialist to do it (${listOf(named)}${rest ? `, and ${rest} more ${rest === 1 ? "domain" : "domains"}` : ""})`,
  };
}

/**
 * How need, staff and the specialist gap are counted, in a director's words: the one caption every page
 * that shows the staffing gap carries.
 *
 * @param {number} hoursPerFte - productive hours per FTE (an assumption).
 * @param {string} [basis] - marts.staffing_gap supply_basis of the total row ('work', 'mixed', 'role').
 */
export function staffingGapDefinition(hoursPerFte, basis = "work") {
  const staff =
    basis === "role"
      ? "Staff = FTE of people in the roles that own the domain: the work orders do not say who did the work, so staff are counted by their role"
      : `Staff = each technician's FTE split across the domains by the share of their own logged hours (people with no logged work count in their role's domain; leaders' time beyond their logged work is counted apart)${basis === "mixed" ? "; where work orders do not say who did the work, by role" : ""}`;
  return `Need = in-house labour hours ÷ ${Math.round(hoursPerFte).toLocaleString("en-US")} productive hours per FTE (an assumption). ${staff}. Gap = need − staff; the domains add up to the total. Specialist gap = work in the specialist domains done by no one whose role is qualified for it (generalists covering it, or no one), domain by domain.`;
}

/**
 * Dumbbell per domain for one year: demand (filled circle) and supply (hollow square) joined by a line
 * whose length is the gap; values written beside the marks.
 *
 * @param {object[]} rows - one year's domain rows of marts.staffing_gap (staffingGap().domains), or rows with
 *   supply_after_fte (scenarioCase().rows of budget-case.js) to draw the staff after a scenario as well.
 * @param {{width: number, document?: Document}} options
 */
export function demandSupplyChart(rows, { width, document } = {}) {
  const order = domainOrder(rows.map((d) => d.domain));
  const data = rows.map((d) => ({ ...d, label: domainLabel(d.domain) }));
  const WORK = "Work (in-house hours ÷ productive hours)";
  const STAFF = "Staff doing the domain's work";
  const AFTER = "Staff after the what-if";
  const changed = data.filter((d) => d.supply_after_fte != null && d.supply_after_fte !== d.supply_fte);
  const long = data.flatMap((d) => [
    { label: d.label, what: WORK, value: d.demand_fte },
    { label: d.label, what: STAFF, value: d.supply_fte },
  ]);
  const after = changed.map((d) => ({ label: d.label, what: AFTER, value: d.supply_after_fte }));
  const series = changed.length ? [WORK, STAFF, AFTER] : [WORK, STAFF];
  const narrow = width < 640;
  const xMax = Math.max(
    0.5,
    ...data.map((d) => Math.max(d.demand_fte ?? 0, d.supply_fte ?? 0, d.supply_after_fte ?? 0)),
  );
  return Plot.plot({
    document,
    width,
    height: 34 * data.length + 70,
    marginLeft: narrow ? 96 : 190,
    marginRight: 70,
    x: { label: "Full-time equivalents (FTE) →", grid: true, domain: [0, xMax * 1.2], nice: true },
    y: {
      label: null,
      domain: order.map(domainLabel),
      tickSize: 0,
      // two short lines instead of one clipped one on a phone
      tickFormat: (label) => (narrow ? wrapLabel(label, 14) : label),
    },
    symbol: { domain: series, range: ["circle", "square", "diamond"], legend: true },
    color: { domain: series, range: ["#D55E00", "#0072B2", "#009E73"] },
    marks: [
      Plot.ruleX([0]),
      Plot.link(data, {
        x1: "supply_fte",
        x2: "demand_fte",
        y1: "label",
        y2: "label",
        stroke: "#999",
        strokeWidth: 3,
      }),
      Plot.dot(
        long.filter((d) => d.what === WORK),
        { x: "value", y: "label", symbol: "what", stroke: "what", fill: "what", r: 6, strokeWidth: 2 },
      ),
      Plot.dot(
        long.filter((d) => d.what === STAFF),
        { x: "value", y: "label", symbol: "what", stroke: "what", fill: "white", r: 6, strokeWidth: 2.5 },
      ),
      Plot.dot(after, { x: "value", y: "label", symbol: "what", stroke: "what", r: 7, strokeWidth: 2.5 }),
      Plot.tip(
        data,
        Plot.pointerY({
          x: "demand_fte",
          y: "label",
          channels: {
            Domain: "label",
            "Work (FTE)": "demand_fte",
            "Staff (FTE)": "supply_fte",
            ...(changed.length ? { "Staff after the what-if (FTE)": "supply_after_fte" } : {}),
            "Work − staff (FTE)": "gap_fte",
          },
          format: {
            x: false,
            y: false,
            "Work (FTE)": ".1f",
            "Staff (FTE)": ".1f",
            "Staff after the what-if (FTE)": ".1f",
            "Work − staff (FTE)": "+.1f",
          },
        }),
      ),
      Plot.text(data, {
        x: (d) => Math.max(d.demand_fte ?? 0, d.supply_fte ?? 0),
        y: "label",
        text: (d) =>
          d.gap_fte > 0.05
            ? `gap ${d.gap_fte.toFixed(1)}`
            : d.gap_fte < -0.05
              ? `surplus ${(-d.gap_fte).toFixed(1)}`
              : "",
        dx: 12,
        textAnchor: "start",
        fontSize: 11,
      }),
    ],
  });
}
