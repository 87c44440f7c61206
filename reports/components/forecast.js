import * as Plot from "@observablehq/plot";
import { domainLabel } from "./palette.js";
import { fte } from "./findings.js";
import { latestActualYear } from "./demand-supply.js";

/**
 * The finding for one domain: forecast demand at the horizon with its 80% interval, against supply in
 * the last actual year.
 *
 * @param {object[]} rows - marts.specialist_demand rows for one organisation and one domain.
 * @returns {string}
 */
export function forecastTitle(rows) {
  const label = rows.length ? domainLabel(rows[0].domain) : "Demand";
  const forecast = rows.filter((d) => d.is_forecast).sort((a, b) => a.year - b.year);
  const year = latestActualYear(rows);
  const supply = rows.find((d) => !d.is_forecast && d.year === year)?.supply_fte;
  if (!forecast.length) return `${label}: not enough quarters of work orders for a forecast`;
  const end = forecast[forecast.length - 1];
  const interval =
    end.lower_80 != null && end.upper_80 != null
      ? ` (80% interval ${end.lower_80.toFixed(1)}–${end.upper_80.toFixed(1)})`
      : "";
  return `${label} work is forecast at ${fte(end.demand_fte)} in ${end.year}${interval}, against ${fte(supply)} of staff in ${year}`;
}

/**
 * Demand FTE by year (solid line, dots), its forecast (dashed, hollow dots) inside the 80% prediction
 * band, and supply FTE (squares); each series labelled at its end.
 *
 * @param {object[]} rows - marts.specialist_demand rows for one organisation and one domain.
 * @param {{width: number, height?: number, document?: Document}} options
 */
export function forecastChart(rows, { width, height = 300, document } = {}) {
  const data = [...rows].sort((a, b) => a.year - b.year);
  const actual = data.filter((d) => !d.is_forecast);
  const forecast = data.filter((d) => d.is_forecast);
  // The dashed forecast starts at the last actual point so the two lines join.
  const bridge = actual.length && forecast.length ? [actual[actual.length - 1], ...forecast] : forecast;
  const last = data[data.length - 1];
  const lastActual = actual[actual.length - 1];
  const yMax =
    Math.max(1, ...data.map((d) => Math.max(d.upper_80 ?? 0, d.demand_fte ?? 0, d.supply_fte ?? 0))) * 1.1;
  const labels = [
    last && { x: last.year, y: last.demand_fte, text: forecast.length ? "Forecast demand" : "Demand" },
    lastActual && { x: lastActual.year, y: lastActual.supply_fte, text: "Supply" },
  ].filter(Boolean);
  return Plot.plot({
    document,
    width,
    height,
    marginRight: 120,
    x: {
      label: null,
      tickFormat: "d",
      ticks: Math.min(Math.max(2, Math.floor((width - 120) / 56)), 12, data.length),
    },
    y: { label: "↑ Full-time equivalents (FTE)", domain: [0, yMax], grid: true },
    marks: [
      Plot.areaY(forecast, { x: "year", y1: "lower_80", y2: "upper_80", fill: "#D55E00", fillOpacity: 0.15 }),
      Plot.text(forecast.slice(-1), {
        x: "year",
        y: "upper_80",
        text: () => "80% interval",
        dy: -8,
        fontSize: 10,
        fill: "#8a3a00",
      }),
      Plot.ruleY([0]),
      Plot.lineY(actual, { x: "year", y: "demand_fte", stroke: "#D55E00", strokeWidth: 2 }),
      Plot.lineY(bridge, {
        x: "year",
        y: "demand_fte",
        stroke: "#D55E00",
        strokeWidth: 2,
        strokeDasharray: "5,4",
      }),
      Plot.dot(data, {
        x: "year",
        y: "demand_fte",
        stroke: "#D55E00",
        fill: (d) => (d.is_forecast ? "white" : "#D55E00"),
        r: 4,
        channels: {
          What: (d) => (d.is_forecast ? "Forecast demand" : "Demand"),
          "80% low": "lower_80",
          "80% high": "upper_80",
        },
        tip: {
          format: { x: "d", y: ".1f", fill: false, stroke: false, "80% low": ".1f", "80% high": ".1f" },
        },
      }),
      Plot.lineY(actual, { x: "year", y: "supply_fte", stroke: "#0072B2", strokeWidth: 2 }),
      Plot.dot(actual, {
        x: "year",
        y: "supply_fte",
        symbol: "square",
        fill: "#0072B2",
        r: 4,
        channels: { What: () => "Supply" },
        tip: { format: { x: "d", y: ".1f", fill: false, symbol: false } },
      }),
      Plot.text(labels, { x: "x", y: "y", text: "text", dx: 10, textAnchor: "start", fontSize: 11 }),
    ],
  });
}
