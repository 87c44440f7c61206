import * as Plot from "@observablehq/plot";
import * as d3 from "d3";
import { count, enoughForHeadline, humanize, namedValues, pct, tooSmall, withN } from "./findings.js";
import { seriesColors } from "./palette.js";
import { roleFamilyLabel } from "./taxonomy.js";
import { endLabels, lineFrame } from "./end-labels.js";

const DASHES = [null, "6,3", "2,3", "8,3,2,3", "1,2", "10,4"];

/** Words for a group of the retention curve ("certified" → "Certified staff"). */
export function survivalGroupLabel(kind, value) {
  if (kind === "all") return "All hires";
  if (kind === "role_family") return roleFamilyLabel(value);
  const v = String(value).toLowerCase();
  const yes = ["true", "yes", "1", kind].includes(v) || v === "certified" || v === "moved";
  const no = ["false", "no", "0"].includes(v) || v.startsWith("not") || v.startsWith("no_") || v === "stayed";
  if (kind === "certified") return yes ? "Certified" : no ? "Not certified" : humanize(value);
  if (kind === "moved_internally")
    return yes ? "Moved role in first 2 years" : no ? "Did not move" : humanize(value);
  return humanize(value);
}

// Survival at 36 months when the curve reaches it, else the longest of 24 and 12.
function horizon(summary) {
  for (const [key, months] of [
    ["s36", 36],
    ["s24", 24],
    ["s12", 12],
  ]) {
    if (summary.some((d) => d[key] != null)) return { key, months };
  }
  return null;
}

/**
 * The finding from marts.retention_summary rows for one organisation, group kind and event kind: for
 * one group, how many stay a year and three years (and median tenure); for several, which group keeps
 * more people at the longest common horizon.
 *
 * @param {{group_kind: string, group_value: string, n: number, s12: number|null, s24: number|null,
 *   s36: number|null, s60: number|null, median_tenure_months: number|null}[]} summary
 * @returns {string}
 */
export function survivalTitle(summary) {
  const all = summary.filter((d) => d.n > 0);
  if (!all.length) return "No hires to follow in this selection";
  // Groups under 5 hires, or whose estimate rests on under 5 leavers, make no headline (they stay in
  // the chart and the table, with their n): "100% of 6 still employed" is six people's story.
  const rows = all.filter((d) => enoughForHeadline({ people: d.n, events: d.events }));
  if (!rows.length) {
    const largest = [...all].sort((a, b) => b.n - a.n)[0];
    return enoughForHeadline({ people: largest.n })
      ? tooSmall({
          events: largest.events,
          eventNoun: "leaver",
          what: `among ${count(largest.n)} hires in the largest group`,
        })
      : tooSmall({ people: largest.n, what: "hired in the largest group" });
  }
  const h = horizon(rows);
  if (!h) return "Too few months of history to estimate retention";
  const years = h.months / 12;
  const span = years === 1 ? "1 year" : `${years} years`;
  if (rows.length === 1) {
    const d = rows[0];
    const median =
      d.median_tenure_months != null ? `; half have left by ${count(d.median_tenure_months)} months` : "";
    return `${pct(d[h.key])} of ${withN("hires", d.n)} are still employed after ${span}${median}`;
  }
  const ranked = rows.filter((d) => d[h.key] != null).sort((a, b) => b[h.key] - a[h.key]);
  if (ranked.length < 2) return `${pct(ranked[0]?.[h.key])} of hires are still employed after ${span}`;
  const best = ranked[0];
  const worst = ranked[ranked.length - 1];
  const label = (d) => survivalGroupLabel(d.group_kind, d.group_value);
  if (Math.round(best[h.key] * 100) === Math.round(worst[h.key] * 100)) {
    return `Retention after ${span} is about the same across groups: ${pct(best[h.key])}`;
  }
  return `${withN(label(best), best.n)}: ${pct(best[h.key])} still employed after ${span}, against ${pct(worst[h.key])} for ${withN(label(worst).toLowerCase(), worst.n)}`;
}

