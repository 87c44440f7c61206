// Direct labels for the society's line charts, as on a hospital's site (components/end-labels.js): a
// swatch in the series' colour and its name and last value, spread so that no two overlap. A series
// whose last published point comes before the chart's last year is labelled where it ends instead,
// so its label never sits beside a year it has no value for.
import * as Plot from "@observablehq/plot";
import { endLabels } from "../components/end-labels.js";

/**
 * @param {object[]} rows - the drawn rows (published values only).
 * @param {{x: string, y: string, z: string, label: (code: string) => string, format: (v: number) => string,
 *   yDomain: [number, number], plotHeight: number, maxWidthPx?: number}} options
 * @returns {Plot.Markish[]}
 */
export function seriesLabels(rows, { x, y, z, label, format, yDomain, plotHeight, maxWidthPx }) {
  const lastX = Math.max(...rows.map((d) => d[x]));
  const endOf = (key) => Math.max(...rows.filter((d) => d[z] === key).map((d) => d[x]));
  const atEnd = rows.filter((d) => d[x] === lastX);
  const early = rows.filter((d) => endOf(d[z]) < lastX && d[x] === endOf(d[z]));
  return [
    ...endLabels(
      atEnd.map((d) => ({ x: d[x], y: d[y], key: d[z], label: `${label(d[z])} ${format(d[y])}` })),
      { yDomain, plotHeight, maxWidthPx },
    ),
    Plot.text(early, {
      x,
      y,
      z,
      text: (d) => label(d[z]),
      dx: 6,
      textAnchor: "start",
      fill: z,
      fontSize: 11,
    }),
  ];
}
