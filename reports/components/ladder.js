import * as Plot from "@observablehq/plot";
import { barRowsFrame, barRowsLayout, labelsAboveBars } from "./bar-rows.js";
import { count, enoughForHeadline, markOpacity, MIN_EVENTS, plural } from "./findings.js";

/**
 * Steps up the ladder (to a higher ladder level), in ladder order: first the step's starting level,
 * then its destination.
 *
 * @param {{from_role: string, to_role: string, n: number|null, median_months: number|null}[]} rows
 * @param {{role: string, ladder_level: number}[]} roles
 */
export function ladderSteps(rows, roles) {
  const level = new Map(roles.map((r) => [r.role, r.ladder_level]));
  return rows
    .filter(
      (d) => d.from_role !== "all" && (level.get(d.to_role) ?? 0) > (level.get(d.from_role) ?? Infinity),
    )
    .map((d) => ({
      ...d,
      step: `${d.from_role} → ${d.to_role}`,
      from_level: level.get(d.from_role),
      to_level: level.get(d.to_role),
    }))
    .sort((a, b) => a.from_level - b.from_level || a.to_level - b.to_level || a.step.localeCompare(b.step));
}

/**
 * The finding: median months for the two most travelled steps up the ladder.
 *
 * @param {object[]} rows - marts.promotion_time rows for one organisation.
 * @param {object[]} roles - taxonomy roles.
 */
export function ladderTitle(rows, roles) {
  // A median of one or two promotions is one or two people's careers: no headline from it.
  const steps = ladderSteps(rows, roles)
    .filter((d) => d.median_months != null && enoughForHeadline({ events: d.n }))
    .sort((a, b) => b.n - a.n || a.from_level - b.from_level);
  if (!steps.length)
    return ladderSteps(rows, roles).some((d) => d.median_months != null)
      ? `Too few promotions for a finding: no step has at least ${MIN_EVENTS} (a median needs at least ${MIN_EVENTS})`
      : "No promotions to time in this selection";
  const [a, b] = steps;
  const first = `${a.step} takes a median ${plural(a.median_months, "month")} (${plural(a.n, "promotion")})`;
  // promotions of every year of the data: said, so they are not read as the year's promotions of Role evolution
  const both = b
    ? `${first}; ${b.step} ${plural(b.median_months, "month")} (${plural(b.n, "promotion")})`
    : first;
  return `${both}, all years of the data`;
}

/**
 * Median months before each step up the ladder (bars, in ladder order), labelled with the months and
 * how many people made the step; suppressed steps say so.
 *
 * @param {object[]} rows - marts.promotion_time rows for one organisation.
 * @param {{width: number, roles: object[], document?: Document}} options
 */
export function ladderChart(rows, { width, roles = [], document } = {}) {
  const steps = ladderSteps(rows, roles);
  const shown = steps.filter((d) => d.median_months != null);
  const hidden = steps.filter((d) => d.median_months == null);
  const layout = barRowsLayout(width, steps.length, { marginLeft: 380 });
  const { narrow } = layout;
  return Plot.plot({
    ...barRowsFrame(layout, { width, domain: steps.map((d) => d.step), document }),
    marginRight: 110,
    x: { label: "Median months in the first role before the step →", grid: true, nice: true },
    marks: [
      Plot.barX(shown, {
        x: "median_months",
        y: "step",
        fill: "#009E73",
        // a step made by under 5 people is drawn pale: one or two people's careers
        fillOpacity: (d) => markOpacity(d.n),
        ariaLabel: (d) => `${d.step}: n=${count(d.n)}`,
        channels: { People: "n" },
        tip: { format: { y: true, x: true } },
      }),
      Plot.text(shown, {
        x: "median_months",
        y: "step",
        text: (d) => `${count(d.median_months)} mo · n=${count(d.n)}`,
        dx: 6,
        textAnchor: "start",
        fontSize: 11,
      }),
      Plot.text(hidden, {
        x: 0,
        y: "step",
        text: (d) => `suppressed: ${d.suppressed ?? "too few people"}`,
        dx: 4,
        textAnchor: "start",
        fontSize: 11,
        fill: "#555",
        fontStyle: "italic",
      }),
      labelsAboveBars(steps, { y: "step", text: "step", narrow }),
      Plot.ruleX([0]),
    ],
  });
}