/**
 * Median tenure of each group that reached one, by name ("All hires 64 months"), groups under 30
 * with their n; groups under 5 hires are left out of the title.
 *
 * @param {object[]} summary - marts.retention_summary rows of one selection.
 */
export function medianTenureTitle(summary) {
  const groups = summary.filter((d) => d.n > 0);
  if (!groups.length) return "No hires to follow in this selection";
  const shown = groups.filter(
    (d) => d.median_tenure_months != null && enoughForHeadline({ people: d.n, events: d.events }),
  );
  if (!shown.length)
    return groups.some((d) => d.median_tenure_months != null)
      ? tooSmall({ people: Math.max(...groups.map((d) => d.n)), what: "hired in the largest group" })
      : "More than half of hires are still employed: median tenure not reached";
  const items = shown.map((d) => ({
    label: survivalGroupLabel(d.group_kind, d.group_value),
    value: d.median_tenure_months,
    n: d.n,
  }));
  return `Median tenure: ${namedValues(items, (m) => `${count(m)} months`)}`;
}

/**
 * Kaplan-Meier curves (steps) with their 95% confidence bands, one per group, each drawn with its own
 * dash pattern and labelled at its end.
 *
 * @param {{group_kind: string, group_value: string, month: number, survival: number|null,
 *   ci_lower: number|null, ci_upper: number|null, at_risk: number|null}[]} rows - one organisation,
 *   group kind and event kind.
 * @param {{width: number, height?: number, maxMonths?: number, document?: Document}} options
 */
export function survivalCurvesChart(rows, { width, height = 340, maxMonths = 120, document } = {}) {
  const data = rows
    .filter((d) => d.month <= maxMonths && d.survival != null)
    .map((d) => ({ ...d, label: survivalGroupLabel(d.group_kind, d.group_value) }))
    .sort((a, b) => a.month - b.month);
  const groups = [...new Set(data.map((d) => d.label))];
  const colors = seriesColors(groups);
  const ends = groups.map((g) => data.filter((d) => d.label === g).at(-1));
  const xMax = Math.max(12, ...data.map((d) => d.month));
  return Plot.plot({
    ...lineFrame({ document, width, height, marginRight: width < 640 ? 130 : 220 }),
    x: {
      label: "Months since hire →",
      domain: [0, xMax],
      // a tick a year, every other year on a phone so the labels never touch
      ticks: d3.range(0, xMax + 1, width < 640 ? 24 : 12),
      grid: true,
    },
    y: { label: "↑ Still employed (%)", percent: true, domain: [0, 100], grid: true },
    color: colors,
    marks: [
      Plot.areaY(data, {
        x: "month",
        y1: "ci_lower",
        y2: "ci_upper",
        z: "label",
        fill: "label",
        fillOpacity: 0.12,
        curve: "step-after",
      }),
      ...groups.map((g, i) =>
        Plot.lineY(
          data.filter((d) => d.label === g),
          {
            x: "month",
            y: "survival",
            stroke: "label",
            strokeWidth: 2,
            curve: "step-after",
            strokeDasharray: DASHES[i % DASHES.length],
          },
        ),
      ),
      Plot.ruleY([0.5], { stroke: "#666", strokeDasharray: "2,2" }),
      Plot.text([0.5], {
        x: 0,
        y: (d) => d,
        text: () => "half have left",
        dy: -6,
        dx: 4,
        textAnchor: "start",
        fontSize: 10,
        fill: "#555",
      }),
      Plot.tip(
        data,
        Plot.pointer({
          x: "month",
          y: "survival",
          stroke: "label",
          channels: {
            Group: "label",
            "95% CI low": "ci_lower",
            "95% CI high": "ci_upper",
            "At risk": "at_risk",
          },
          format: { stroke: false, y: (v) => `${v.toFixed(0)}%`, "95% CI low": ".0%", "95% CI high": ".0%" },
        }),
      ),
      ...endLabels(
        ends.map((d) => ({
          x: d.month,
          y: d.survival,
          key: d.label,
          label: `${d.label} ${pct(d.survival)}`,
        })),
        { yDomain: [0, 1], plotHeight: height - 50 },
      ),
    ],
  });
}

