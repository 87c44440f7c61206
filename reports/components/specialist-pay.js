import * as Plot from "@observablehq/plot";
import { endLabels, lineFrame, yearAxis } from "./end-labels.js";
import { seriesColors } from "./palette.js";
import { pct, usd } from "./findings.js";

/**
 * The manager role to compare specialists against: the leadership role named "manager", else the
 * leadership role in the middle of the ladder.
 */
export function managerRole(roles) {
  const leaders = roles
    .filter((r) => r.role_family === "leadership")
    .sort((a, b) => a.ladder_level - b.ladder_level);
  return (
    leaders.find((r) => /manager/i.test(r.role))?.role ??
    leaders[Math.floor(leaders.length / 2)]?.role ??
    null
  );
}

function comparison(rows, roles) {
  const manager = managerRole(roles);
  const specialists = new Set(roles.filter((r) => r.role_family === "specialist").map((r) => r.role));
  const data = rows.filter((d) => d.median_pay != null && (specialists.has(d.role) || d.role === manager));
  return { manager, specialists, data };
}

/**
 * The finding: in the latest year with both, the best-paid specialist role against the manager role.
 *
 * @param {{year: number, role: string, median_pay: number|null}[]} rows - marts.pay_position rows.
 * @param {{role: string, role_family: string, ladder_level: number}[]} roles - taxonomy roles.
 */
export function specialistPayTitle(rows, roles) {
  const { manager, specialists, data } = comparison(rows, roles);
  const years = [...new Set(data.map((d) => d.year))].sort((a, b) => b - a);
  for (const year of years) {
    const m = data.find((d) => d.year === year && d.role === manager);
    const s = data
      .filter((d) => d.year === year && specialists.has(d.role))
      .sort((a, b) => b.median_pay - a.median_pay)[0];
    if (!m || !s) continue;
    const ratio = s.median_pay / m.median_pay - 1;
    const word =
      ratio >= 0.005
        ? `${pct(ratio)} more than`
        : ratio <= -0.005
          ? `${pct(-ratio)} less than`
          : "about the same as";
    return `The best-paid specialists (${s.role}) earn ${word} ${manager}s: median ${usd(s.median_pay)} against ${usd(m.median_pay)}, ${year}`;
  }
  return "Not enough published pay to compare specialists with managers";
}

/**
 * Median pay by year for each specialist role and the manager role (black, dashed), labelled at the end.
 *
 * @param {object[]} rows - marts.pay_position rows for one organisation.
 * @param {{width: number, height?: number, roles: object[], document?: Document}} options
 */
export function specialistPayChart(rows, { width, height = 320, roles = [], document } = {}) {
  const { manager, data } = comparison(rows, roles);
  const series = [...new Set(data.map((d) => d.role))].sort(
    (a, b) => (a === manager) - (b === manager) || a.localeCompare(b),
  );
  const colors = seriesColors(series);
  colors.range = colors.domain.map((r, i) => (r === manager ? "#000000" : colors.range[i]));
  const yMin = Math.min(...data.map((d) => d.median_pay)) * 0.9;
  const yMax = Math.max(...data.map((d) => d.median_pay)) * 1.05;
  const lastYear = Math.max(...data.map((d) => d.year));
  const ends = series
    .map((role) =>
      data
        .filter((d) => d.role === role)
        .sort((a, b) => a.year - b.year)
        .at(-1),
    )
    .filter(Boolean)
    .map((d) => ({ x: lastYear, y: d.median_pay, key: d.role, label: `${d.role} ${usd(d.median_pay)}` }));
  return Plot.plot({
    ...lineFrame({ document, width, height, marginRight: width < 640 ? 170 : 300 }),
    marginLeft: 50,
    x: yearAxis(
      width,
      data.map((d) => d.year),
      10,
      (width < 640 ? 170 : 300) + 50,
    ),
    y: {
      label: "↑ Median annual base pay (USD)",
      domain: [yMin, yMax],
      tickFormat: (v) => usd(v),
      grid: true,
    },
    color: colors,
    marks: [
      ...series.map((role) =>
        Plot.lineY(
          data.filter((d) => d.role === role).sort((a, b) => a.year - b.year),
          {
            x: "year",
            y: "median_pay",
            stroke: "role",
            strokeWidth: role === manager ? 2.5 : 1.75,
            strokeDasharray: role === manager ? "6,3" : null,
          },
        ),
      ),
      Plot.dot(data, {
        x: "year",
        y: "median_pay",
        fill: "role",
        r: 3,
        channels: { People: "n" },
        tip: { format: { x: "d", y: (v) => usd(v), fill: true } },
      }),
      ...endLabels(ends, {
        yDomain: [yMin, yMax],
        plotHeight: height - 50,
        maxWidthPx: (width < 640 ? 170 : 300) - 20,
      }),
    ],
  });
}
