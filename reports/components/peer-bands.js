import * as Plot from "@observablehq/plot";
import { count, listOf, plural, rate } from "./findings.js";
import { wrapLabel } from "./wrap-label.js";

// An organisation against its peers: the bands of every organisation and of its peer groups (facility
// type, staffed-bed band, HTM staff size), from the warehouse's published peer bands. Pages only draw:
// the percentiles, the counts and what withholds a band all come with the rows.

/** The kinds of peer group, most alike first: the title uses the first one published. */
export const PEER_KINDS = [
  { kind: "facility_type", noun: "facility type" },
  { kind: "bed_band", noun: "staffed-bed band" },
  { kind: "staff_size", noun: "HTM staff size" },
];

/** A value of a statistic as shown: ratios and rates as percent (one decimal under 10%), else a count. */
export function benchmarkFormat(metric) {
  // the rate formatter of every page, so a page and Benchmarks state the same rate alike
  if (/rate|share|ratio/.test(metric)) return Object.assign((v) => rate(v), { percent: true });
  return count;
}

/** Why a band is withheld, in a director's words, and what would lift it. */
export function withheldWords(band) {
  switch (band.withheld_by) {
    case "min_orgs_benchmark":
      return `withheld: ${plural(band.n_orgs, "organisation")} in the group; a band needs ${plural(band.peers_needed, "more peer")}`;
    case "max_org_share_benchmark":
      return `withheld: one organisation is too large a share of the group for a public band (about ${plural(band.peers_needed, "more peer")} of typical size would lift it)`;
    case "min_benchmark_age_months":
      return "withheld: the period is too recent for a public band (it is published once it is old enough)";
    default:
      return band.is_published ? "" : "withheld by the disclosure rules";
  }
}

/** The position of a value in a band, in words. */
function position(value, band) {
  if (value > band.p75) return "above the middle half of";
  if (value < band.p25) return "below the middle half of";
  return "within the middle half of";
}

/**
 * The comparisons for one organisation and statistic: all organisations, then each peer kind
 * (the organisation's group, published or withheld, or "not applicable").
 *
 * @param {object[]} bands - peer bands of one statistic.
 * @param {object[]} members - the organisation's peer memberships (empty when "all" or public).
 */
export function comparisons(bands, members) {
  const all = bands.find((b) => b.peer_kind === "all");
  const rows = all ? [{ ...all, row: `All organisations (${all.n_orgs})` }] : [];
  for (const { kind, noun } of PEER_KINDS) {
    const member = members.find((m) => m.peer_kind === kind);
    if (!member) continue;
    const band = bands.find((b) => b.peer_kind === kind && b.peer_group === member.peer_group);
    if (band) rows.push({ ...band, row: `${band.peer_label} (${band.n_orgs})`, noun });
    else
      rows.push({
        peer_kind: kind,
        peer_label: member.peer_label,
        noun,
        is_published: false,
        not_applicable: member.peer_group === "not_applicable" || member.peer_group === "unknown",
        row: member.peer_label,
      });
  }
  return rows;
}

/**
 * The finding for one organisation and statistic: against its most alike published peer group,
 * else against all organisations with the reason each peer group is withheld.
 */
export function peerTitle({ label, period, value, name, rows, format }) {
  const when = period.startsWith("as of") ? period : `in ${period}`;
  const all = rows.find((r) => r.peer_kind === "all");
  if (value == null)
    return all?.is_published
      ? `${label} ${when}: median ${format(all.p50)} across ${all.n_orgs} organisations; no value for ${name}`
      : `${label} ${when}: no value for ${name}`;
  const peer = rows.find((r) => r.peer_kind !== "all" && r.is_published);
  const against = peer ?? (all?.is_published ? all : null);
  if (!against) return `${label} at ${name} was ${format(value)} ${when}; no peer band is published`;
  const group = peer ? `its ${peer.n_orgs} peers (${peer.peer_label})` : `all ${all.n_orgs} organisations`;
  return `${label} at ${name} was ${format(value)} ${when}, ${position(value, against)} ${group} (median ${format(against.p50)})`;
}

