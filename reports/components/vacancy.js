import * as Plot from "@observablehq/plot";
import { count, plural, pct, rate } from "./findings.js";
import { stated } from "./quantity.js";
import { roleFamilyLabel, roleFamilyNoun, roleFamilyOrder } from "./taxonomy.js";
import { barRowsFrame, barRowsLayout, labelsAboveBars } from "./bar-rows.js";

/**
 * The finding: the vacancy rate of the whole department at the as-of date and the family where it is
 * highest.
 *
 * @param {{role_family: string, open_reqs: number|null, headcount: number|null,
 *   vacancy_rate: number|null}[]} rows - marts.vacancy rows for one organisation.
 * @returns {string}
 */
export function vacancyTitle(rows) {
  const all = rows.find((d) => d.role_family === "all");
  const families = rows
    .filter((d) => d.role_family !== "all" && d.vacancy_rate != null && d.open_reqs > 0)
    .sort((a, b) => b.vacancy_rate - a.vacancy_rate);
  if (!all || all.vacancy_rate == null) {
    return families.length
      ? `Vacancy is highest among ${roleFamilyNoun(families[0].role_family)}: ${rate(families[0].vacancy_rate)}`
      : "Vacancy rate not available for this selection";
  }
  if (!all.open_reqs)
    return `No positions were open at the as-of date (${plural(all.headcount, "person", "people")} in post)`;
  const head = `${rate(all.vacancy_rate)} of positions are open (${plural(all.open_reqs, "open requisition")} against ${plural(all.headcount, "person", "people")} in post)`;
  return families.length
    ? `${head}; highest among ${roleFamilyNoun(families[0].role_family)} at ${rate(families[0].vacancy_rate)}`
    : head;
}

/**
 * What vacancyTitle states of the whole department, for the test that every page states it alike
 * (quantity.js): the vacancy rate and the open requisitions at the as-of date.
 *
 * @param {object[]} rows - as for vacancyTitle.
 * @param {string} asOf - the as-of date, the period of every row.
 */
export function vacancyStated(rows, asOf) {
  const all = rows.find((d) => d.role_family === "all");
  if (!all || all.vacancy_rate == null || !all.open_reqs) return [];
  return [
    stated("vacancy_rate", rate(all.vacancy_rate), { period: asOf }),
    stated("open_requisitions", count(all.open_reqs), { period: asOf, after: "(" }),
  ];
}

/**
 * Vacancy rate by role family (bars, each labelled with the rate and the open requisitions), the whole
 * department as a dashed reference line; suppressed families say so.
 *
 * @param {object[]} rows - marts.vacancy rows for one organisation.
 * @param {{width: number, document?: Document}} options
 */
export function vacancyChart(rows, { width, document } = {}) {
  const order = roleFamilyOrder(rows.filter((d) => d.role_family !== "all").map((d) => d.role_family));
  const data = order.map((f) => ({ ...rows.find((d) => d.role_family === f), label: roleFamilyLabel(f) }));
  const known = data.filter((d) => d.vacancy_rate != null);
  const hidden = data.filter((d) => d.vacancy_rate == null);
  const all = rows.find((d) => d.role_family === "all" && d.vacancy_rate != null);
  const layout = barRowsLayout(width, data.length, { marginLeft: 190 });
  const { narrow } = layout;
  const xMax = Math.max(0.05, all?.vacancy_rate ?? 0, ...known.map((d) => d.vacancy_rate)) * 1.25;
  return Plot.plot({
    ...barRowsFrame(layout, { width, domain: data.map((d) => d.label), document }),
    marginRight: 40,
    marginTop: 26,
    x: { label: "Vacancy rate (% of positions open) →", percent: true, domain: [0, xMax * 100], grid: true },
    marks: [
      Plot.barX(known, {
        x: "vacancy_rate",
        y: "label",
        fill: "#E69F00",
        channels: { "Open requisitions": "open_reqs", Headcount: "headcount" },
        tip: { format: { x: (v) => `${v.toFixed(1)}%`, y: true } },
      }),
      all ? Plot.ruleX([all.vacancy_rate], { stroke: "black", strokeDasharray: "4,3" }) : null,
      all
        ? Plot.text([all.vacancy_rate], {
            x: (d) => d,
            frameAnchor: "top",
            text: (d) => `All staff ${pct(d)}`,
            dy: -4,
            dx: 4,
            textAnchor: "start",
            lineAnchor: "bottom",
            fontSize: 10,
          })
        : null,
      Plot.text(known, {
        x: "vacancy_rate",
        y: "label",
        text: (d) => `${pct(d.vacancy_rate)} · ${count(d.open_reqs)} open`,
        // a white halo keeps the label legible where the all-staff line crosses it
        stroke: "white",
        strokeWidth: 4,
        fill: "black",
        dx: 6,
        textAnchor: "start",
        fontSize: 11,
      }),
      Plot.text(hidden, {
        x: 0,
        y: "label",
        text: (d) => `suppressed: ${d.suppressed ?? "not published"}`,
        stroke: "white",
        strokeWidth: 4,
        dx: 4,
        textAnchor: "start",
        fontSize: 11,
        fill: "#555",
        fontStyle: "italic",
      }),
      labelsAboveBars(data, { y: "label", text: "label", narrow }),
      Plot.ruleX([0]),
    ],
  });
}
