import * as Plot from "@observablehq/plot";
import { seriesColors } from "./palette.js";
import { certificationLabel } from "./taxonomy.js";
import { endLabels, lineFrame, yearAxis } from "./end-labels.js";
import { enoughForHeadline, pct, tooSmall, withN, yearSpan } from "./findings.js";

/**
 * The finding: the certification whose coverage grew most between its first and last reported year.
 *
 * @param {{year: number, certification: string, coverage: number|null}[]} rows - one organisation.
 * @returns {string}
 */
export function certificationAdoptionTitle(rows) {
  const data = rows.filter((d) => d.coverage != null && d.certification !== "any");
  if (!data.length) return "No certifications in this selection";
  const years = [...new Set(data.map((d) => d.year))].sort((a, b) => a - b);
  const first = years[0];
  const last = years[years.length - 1];
  const at = (year, cert) => data.find((d) => d.year === year && d.certification === cert)?.coverage ?? 0;
  const staff = data.find((d) => d.year === last)?.headcount;
  if (!enoughForHeadline({ people: staff })) return tooSmall({ people: staff, what: `in ${last}` });
  const ofStaff = withN("of staff", staff);
  let best = null;
  for (const cert of new Set(data.map((d) => d.certification))) {
    const from = at(first, cert);
    const to = at(last, cert);
    if (!best || to - from > best.to - best.from) best = { cert, from, to };
  }
  if (first === last || Math.round(best.to * 100) <= Math.round(best.from * 100)) {
    const top = data.filter((d) => d.year === last).sort((a, b) => b.coverage - a.coverage)[0];
    return `${certificationLabel(top.certification)} is the most held certification: ${pct(top.coverage)} ${ofStaff} in ${last}`;
  }
  return `${certificationLabel(best.cert)} spread fastest: from ${pct(best.from)} to ${pct(best.to)} ${ofStaff}, ${yearSpan(first, last)}`;
}

/**
 * Certifications with the highest coverage in the last year, at most `top` of them.
 *
 * @param {{year: number, certification: string, coverage: number|null}[]} rows
 */
export function leadingCertifications(rows, top = 7) {
  const years = rows.map((d) => d.year);
  const last = Math.max(...years);
  return rows
    .filter((d) => d.year === last && d.coverage != null && d.certification !== "any")
    .sort((a, b) => b.coverage - a.coverage || a.certification.localeCompare(b.certification))
    .slice(0, top)
    .map((d) => d.certification);
}

/**
 * Coverage (share of headcount holding a valid certification at year end) by certification and year,
 * one line per certification with dot markers, labelled at its end.
 *
 * @param {{year: number, certification: string, coverage: number|null, holders: number}[]} rows
 * @param {{width: number, height?: number, top?: number, document?: Document}} options
 */
export function certificationAdoptionChart(rows, { width, height = 340, top = 7, document } = {}) {
  const keep = new Set(leadingCertifications(rows, top));
  const data = rows
    .filter((d) => keep.has(d.certification))
    .map((d) => ({ ...d, label: certificationLabel(d.certification) }))
    .sort((a, b) => a.year - b.year);
  const lastYear = Math.max(...data.map((d) => d.year));
  const yMax = Math.min(1, Math.max(0.1, ...data.map((d) => d.coverage ?? 0)) * 1.1);
  const marginTop = 20;
  const marginBottom = 30;
  const labels = data
    .filter((d) => d.year === lastYear && d.coverage != null)
    .map((d) => ({ x: d.year, y: d.coverage, key: d.certification, label: `${d.label} ${pct(d.coverage)}` }));
  return Plot.plot({
    ...lineFrame({ document, width, height, marginTop, marginBottom, marginRight: width < 640 ? 150 : 180 }),
    x: yearAxis(
      width,
      data.map((d) => d.year),
      10,
    ),
    y: {
      label: "↑ Staff holding a valid certification (%)",
      percent: true,
      domain: [0, yMax * 100],
      grid: true,
    },
    color: seriesColors([...keep]),
    marks: [
      Plot.ruleY([0]),
      Plot.lineY(data, {
        x: "year",
        y: "coverage",
        z: "certification",
        stroke: "certification",
        strokeWidth: 2,
      }),
      Plot.dot(data, {
        x: "year",
        y: "coverage",
        fill: "certification",
        r: 3,
        channels: { Certification: "label", Holders: "holders", "Expiring in 90 days": "expiring_90d" },
        tip: { format: { fill: false, x: "d", y: (v) => `${Math.round(v)}%` } },
      }),
      ...endLabels(labels, {
        yDomain: [0, yMax],
        plotHeight: height - marginTop - marginBottom,
        maxWidthPx: (width < 640 ? 150 : 180) - 24,
      }),
    ],
  });
}
