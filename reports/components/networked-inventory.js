import * as Plot from "@observablehq/plot";
import { yearAxis } from "./end-labels.js";
import { count, direction, pct, rate, yearSpan } from "./findings.js";
import { stated } from "./quantity.js";

/**
 * The finding: the networked share of the active inventory, first year against last.
 *
 * @param {{year: number, active_assets: number, networked_share: number|null}[]} rows - one organisation.
 */
export function networkedInventoryTitle(rows) {
  const data = rows.filter((d) => d.networked_share != null).sort((a, b) => a.year - b.year);
  if (!data.length) return "The asset export does not say which devices are networked";
  const first = data[0];
  const last = data[data.length - 1];
  if (first.year === last.year)
    return `${rate(last.networked_share)} of the active inventory is networked (${last.year})`;
  const verb = direction(first.networked_share, last.networked_share);
  const span = yearSpan(first.year, last.year);
  if (verb === "held")
    return `Networked devices held at ${rate(last.networked_share)} of the inventory, ${span}`;
  return `Networked devices ${verb} from ${rate(first.networked_share)} to ${rate(last.networked_share)} of the inventory, ${span}`;
}

/**
 * The last year's networked share and devices per technical FTE as the titles state them, for the test
 * that every page states them alike (quantity.js).
 *
 * @param {object[]} rows - marts.inventory_load rows of one organisation.
 */
export function inventoryStated(rows) {
  const last = (key) =>
    rows
      .filter((d) => d[key] != null)
      .sort((a, b) => a.year - b.year)
      .at(-1);
  const share = last("networked_share");
  const load = last("assets_per_technical_fte");
  return [
    share && stated("networked_share", rate(share.networked_share), { period: share.year }),
    load && stated("assets_per_technical_fte", count(load.assets_per_technical_fte), { period: load.year }),
  ].filter(Boolean);
}

/**
 * Active assets at each year's snapshot, split into networked (dark, bottom) and other (light, hatched
 * by position on top), with the networked share written above each bar.
 *
 * @param {{year: number, active_assets: number, networked_assets: number, networked_share: number|null}[]} rows
 * @param {{width: number, height?: number, document?: Document}} options
 */
export function networkedInventoryChart(rows, { width, height = 300, document } = {}) {
  const data = [...rows].sort((a, b) => a.year - b.year);
  const long = data.flatMap((d) => [
    { year: d.year, what: "Networked", assets: d.networked_assets },
    { year: d.year, what: "Not networked or unknown", assets: d.not_networked_assets },
  ]);
  const narrow = width < 640;
  // Label every k-th bar so labels (about 34 px wide) never touch; always the last.
  const every = Math.max(1, Math.ceil((34 * data.length) / Math.max(1, width - 60)));
  const labelled = data.filter((d, i) => (data.length - 1 - i) % every === 0);
  return Plot.plot({
    document,
    width,
    height,
    marginTop: 36,
    x: {
      label: null,
      tickFormat: "d",
      type: "band",
      padding: 0.15,
      ticks: data.map((d) => d.year).filter((y, i) => (data.length - 1 - i) % every === 0),
    },
    y: { label: "↑ Active devices", grid: true, tickFormat: "s" },
    color: { domain: ["Networked", "Not networked or unknown"], range: ["#0072B2", "#c6dbef"], legend: true },
    marks: [
      Plot.barY(long, {
        x: "year",
        y: "assets",
        fill: "what",
        order: ["Networked", "Not networked or unknown"],
        tip: { format: { x: "d", y: ",d" } },
      }),
      Plot.text(labelled, {
        x: "year",
        y: "active_assets",
        text: (d) => (d.networked_share == null ? "" : pct(d.networked_share)),
        dy: -8,
        fontSize: narrow ? 9 : 11,
      }),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * The finding: devices per technical FTE in the last year, against the ~1,000 rule of thumb.
 *
 * @param {{year: number, assets_per_technical_fte: number|null}[]} rows
 */
export function inventoryLoadTitle(rows) {
  const data = rows.filter((d) => d.assets_per_technical_fte != null).sort((a, b) => a.year - b.year);
  if (!data.length) return "No technical staff to set the inventory against";
  const last = data[data.length - 1];
  return `${count(last.assets_per_technical_fte)} active devices per technical FTE in ${last.year} (rule of thumb: about 1,000)`;
}

/**
 * Active devices per technical FTE by year (line with dots) and the ~1,000 devices-per-BMET rule of
 * thumb as a labelled dashed reference line.
 *
 * @param {object[]} rows - marts.inventory_load rows for one organisation.
 * @param {{width: number, height?: number, document?: Document}} options
 */
export function inventoryLoadChart(rows, { width, height = 260, document } = {}) {
  const data = rows.filter((d) => d.assets_per_technical_fte != null).sort((a, b) => a.year - b.year);
  const yMax = Math.max(1200, ...data.map((d) => d.assets_per_technical_fte)) * 1.1;
  return Plot.plot({
    document,
    width,
    height,
    marginRight: 20,
    x: yearAxis(
      width,
      data.map((d) => d.year),
      12,
    ),
    y: { label: "↑ Active devices per technical FTE", domain: [0, yMax], grid: true },
    marks: [
      Plot.ruleY([1000], { stroke: "#666", strokeDasharray: "5,4" }),
      Plot.text([1000], {
        x: data.length ? data[0].year : 0,
        y: (d) => d,
        text: () => "rule of thumb ≈ 1,000 per technician",
        dy: -7,
        textAnchor: "start",
        fontSize: 10,
        fill: "#555",
      }),
      Plot.lineY(data, { x: "year", y: "assets_per_technical_fte", stroke: "#0072B2", strokeWidth: 2 }),
      Plot.dot(data, {
        x: "year",
        y: "assets_per_technical_fte",
        fill: "#0072B2",
        r: 4,
        channels: { "Active devices": "active_assets", "Technical FTE": "technical_fte" },
        tip: { format: { x: "d", y: ",.0f", "Technical FTE": ".1f" } },
      }),
      Plot.ruleY([0]),
    ],
  });
}
