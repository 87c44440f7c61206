import * as Plot from "@observablehq/plot";
import { barRowsLayout, labelsAboveBars } from "./bar-rows.js";
import { nSuffix, pct, usd, withN } from "./findings.js";

/** Roles in ladder order (then name) using the taxonomy's ladder levels when given. */
export function roleOrder(roleNames, roles = []) {
  const level = new Map(roles.map((r) => [r.role, r.ladder_level ?? 99]));
  return [...new Set(roleNames)].sort(
    (a, b) => (level.get(a) ?? 99) - (level.get(b) ?? 99) || String(a).localeCompare(String(b)),
  );
}

/** Latest year with at least one published median. */
export function latestPayYear(rows) {
  const years = rows.filter((d) => d.median_pay != null).map((d) => d.year);
  return years.length ? Math.max(...years) : null;
}

/** The market figure a row is compared with: aged to the pay year when the wage index allows. */
export function marketValue(d) {
  return d.market_median_aged ?? d.market_median;
}

/** "+27%": how much the wage index aged a figure, or "" when it was not aged. */
export function ageing(d) {
  if (d.wage_index_factor == null || d.market_year === d.year) return "";
  const p = Math.round((d.wage_index_factor - 1) * 100);
  return `${p >= 0 ? "+" : "−"}${Math.abs(p)}%`;
}

/**
 * "110% of market (2019, aged +27%)": every market ratio names the survey year it rests on and the
 * ageing applied (the full wording, "2019 median, aged +27% with ECI to 2025", is market_basis), and
 * "stand-in" where another title's or occupation's figure stands in for the role.
 */
export function marketShare(d, { short = false } = {}) {
  if (d.market_ratio == null) return "";
  if (d.market_year == null) return short ? pct(d.market_ratio) : `${pct(d.market_ratio)} of market`;
  const aged = ageing(d);
  const unaged = !aged && d.market_year !== d.year;
  // another title's or occupation's figure standing in for the role says so (market_stand_in)
  const standIn = d.market_stand_in ? ", stand-in" : "";
  if (short)
    return `${pct(d.market_ratio)} (${d.market_year}${aged ? ` ${aged}` : unaged ? ", not aged" : ""}${standIn})`;
  return `${pct(d.market_ratio)} of market (${d.market_year}${aged ? `, aged ${aged}` : unaged ? ", not aged" : ""}${standIn})`;
}

/** "surveys 2019–2024, not aged" for the rows shown, or "" when they carry no survey year. */
export function surveyYears(rows) {
  const years = [
    ...new Set(rows.filter((d) => d.market_ratio != null && d.market_year != null).map((d) => d.market_year)),
  ].sort();
  if (!years.length) return "";
  const span = years.length === 1 ? `survey ${years[0]}` : `surveys ${years[0]}–${years.at(-1)}`;
  const aged = rows.some(
    (d) => d.market_ratio != null && d.market_median_aged != null && d.market_year !== d.year,
  );
  const unaged = rows.some(
    (d) => d.market_ratio != null && d.market_median_aged == null && d.market_year !== d.year,
  );
  return `${span}${unaged ? (aged ? ", some not aged" : ", not aged to the pay year") : aged ? ", aged to the pay year" : ""}`;
}

/**
 * The finding for one year: the range of pay against the market median across roles, naming the role
 * furthest below market.
 *
 * @param {{year: number, role: string, median_pay: number|null, market_ratio: number|null}[]} rows
 * @param {{year?: number}} [options]
 * @returns {string}
 */
export function payVsMarketTitle(rows, { year = latestPayYear(rows) } = {}) {
  const data = rows.filter((d) => d.year === year && d.role !== "all" && d.market_ratio != null);
  if (!data.length) {
    const any = rows.some((d) => d.year === year && d.median_pay != null);
    return any ? `Median pay by role, ${year} (no market reference for these roles)` : "No pay to compare";
  }
  const sorted = [...data].sort((a, b) => a.market_ratio - b.market_ratio || a.role.localeCompare(b.role));
  const low = sorted[0];
  const high = sorted[sorted.length - 1];
  const surveys = surveyYears(data);
  const against = surveys ? ` (market: ${surveys})` : "";
  if (sorted.length === 1)
    return `${withN(low.role, low.n)} is paid ${pct(low.market_ratio)} of its market figure (${year})${against}`;
  return `Median pay runs from ${pct(low.market_ratio)} of market (${low.role}${nSuffix(low.n)}) to ${pct(high.market_ratio)} (${high.role}${nSuffix(high.n)}), ${year}${against}`;
}

/**
 * Pay by role for one year: the middle half of pay (25th–75th percentile bar), the median (circle) and
 * the market median (hollow diamond). Suppressed groups are written as such, not left out.
 *
 * @param {object[]} rows - marts.pay_position rows for one organisation.
 * @param {{width: number, year?: number, roles?: object[], document?: Document}} options
 */