/** Why no peer group of an organisation is published, one phrase per kind. */
export function peerGaps(rows) {
  return rows
    .filter((r) => r.peer_kind !== "all" && !r.is_published)
    .map((r) =>
      r.not_applicable ? `${r.noun}: ${r.peer_label}` : `${r.noun} (${r.peer_label}): ${withheldWords(r)}`,
    );
}

/**
 * Bands, one row per comparison (dark 25th–75th, light 10th–90th, line the median), the
 * organisation's value as a diamond on every row; withheld rows say why in words.
 */
export function peerBandsChart(rows, { width, value, format, label, document } = {}) {
  const narrow = width < 640;
  const shown = rows.filter((r) => r.is_published);
  const words = rows.filter((r) => !r.is_published);
  const domainRows = rows.map((r) => r.row);
  const xs = shown.flatMap((r) => [r.p10, r.p90]).concat(value == null ? [] : [value]);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.1 || 1;
  return Plot.plot({
    document,
    width,
    height: 46 * rows.length + 50,
    marginLeft: narrow ? 118 : 240,
    marginRight: 24,
    x: {
      label: `${label} →`,
      domain: xs.length ? [Math.max(0, lo - pad), hi + pad] : [0, 1],
      // ticks as precise as the span needs: a band from 57.6% to 58.9% does not tick "58%, 58%, 58%"
      tickFormat: format.percent
        ? (v) => `${(v * 100).toFixed(hi - lo < 0.03 ? 1 : 0)}%`
        : (v) => (hi - lo < 10 ? v.toLocaleString("en-US", { maximumFractionDigits: 1 }) : count(v)),
      ticks: narrow ? 3 : 6,
      grid: true,
    },
    y: {
      label: null,
      domain: domainRows,
      tickSize: 0,
      tickFormat: (r) => wrapLabel(r, narrow ? 17 : 34),
    },
    marks: [
      Plot.barX(shown, { x1: "p10", x2: "p90", y: "row", fill: "#56B4E9", fillOpacity: 0.35, inset: 8 }),
      Plot.barX(shown, { x1: "p25", x2: "p75", y: "row", fill: "#0072B2", fillOpacity: 0.55, inset: 8 }),
      Plot.tickX(shown, { x: "p50", y: "row", stroke: "#000", strokeWidth: 2, inset: 4 }),
      value == null
        ? null
        : Plot.dot(shown, {
            x: () => value,
            y: "row",
            symbol: "diamond",
            r: 7,
            fill: "#D55E00",
            stroke: "white",
          }),
      Plot.text(words, {
        frameAnchor: "left",
        y: "row",
        text: (r) => (r.not_applicable ? "not applicable" : withheldWords(r).replace(/ \(.*\)$/, "")),
        fontSize: 11,
        fontStyle: "italic",
        fill: "#555",
        dx: 4,
        lineWidth: narrow ? 16 : 40,
      }),
    ],
  });
}

/** The peer groups of a statistic for the "all organisations" view: published medians and withheld groups. */
export function peerGroupSummary(bands, format) {
  const published = bands.filter((b) => b.peer_kind !== "all" && b.is_published);
  const few = bands.filter((b) => b.peer_kind !== "all" && b.withheld_by === "min_orgs_benchmark");
  const other = bands.filter(
    (b) => b.peer_kind !== "all" && !b.is_published && b.withheld_by !== "min_orgs_benchmark",
  );
  const parts = [];
  if (published.length)
    parts.push(
      `Peer groups with a band: ${listOf(published.map((b) => `${b.peer_label} (${b.n_orgs} organisations, median ${format(b.p50)})`))}.`,
    );
  if (few.length) {
    const needed = few.map((b) => b.peers_needed);
    const [lo, hi] = [Math.min(...needed), Math.max(...needed)];
    parts.push(
      `${plural(few.length, "peer group")} ${few.length === 1 ? "has" : "have"} too few organisations for a band (${lo === hi ? count(lo) : `${count(lo)} to ${count(hi)}`} more needed).`,
    );
  }
  if (other.length) parts.push(`${plural(other.length, "peer group")} withheld for a public build.`);
  return parts.join(" ");
}