const SURVIVAL_KEYS = ["s12", "s24", "s36", "s60"];

/** Widths below this get the phone table (the wide one needs about 700 px). */
export const NARROW_TABLE_PX = 640;

/**
 * Kaplan-Meier survival at 1, 2, 3 and 5 years and median tenure per group, as a table; suppressed
 * groups say so, and a median the curve never reaches reads "not reached". On a phone the hires and the
 * median tenure go under the group's name and the year headers shorten ("1 yr" under "Still employed
 * after"), so the table fits the screen instead of scrolling sideways.
 *
 * @param {object[]} summary - marts.retention_summary rows for one organisation, group kind, event kind.
 * @param {{width?: number, document?: Document}} [options]
 * @returns {HTMLTableElement}
 */
export function retentionSummaryTable(
  summary,
  { width = Infinity, document: doc = globalThis.document } = {},
) {
  const narrow = width < NARROW_TABLE_PX;
  const table = doc.createElement("table");
  table.className = "htm-table";
  const header = (row, label, { num = false, span = 1, rows = 1 } = {}) => {
    const th = doc.createElement("th");
    th.textContent = label;
    if (num) th.className = "num";
    if (span > 1) th.colSpan = span;
    if (rows > 1) th.rowSpan = rows;
    row.append(th);
    return th;
  };
  const survivalText = (d, key) => (d.suppressed ? "–" : d[key] == null ? "too early" : pct(d[key]));
  const medianText = (d) =>
    d.suppressed
      ? d.suppressed
      : d.median_tenure_months == null
        ? "not reached"
        : `${count(d.median_tenure_months)} months`;
  if (narrow) {
    table.style.width = "100%";
    table.style.fontSize = "0.85rem";
    const thead = table.createTHead();
    const top = thead.insertRow();
    header(top, "Group", { rows: 2 });
    header(top, "Still employed after", { span: 4 }).style.textAlign = "center";
    const years = thead.insertRow();
    for (const label of ["1 yr", "2 yrs", "3 yrs", "5 yrs"])
      header(years, label, { num: true }).style.whiteSpace = "nowrap";
  } else {
    const head = table.createTHead().insertRow();
    header(head, "Group");
    header(head, "Hires", { num: true });
    header(head, "Still employed at 1 year", { num: true });
    for (const label of ["2 years", "3 years", "5 years", "Median tenure"])
      header(head, label, { num: true });
  }
  const body = table.createTBody();
  for (const d of summary) {
    const row = body.insertRow();
    const group = row.insertCell();
    group.textContent = survivalGroupLabel(d.group_kind, d.group_value);
    // the wide table has room: a group name on one line reads as a label, not a paragraph
    if (!narrow) group.style.whiteSpace = "nowrap";
    const hires = d.suppressed ? "suppressed" : count(d.n);
    if (narrow) {
      const lines = d.suppressed ? [d.suppressed] : [`${hires} hires`, `median tenure ${medianText(d)}`];
      for (const text of lines) {
        const line = doc.createElement("div");
        line.textContent = text;
        line.style.color = "var(--htm-muted, #5b6470)";
        line.style.fontSize = "0.8rem";
        group.append(line);
      }
    }
    const cells = narrow
      ? SURVIVAL_KEYS.map((k) => survivalText(d, k))
      : [hires, ...SURVIVAL_KEYS.map((k) => survivalText(d, k)), medianText(d)];
    for (const text of cells) {
      const td = row.insertCell();
      td.textContent = text;
      td.className = "num";
      if (narrow) td.style.whiteSpace = "nowrap";
    }
  }
  if (narrow) for (const cell of table.querySelectorAll("th, td")) cell.style.padding = "0.3rem 0.25rem";
  return table;
}