export function payVsMarketChart(rows, { width, year = latestPayYear(rows), roles = [], document } = {}) {
  const data = rows.filter((d) => d.year === year && d.role !== "all");
  const order = roleOrder(
    data.map((d) => d.role),
    roles,
  );
  const shown = data.filter((d) => d.median_pay != null);
  const suppressed = data.filter((d) => d.median_pay == null);
  const xMax = Math.max(
    1,
    ...data.map((d) => Math.max(d.p75_pay ?? 0, marketValue(d) ?? 0, d.median_pay ?? 0)),
  );
  // Narrow: each role's name (and its share of market, which has no room at the row's end) on its own
  // line above the row, so long names never run over the markers.
  const layout = barRowsLayout(width, order.length, { marginLeft: 280, extra: 80 });
  const narrow = layout.narrow;
  const byRole = new Map(data.map((d) => [d.role, d]));
  const withYears = data.some((d) => d.market_year != null);
  const marginRight = narrow ? 20 : withYears ? 230 : 130;
  // An 11 px label runs about 6.2 px a character; past the plot's width "of market" goes.
  const fitsLine = (text) => text.length * 6.2 <= width - layout.marginLeft - marginRight;
  const narrowLabel = (role) => {
    const d = byRole.get(role);
    if (d?.median_pay == null) return `${role} · suppressed`;
    if (d.market_ratio == null) return `${role} · no market figure`;
    const full = `${role} · ${marketShare(d)}`;
    if (fitsLine(full)) return full;
    const short = `${role} · ${marketShare(d, { short: true })}`;
    // the survey year and ageing stay in the table under the chart when even the short form is too long
    return fitsLine(short) ? short : `${role} · ${pct(d.market_ratio)}`;
  };
  const long = [
    ...shown.map((d) => ({ role: d.role, what: "Median pay (your staff)", value: d.median_pay, n: d.n })),
    ...data
      .filter((d) => marketValue(d) != null)
      .map((d) => ({
        role: d.role,
        what: "Market figure",
        value: marketValue(d),
        n: null,
        survey: d.market_year,
        basis: d.market_basis,
      })),
  ];
  return Plot.plot({
    document,
    width,
    height: narrow ? layout.height : 34 * order.length + 80,
    marginLeft: layout.marginLeft,
    marginRight,
    marginTop: narrow ? 36 : 30,
    x: { label: "Annual base pay (USD) →", domain: [0, xMax * 1.05], tickFormat: (v) => usd(v), grid: true },
    y: {
      label: null,
      domain: order,
      axis: narrow ? null : "left",
      tickSize: 0,
      ...(narrow ? { padding: layout.padding } : {}),
    },
    symbol: {
      domain: ["Median pay (your staff)", "Market figure"],
      range: ["circle", "diamond"],
      legend: true,
    },
    color: { domain: ["Median pay (your staff)", "Market figure"], range: ["#0072B2", "#D55E00"] },
    marks: [
      Plot.barX(shown, {
        x1: "p25_pay",
        x2: "p75_pay",
        y: "role",
        fill: "#0072B2",
        fillOpacity: 0.22,
        insetTop: narrow ? 4 : 7,
        insetBottom: narrow ? 4 : 7,
      }),
      Plot.dot(
        long.filter((d) => d.what === "Median pay (your staff)"),
        {
          x: "value",
          y: "role",
          symbol: "what",
          fill: "what",
          r: 5.5,
          channels: { People: "n" },
          tip: { format: { x: (v) => usd(v), y: true, symbol: false, fill: false } },
        },
      ),
      Plot.dot(
        long.filter((d) => d.what === "Market figure"),
        {
          x: "value",
          y: "role",
          symbol: "what",
          stroke: "what",
          fill: "white",
          r: 6,
          strokeWidth: 2,
          channels: { "Survey year": "survey", "Market figure": "basis" },
          tip: {
            format: {
              x: (v) => usd(v),
              y: true,
              symbol: false,
              stroke: false,
              "Survey year": (v) => (v == null ? "–" : String(v)),
              "Market figure": true,
            },
          },
        },
      ),
      Plot.text(shown, {
        // past every marker of the row (bar end, median circle, market diamond of radius 6 + stroke),
        // so the label never prints over a dot
        x: (d) => Math.max(d.p75_pay ?? 0, marketValue(d) ?? 0, d.median_pay ?? 0),
        y: "role",
        // a role with pay but no market figure says so rather than showing a dot with no label
        text: (d) => marketShare(d) || "no market figure",
        dx: 11,
        textAnchor: "start",
        fontSize: 11,
        filter: () => !narrow,
      }),
      Plot.text(suppressed, {
        x: 0,
        y: "role",
        // Just the word: the reason is in the note under the chart, and a longer text ran over the market
        // marker of the row.
        text: () => "suppressed",
        dx: 4,
        textAnchor: "start",
        fontSize: 11,
        fill: "#555",
        fontStyle: "italic",
        // On a phone the label above says it.
        filter: () => !narrow,
      }),
      labelsAboveBars(order, { y: (d) => d, text: narrowLabel, narrow }),
    ],
  });
}
