import * as Plot from "@observablehq/plot";
import { domainLabel } from "./taxonomy.js";
import { fte } from "./findings.js";

/** "Q3 2026" for a quarter's first day. */
export function quarterLabel(quarterStart) {
  const d = new Date(quarterStart);
  return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
}

/**
 * The finding for one domain: demand projected at the last forecast quarter with its 80% prediction
 * interval, against the last actual quarter (and today's staff when given).
 *
 * @param {{domain: string, quarter_start: Date, demand_fte: number, lower_80: number|null,
 *   upper_80: number|null, is_forecast: boolean}[]} rows - marts.specialist_demand_forecast rows for
 *   one organisation and one domain.
 * @param {{supplyFte?: number|null}} [options] - staff FTE in the domain in the last actual year.
 * @returns {string}
 */
export function forecastTitle(rows, { supplyFte = null } = {}) {
  const label = rows.length ? domainLabel(rows[0].domain) : "Demand";
  const sorted = [...rows].sort((a, b) => +a.quarter_start - +b.quarter_start);
  const forecast = sorted.filter((d) => d.is_forecast);
  const actual = sorted.filter((d) => !d.is_forecast);
  if (!forecast.length) return `${label}: not enough quarters of work orders for a forecast`;
  const end = forecast.at(-1);
  const interval =
    end.lower_80 != null && end.upper_80 != null
      ? ` (80% prediction interval ${end.lower_80.toFixed(1)} to ${end.upper_80.toFixed(1)} FTE)`
      : "";
  const from = actual.length
    ? `, from ${fte(actual.at(-1).demand_fte)} in ${quarterLabel(actual.at(-1).quarter_start)}`
    : "";
  const staff = supplyFte != null ? `; ${fte(supplyFte)} of staff serve it today` : "";
  return `${label} demand is projected at ${fte(end.demand_fte)} in ${quarterLabel(end.quarter_start)}${interval}${from}${staff}`;
}

/**
 * Quarterly demand FTE (solid line, filled dots), the forecast quarters (dashed, hollow dots) inside
 * the shaded 80% prediction band, and today's staff as a dotted reference line; each labelled in words.
 *
 * @param {object[]} rows - marts.specialist_demand_forecast rows for one organisation and one domain.
 * @param {{width: number, height?: number, supplyFte?: number|null, document?: Document}} options
 */
export function forecastChart(rows, { width, height = 300, supplyFte = null, document } = {}) {
  const data = [...rows].sort((a, b) => +a.quarter_start - +b.quarter_start);
  const actual = data.filter((d) => !d.is_forecast);
  const forecast = data.filter((d) => d.is_forecast);
  // The band and the dashed line start at the last actual quarter so they join the actuals.
  const joint = actual.at(-1);
  const bridge = joint && forecast.length ? [joint, ...forecast] : forecast;
  const band =
    joint && forecast.length
      ? [{ ...joint, lower_80: joint.demand_fte, upper_80: joint.demand_fte }, ...forecast]
      : forecast;
  const narrow = width < 640;
  const yMax =
    Math.max(0.5, supplyFte ?? 0, ...data.map((d) => Math.max(d.upper_80 ?? 0, d.demand_fte ?? 0))) * 1.15;
  const last = data.at(-1);
  return Plot.plot({
    document,
    width,
    height,
    marginRight: narrow ? 20 : 120,
    marginTop: 24,
    x: { label: null, type: "utc", ticks: narrow ? 4 : 8, tickFormat: (d) => quarterLabel(d) },
    y: { label: "↑ Demand (FTE, annualised)", domain: [0, yMax], grid: true },
    marks: [
      Plot.areaY(band, {
        x: "quarter_start",
        y1: "lower_80",
        y2: "upper_80",
        fill: "#D55E00",
        fillOpacity: 0.15,
      }),
      Plot.ruleY([0]),
      supplyFte != null
        ? Plot.ruleY([supplyFte], { stroke: "#0072B2", strokeWidth: 1.5, strokeDasharray: "2,3" })
        : null,
      supplyFte != null
        ? Plot.text([supplyFte], {
            x: data[0]?.quarter_start,
            y: (d) => d,
            text: (d) => `Staff today ${fte(d)}`,
            dy: -7,
            textAnchor: "start",
            fontSize: 10,
            fill: "#0072B2",
          })
        : null,
      Plot.lineY(actual, { x: "quarter_start", y: "demand_fte", stroke: "#D55E00", strokeWidth: 2 }),
      Plot.lineY(bridge, {
        x: "quarter_start",
        y: "demand_fte",
        stroke: "#D55E00",
        strokeWidth: 2,
        strokeDasharray: "5,4",
      }),
      Plot.dot(data, {
        x: "quarter_start",
        y: "demand_fte",
        stroke: "#D55E00",
        fill: (d) => (d.is_forecast ? "white" : "#D55E00"),
        r: 3.5,
        channels: {
          Quarter: (d) => quarterLabel(d.quarter_start),
          What: (d) => (d.is_forecast ? "Forecast" : "Actual"),
          "80% low": "lower_80",
          "80% high": "upper_80",
        },
        tip: {
          format: { x: false, y: ".2f", fill: false, stroke: false, "80% low": ".2f", "80% high": ".2f" },
        },
      }),
      // Words, not colour, tell actual from forecast: labels at both ends of the forecast.
      joint
        ? Plot.text([joint], {
            x: "quarter_start",
            y: "demand_fte",
            text: () => "Actual",
            dy: 14,
            textAnchor: "end",
            fontSize: 10,
          })
        : null,
      last && last.is_forecast
        ? Plot.text([last], {
            x: "quarter_start",
            y: "upper_80",
            text: () => (narrow ? "Forecast, 80% band" : "Forecast with\n80% interval"),
            dy: -6,
            lineAnchor: "bottom",
            textAnchor: narrow ? "end" : "middle",
            fontSize: 10,
            fill: "#8a3a00",
          })
        : null,
    ],
  });
}
