import { roleOrder } from "./pay-vs-market.js";
import { simpleTable } from "./table.js";

/**
 * The rows of the market-figures table: each role's primary figure, then the figures shown beside it,
 * in ladder order. `label` is the role, or "beside it: <source>" for a secondary figure.
 *
 * @param {object[]} rows - publish.pay_market_compare rows for one organisation and year.
 * @param {object[]} roles - taxonomy roles (ladder order).
 */
export function marketFigureRows(rows, roles = []) {
  const order = roleOrder(
    rows.map((d) => d.role),
    roles,
  );
  return order.flatMap((role) =>
    rows
      .filter((d) => d.role === role)
      .sort((a, b) => String(a.comparison).localeCompare(String(b.comparison)))
      .map((d) => {
        const notes = [
          // whose figure stands in for a role no survey names (core.role_market.market_stand_in)
          d.comparison === "primary" && d.market_stand_in ? `stand-in: ${d.market_stand_in}` : null,
          d.market_status === "secondary copy" ? "secondary copy" : null,
        ].filter(Boolean);
        const note = notes.length ? ` (${notes.join("; ")})` : "";
        return {
          ...d,
          label:
            d.comparison === "primary"
              ? `${d.role}${note}`
              : `↳ beside it: ${shortSource(d.market_source)}${note}`,
        };
      }),
  );
}

/** "BLS OEWS May 2024 … (SOC 15-1244 …)" → the publisher and occupation or title, short enough for a cell. */
function shortSource(source) {
  const s = String(source ?? "");
  const soc = s.match(/SOC \d{2}-\d{4}/);
  if (soc) return `BLS, ${soc[0]}`;
  const title = s.match(/title ([^),]+)/);
  if (title) return `24x7 survey, ${title[1]}`;
  return s.split(",")[0];
}

/** "12 roles have a market figure for 2025, aged from surveys of 2019–2024; 9 have a second figure beside it" */
export function marketFiguresTitle(rows, year) {
  const primary = rows.filter((d) => d.comparison === "primary");
  const years = [...new Set(primary.map((d) => d.market_year))].sort();
  const span = years.length > 1 ? `surveys of ${years[0]}–${years.at(-1)}` : `a survey of ${years[0]}`;
  const beside = new Set(rows.filter((d) => d.comparison === "secondary").map((d) => d.role)).size;
  const aged = primary.some((d) => d.market_year !== year && d.wage_index_factor != null);
  return `${primary.length} ${primary.length === 1 ? "role has" : "roles have"} a market figure for ${year}, ${aged ? "raised" : "taken"} from ${span}${beside ? `; ${beside} ${beside === 1 ? "has" : "have"} a second figure beside it` : ""}`;
}

/** The year's market readings (one sentence per role, from the mart), in ladder order. */
export function marketReadings(rows, roles = []) {
  const byRole = new Map(rows.filter((d) => d.market_reading).map((d) => [d.role, d.market_reading]));
  return roleOrder([...byRole.keys()], roles).map((r) => byRole.get(r));
}

const listLabel = (windowDays) => ({
  pay_below_range_or_market: "Paid below their range minimum or far below market",
  certifications_expiring: `Certification expiring in the next ${windowDays} days`,
  single_incumbent_near_retirement: "Only holder of a role and near retirement",
});

/** A neutral title: the counts are for HR's action, not a finding to read from small numbers. */
export function actionCountsTitle(rows, asOf) {
  return rows.every((d) => d.n === 0)
    ? `No one is on the HR action lists on ${asOf}`
    : `People on the HR action lists on ${asOf}: counts only, names stay with HR`;
}

export function actionCountsTable(rows, { windowDays = 90 } = {}) {
  const LIST_LABEL = listLabel(windowDays);
  const ordered = Object.keys(LIST_LABEL)
    .map((list) => rows.find((d) => d.list === list))
    .filter(Boolean);
  return simpleTable(ordered, [
    { key: "list", label: "List", format: (v) => LIST_LABEL[v] ?? v },
    { key: "n", label: "People", numeric: true, format: (v) => (v == null ? "withheld" : String(v)) },
  ]);
}
