import * as Plot from "@observablehq/plot";
import { count, enoughForHeadline, integerTicks, pct, plural, tooSmall } from "./findings.js";

const NEAR_RETIREMENT = new Set(["55-59", "60 and over"]);

/**
 * The finding: share (and number) of staff of known age who will be 60 or older within five years.
 *
 * @param {{age_band: string, headcount: number|null, headcount_known_age: number|null,
 *   aged_60_within_5y: number|null, retirement_exposure: number|null}[]} rows - one organisation.
 */
export function retirementExposureTitle(rows) {
  const all = rows.find((d) => d.age_band === "all");
  if (!all || all.retirement_exposure == null) {
    return all?.suppressed
      ? "Retirement exposure is suppressed for this selection"
      : "No birth years on file to estimate retirement exposure";
  }
  if (!enoughForHeadline({ people: all.headcount_known_age ?? all.headcount }))
    return tooSmall({ people: all.headcount_known_age ?? all.headcount, what: "with a birth year on file" });
  return `${pct(all.retirement_exposure)} of staff (${plural(all.aged_60_within_5y, "person", "people")} of ${count(all.headcount_known_age ?? all.headcount)}) will be 60 or older within 5 years`;
}

/**
 * Headcount by age band at the as-of date (bars), bands near retirement in orange and marked "near
 * retirement"; each bar labelled with its share; suppressed bands say so.
 *
 * @param {object[]} rows - marts.retirement_exposure rows for one organisation.
 * @param {{width: number, height?: number, document?: Document}} options
 */
// Phone tick labels: "60 and over" next to "55-59" runs into it at 390 px.
const SHORT_BANDS = { "under 40": "<40", "60 and over": "60+", unknown: "unkn." };

export function retirementExposureChart(rows, { width, height = 260, document } = {}) {
  const bands = rows.filter((d) => d.age_band !== "all").sort((a, b) => a.band_order - b.band_order);
  const known = bands.filter((d) => d.headcount != null);
  const hidden = bands.filter((d) => d.headcount == null);
  const narrow = width < 640;
  return Plot.plot({
    document,
    width,
    height,
    marginTop: 30,
    x: {
      label: "Age band (age reached in the as-of year)",
      domain: bands.map((d) => d.age_band),
      padding: 0.2,
      tickFormat: (band) => (narrow ? (SHORT_BANDS[band] ?? band) : band),
    },
    // whole people: a team of two ticks 0, 1, 2
    y: {
      label: "↑ Staff (people)",
      grid: true,
      domain: [0, integerTicks(Math.max(0, ...known.map((d) => d.headcount))).at(-1)],
      ticks: integerTicks(Math.max(0, ...known.map((d) => d.headcount))),
      tickFormat: (v) => String(v),
    },
    color: {
      domain: ["Under 55", "55 and over (near retirement) ▲"],
      range: ["#0072B2", "#E69F00"],
      legend: true,
    },
    marks: [
      Plot.barY(known, {
        x: "age_band",
        y: "headcount",
        fill: (d) => (NEAR_RETIREMENT.has(d.age_band) ? "55 and over (near retirement) ▲" : "Under 55"),
        channels: { "Share of staff": (d) => d.share_of_headcount },
        tip: { format: { fill: false, "Share of staff": ".0%" } },
      }),
      Plot.text(known, {
        x: "age_band",
        y: "headcount",
        text: (d) => `${NEAR_RETIREMENT.has(d.age_band) ? "▲ " : ""}${pct(d.share_of_headcount)}`,
        dy: -8,
        fontSize: 11,
      }),
      Plot.text(hidden, {
        x: "age_band",
        y: 0,
        text: () => "suppressed",
        dy: -8,
        fontSize: 10,
        fill: "#555",
        fontStyle: "italic",
      }),
      Plot.ruleY([0]),
    ],
  });
}
