import * as Plot from "@observablehq/plot";
import { wrapLabel } from "./wrap-label.js";
import { domainLabel, domainOrder } from "./taxonomy.js";
import { fte } from "./findings.js";

/** Last year with actual (not forecast) figures. */
export function latestActualYear(rows) {
  const years = rows.filter((d) => !d.is_forecast).map((d) => d.year);
  return years.length ? Math.max(...years) : null;
}

/**
 * The finding: the domain with the largest gap between demand and supply in the last actual year.
 *
 * @param {{year: number, domain: string, demand_fte: number, supply_fte: number, gap_fte: number,
 *   is_forecast: boolean}[]} rows - one organisation.
 * @returns {string}
 */
export function demandSupplyTitle(rows) {
  const year = latestActualYear(rows);
  if (year == null) return "No workload to measure demand against";
  const current = rows.filter((d) => !d.is_forecast && d.year === year && d.demand_fte != null);
  const top = [...current].sort((a, b) => (b.gap_fte ?? 0) - (a.gap_fte ?? 0))[0];
  if (!top || (top.gap_fte ?? 0) < 0.05) return `Staff in each domain cover its in-house workload (${year})`;
  const label = domainLabel(top.domain);
  return `${label}: ${fte(top.demand_fte)} of work against ${fte(top.supply_fte)} of staff in ${year}, a gap of ${fte(top.gap_fte)}`;
}

/**
 * Dumbbell per domain for one year: demand (filled circle) and supply (hollow square) joined by a line
 * whose length is the gap; values written beside the marks.
 *
 * @param {object[]} rows - marts.specialist_demand rows, one organisation.
 * @param {{width: number, year?: number, document?: Document}} options
 */
export function demandSupplyChart(rows, { width, year = latestActualYear(rows), document } = {}) {
  const current = rows.filter((d) => !d.is_forecast && d.year === year);
  const order = domainOrder(current.map((d) => d.domain));
  const data = current.map((d) => ({ ...d, label: domainLabel(d.domain) }));
  const long = data.flatMap((d) => [
    { label: d.label, what: "Demand (work ÷ productive hours)", value: d.demand_fte, gap: d.gap_fte },
    { label: d.label, what: "Supply (staff in the domain's roles)", value: d.supply_fte, gap: d.gap_fte },
  ]);
  const narrow = width < 640;
  const xMax = Math.max(0.5, ...data.map((d) => Math.max(d.demand_fte ?? 0, d.supply_fte ?? 0)));
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
    symbol: { domain: long.slice(0, 2).map((d) => d.what), range: ["circle", "square"], legend: true },
    color: { domain: long.slice(0, 2).map((d) => d.what), range: ["#D55E00", "#0072B2"] },
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
        long.filter((d) => d.what.startsWith("Demand")),
        {
          x: "value",
          y: "label",
          symbol: "what",
          stroke: "what",
          fill: "what",
          r: 6,
          strokeWidth: 2,
          channels: { Domain: "label", "Gap (FTE)": (d) => d.gap },
          tip: {
            format: { y: false, symbol: false, stroke: false, fill: false, x: ".1f", "Gap (FTE)": ".1f" },
          },
        },
      ),
      Plot.dot(
        long.filter((d) => d.what.startsWith("Supply")),
        {
          x: "value",
          y: "label",
          symbol: "what",
          stroke: "what",
          fill: "white",
          r: 6,
          strokeWidth: 2.5,
          channels: { Domain: "label", "Gap (FTE)": (d) => d.gap },
          tip: { format: { y: false, symbol: false, stroke: false, x: ".1f", "Gap (FTE)": ".1f" } },
        },
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
