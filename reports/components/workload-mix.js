import * as Plot from "@observablehq/plot";
import { domainColors } from "./palette.js";
import { domainLabel, domainOrder } from "./taxonomy.js";
import { endLabels, lineFrame } from "./end-labels.js";
import { direction, pct, yearSpan } from "./findings.js";
import { stated } from "./quantity.js";

/**
 * The finding: the domain whose share of in-house hours moved most between the first and the last year,
 * from the published yearly shares (marts.workload_domain_annual: hours-weighted, not an average of
 * quarterly shares).
 *
 * @param {{year: number, domain: string, share: number | null}[]} yearly - one organisation's rows of
 *   marts.workload_domain_annual for the selected years ('all' rows are left out here).
 * @returns {string}
 */
export function workloadMixTitle(yearly) {
  const rows = yearly.filter((d) => d.domain !== "all" && d.share != null);
  const years = [...new Set(rows.map((d) => d.year))].sort((a, b) => a - b);
  if (!years.length) return "No in-house work orders in this selection";
  const first = years[0];
  const last = years[years.length - 1];
  if (first === last) {
    const top = rows.filter((d) => d.year === last).sort((a, b) => b.share - a.share)[0];
    return `${domainLabel(top.domain)} was ${pct(top.share)} of in-house hours in ${last}`;
  }
  const best = mostMoved(rows, first, last);
  const verb = direction(best.from, best.to);
  const span = yearSpan(first, last);
  if (verb === "held") return `The mix of in-house hours held steady, ${span}`;
  return `${best.label} ${verb} from ${pct(best.from)} to ${pct(best.to)} of in-house hours, ${span}`;
}

// The domain whose share moved most between two years.
function mostMoved(rows, first, last) {
  const share = (year, domain) => rows.find((d) => d.year === year && d.domain === domain)?.share;
  let best = null;
  for (const domain of domainOrder(rows.map((d) => d.domain))) {
    // a domain not worked in at one end has no row there: 0% of that year's hours
    const from = share(first, domain) ?? 0;
    const to = share(last, domain) ?? 0;
    const delta = Math.abs(to - from);
    if (!best || delta > best.delta + 1e-9) best = { domain, label: domainLabel(domain), from, to, delta };
  }
  return best;
}

/**
 * The shares workloadMixTitle states when it names a domain that moved, for the test that every page
 * states them alike (quantity.js): the domain's share in the first and the last year.
 *
 * @param {object[]} yearly - as for workloadMixTitle.
 */
export function workloadMixStated(yearly) {
  const rows = yearly.filter((d) => d.domain !== "all" && d.share != null);
  const years = [...new Set(rows.map((d) => d.year))].sort((a, b) => a - b);
  if (years.length < 2) return [];
  const [first, last] = [years[0], years[years.length - 1]];
  const best = mostMoved(rows, first, last);
  if (direction(best.from, best.to) === "held") return [];
  const key = `workload_share.${best.domain}`;
  return [
    stated(key, pct(best.from), { period: first, after: "from " }),
    stated(key, pct(best.to), { period: last, after: "to " }),
  ];
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
  // each label at the middle of its band in the last quarter: Plot's own stack of the same shares
  const stack = Plot.stackY({ x: "quarter_start", y: "share", z: "domain", order });
  stack.transform(atLast, [Uint32Array.from(atLast, (_, i) => i)]);
  const mid = stack.y.transform();
  const labels = atLast
    .map((d, i) => ({
      x: d.quarter_start,
      y: mid[i],
      key: d.domain,
      share: d.share,
      label: `${d.label} ${pct(d.share)}`,
    }))
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
