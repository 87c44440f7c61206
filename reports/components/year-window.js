// Which years a page shows by default. Marts reach back to the earliest hire or asset (decades), but
// work orders, separations and certifications are recorded only for recent years; the as-of year is
// usually partial. Default: the last `span` complete years; the filters reach every year.

/**
 * The last calendar year the data covers completely: the as-of year when as_of is 31 December, else the
 * year before.
 *
 * @param {string|Date|null} asOf - status.as_of ("2026-01-01").
 * @returns {number} Infinity when as_of is unknown.
 */
export function lastCompleteYear(asOf) {
  if (asOf == null) return Infinity;
  const d = new Date(asOf);
  if (Number.isNaN(+d)) return Infinity;
  return d.getUTCMonth() === 11 && d.getUTCDate() === 31 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
}

/**
 * Default [from, to] years: the last `span` complete years among `years` (all years when there are
 * fewer or none is complete).
 *
 * @param {number[]} years - years present in the data, any order.
 * @param {string|Date|null} asOf
 * @param {number} [span]
 * @returns {[number, number] | [null, null]}
 */
export function defaultYearWindow(years, asOf, span = 10) {
  const sorted = [...new Set(years)].filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return [null, null];
  const complete = sorted.filter((y) => y <= lastCompleteYear(asOf));
  const pool = complete.length ? complete : sorted;
  const to = pool[pool.length - 1];
  const from = pool.find((y) => y > to - span) ?? pool[0];
  return [from, to];
}
