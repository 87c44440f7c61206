import { quantileSorted } from "d3";

/**
 * A peer statistic under the multi-organisation disclosure rules (DESIGN §8, FTC/DOJ safety zone): at
 * least `minOrgs` organisations with a value, and no organisation above `maxShare` of the total weight.
 * Otherwise `suppressed` says which rule applied and no percentile is returned.
 *
 * @param {object} options
 * @param {string} options.label
 * @param {string} [options.period] - e.g. "2025".
 * @param {(v: number) => string} options.format
 * @param {object[]} options.rows - one row per organisation (org_id, value column, weight column).
 * @param {string} options.value - column with the statistic.
 * @param {string} options.weight - column with the organisation's weight (headcount, FTE, inventory value).
 * @param {string} [options.weightLabel] - the weight in words, for messages ("average headcount").
 * @param {{minOrgs: number, maxShare: number}} options.rules
 * @returns {object}
 */
export function peerStatistic({
  label,
  period,
  format,
  rows,
  value,
  weight,
  weightLabel = weight,
  rules,
  lowerIsBetter = false,
}) {
  const values = rows
    .filter((r) => r[value] != null && Number.isFinite(r[value]) && !r.suppressed)
    .map((r) => ({ org_id: r.org_id, value: r[value], weight: r[weight] ?? 0 }));
  const totalWeight = values.reduce((s, v) => s + (v.weight > 0 ? v.weight : 0), 0);
  const maxShare =
    totalWeight > 0 ? Math.max(...values.map((v) => (v.weight > 0 ? v.weight : 0))) / totalWeight : 1;
  const base = {
    label,
    period,
    format,
    value,
    weight,
    weightLabel,
    values,
    maxShare,
    lowerIsBetter,
    tickFormat: undefined,
  };
  if (values.length < rules.minOrgs) {
    return {
      ...base,
      suppressed: `fewer than ${rules.minOrgs} organisations report this statistic (${values.length})`,
    };
  }
  if (maxShare > rules.maxShare) {
    return {
      ...base,
      // One decimal, so 25.3% never reads as "25%, above the 25% limit".
      suppressed: `one organisation carries ${(maxShare * 100).toFixed(1)}% of the ${weightLabel}, above the ${Math.round(rules.maxShare * 100)}% limit`,
    };
  }
  const sorted = values.map((v) => v.value).sort((a, b) => a - b);
  const q = (p) => quantileSorted(sorted, p);
  return { ...base, suppressed: null, p10: q(0.1), p25: q(0.25), p50: q(0.5), p75: q(0.75), p90: q(0.9) };
}
