import * as Plot from "@observablehq/plot";
import { domainColors } from "./palette.js";
import { domainLabel, domainOrder } from "./taxonomy.js";
import { endLabels, lineFrame } from "./end-labels.js";
import { direction, pct, yearOf, yearSpan } from "./findings.js";

// Networking, integration and cybersecurity are the field's rising IT work; told together they are
// the story a director needs, so the title considers them as one group when all moved the same way.
// networking_integration: the merged domain of older taxonomies, still read from a user's own.
const IT_DOMAINS = ["networking", "integration", "networking_integration", "cybersecurity"];

/**
 * Share of in-house hours by domain for each calendar year, weighted by hours (not an average of
 * quarterly shares).
 *
 * @param {{quarter_start: Date, domain: string, hours: number}[]} rows - one organisation.
 * @returns {{year: number, domain: string, hours: number, share: number}[]}
 */
export function workloadShareByYear(rows) {
  const byYear = new Map();
  for (const d of rows) {
    const year = yearOf(d.quarter_start);
    if (!byYear.has(year)) byYear.set(year, new Map());
    const m = byYear.get(year);
    m.set(d.domain, (m.get(d.domain) ?? 0) + (d.hours ?? 0));
  }
  const out = [];
  for (const [year, m] of [...byYear].sort((a, b) => a[0] - b[0])) {
    const total = [...m.values()].reduce((s, v) => s + v, 0);
    for (const [domain, hours] of m) out.push({ year, domain, hours, share: total > 0 ? hours / total : 0 });
  }
  return out;
}

/**
 * The finding: the domain (or networking + cybersecurity together) whose share of in-house hours moved
 * most between the first and the last year.
 *
 * @param {{quarter_start: Date, domain: string, hours: number}[]} rows
 * @returns {string}
 */
export function workloadMixTitle(rows) {
  const yearly = workloadShareByYear(rows);
  const years = [...new Set(yearly.map((d) => d.year))];
  if (!years.length) return "No in-house work orders in this selection";
  const first = years[0];
  const last = years[years.length - 1];
  const share = (year, domains) =>
    yearly.filter((d) => d.year === year && domains.includes(d.domain)).reduce((s, d) => s + d.share, 0);
  if (first === last) {
    const top = yearly.filter((d) => d.year === last).sort((a, b) => b.share - a.share)[0];
    return `${domainLabel(top.domain)} was ${pct(top.share)} of in-house hours in ${last}`;
  }
  const candidates = domainOrder(yearly.map((d) => d.domain)).map((d) => ({
    label: domainLabel(d),
    domains: [d],
  }));
  const itDomains = IT_DOMAINS.filter((d) => yearly.some((r) => r.domain === d));
  const itDeltas = itDomains.map((d) => share(last, [d]) - share(first, [d]));
  if (itDomains.length > 1 && (itDeltas.every((v) => v > 0) || itDeltas.every((v) => v < 0))) {
    const labels = itDomains.map((d) => domainLabel(d));
    const label = `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
    candidates.push({ label: label.charAt(0) + label.slice(1).toLowerCase(), domains: itDomains });
  }
  let best = null;
  for (const c of candidates) {
    const from = share(first, c.domains);
    const to = share(last, c.domains);
    const delta = Math.abs(to - from);
    if (!best || delta > best.delta + 1e-9) best = { ...c, from, to, delta };
  }
  const verb = direction(best.from, best.to);
  const span = yearSpan(first, last);
  if (verb === "held") return `The mix of in-house hours held steady, ${span}`;
  return `${best.label} ${verb} from ${pct(best.from)} to ${pct(best.to)} of in-house hours, ${span}`;
}

/**
 * Stacked area of each domain's share of in-house labor hours by quarter, labelled at the right end.
 *
 * @param {{quarter_start: Date, domain: string, hours: number, share: number}[]} rows - one organisation.
 * @param {{width: number, height?: number, document?: Document}} options
 */
export function workloadMixChart(rows, { width, height = 360, document } = {}) {
  const order = domainOrder(rows.map((d) => d.domain));
  const data = completeQuarters(rows, order)
    .map((d) => ({ ...d, label: domainLabel(d.domain) }))
    .sort((a, b) => a.quarter_start - b.quarter_start || order.indexOf(a.domain) - order.indexOf(b.domain));
  const lastQuarter = data.length ? data[data.length - 1].quarter_start : null;
  const atLast = data.filter((d) => +d.quarter_start === +lastQuarter);
  let cumulative = 0;
  const labels = atLast
    .map((d) => {
      const y = cumulative + (d.share ?? 0) / 2;
      cumulative += d.share ?? 0;
      return { x: d.quarter_start, y, key: d.domain, share: d.share, label: `${d.label} ${pct(d.share)}` };
    })
    .filter((d) => d.share > 0);
  const marginTop = 20;
  const marginBottom = 30;
  return Plot.plot({
    ...lineFrame({ document, width, height, marginTop, marginBottom, marginRight: width < 640 ? 150 : 190 }),
    x: { type: "utc", label: null },
    y: { label: "↑ Share of in-house labor hours (%)", percent: true, domain: [0, 100], grid: true },
    color: domainColors(order),
    marks: [
      Plot.areaY(
        data,
        Plot.stackY({
          x: "quarter_start",
          y: "share",
          z: "domain",
          fill: "domain",
          order,
          stroke: "white",
          strokeWidth: 0.5,
          channels: { Domain: "label", Hours: (d) => Math.round(d.hours) },
          tip: {
            format: { fill: false, z: false, x: (d) => quarterLabel(d), y: (v) => `${Math.round(v)}%` },
          },
        }),
      ),
      ...endLabels(labels, {
        yDomain: [0, 1],
        plotHeight: height - marginTop - marginBottom,
        maxWidthPx: width < 640 ? 150 - 20 : undefined,
      }),
      Plot.ruleY([0]),
    ],
  });
}

// A domain with no hours in a quarter (dental before it joined) is a zero there, not a gap in the stack.
function completeQuarters(rows, domains) {
  const byKey = new Map(rows.map((d) => [`${+new Date(d.quarter_start)}|${d.domain}`, d]));
  const quarters = [...new Set(rows.map((d) => +new Date(d.quarter_start)))];
  return quarters.flatMap((t) =>
    domains.map((domain) => {
      const hit = byKey.get(`${t}|${domain}`);
      return { ...hit, domain, quarter_start: new Date(t), hours: hit?.hours ?? 0, share: hit?.share ?? 0 };
    }),
  );
}

function quarterLabel(date) {
  const d = new Date(date);
  return `${d.getUTCFullYear()} Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}
