/**
 * The disclosure rules of DESIGN §8 compiled to SQL for one catalog entry (src/site/mart-catalog.ts).
 * Only identifiers from the catalog are written into the SQL (quoted); every value comes from
 * work.settings. Three layers decide what a row may show:
 * - `cell` (public audience): a row with a people count between 0 and min_cell_public is withheld whole;
 * - `pay` (every audience): a row whose pay statistics rest on fewer than min_pay_group people has
 *   them withheld; published pay is rounded to pay_rounding_usd; 25th/75th percentiles need
 *   min_pay_quartile_group people;
 * - complementary suppression (src/sql/publish/complementary.sql) along every total dimension and
 *   period of the entry, for each layer that has additive columns, so no total minus published
 *   siblings gives a withheld value back.
 */
import { quotedIdentifier as id } from "@duckdb/node-api";
import { declaredColumns, type MartDisclosure } from "./mart-catalog.ts";

export type Row = Record<string, unknown>;

/** Why a row's values are missing, in the words the pages show (one per rule). */
export const RULE_TEXT = {
  cell: "fewer than {} people: suppressed for a public audience (min_cell_public, CMS cell-size rule)",
  cellComplementary:
    "withheld so that a suppressed cell cannot be worked out by subtraction (complementary suppression)",
  pay: "pay statistics need at least {} people (min_pay_group)",
  payComplementary:
    "pay withheld so that a suppressed pay sum cannot be worked out by subtraction (complementary suppression)",
  quartiles: "25th and 75th percentiles need at least {} people (min_pay_quartile_group)",
} as const;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Layers the entry is subject to, and whether complementary suppression runs in them. */
export function layers(rule: MartDisclosure, audience: string): { layer: string; complement: boolean }[] {
  const out: { layer: string; complement: boolean }[] = [];
  const additive = (rule.people?.length ?? 0) + (rule.additive?.length ?? 0) + (rule.pay?.sums?.length ?? 0);
  if (audience === "public" && rule.people?.length) out.push({ layer: "cell", complement: additive > 0 });
  if (rule.pay) out.push({ layer: "pay", complement: (rule.pay.sums?.length ?? 0) > 0 });
  return out;
}

/** Inserts the entry's rows into work.cells for one layer, with primary suppression decided. */
export function cellsSql(mart: string, table: string, rule: MartDisclosure, layer: string): string {
  const counts = layer === "cell" ? (rule.people ?? []) : [rule.pay!.people];
  const threshold = layer === "cell" ? "s.min_cell_public" : "s.min_pay_group";
  const small = counts.map((c) => `(t.${id(c)} > 0 and t.${id(c)} < ${threshold})`).join(" or ");
  const keys = [...rule.keys].sort();
  const cellKey = `concat_ws(chr(31), ${keys.map((k) => `coalesce(cast(t.${id(k)} as varchar), chr(8709))`).join(", ")})`;
  return `insert into work.cells
select ${lit(mart)}, t._row_id, ${lit(layer)}, ${lit(keys.join(","))}, ${cellKey}, coalesce(cast(t.${id(counts[0]!)} as double), 0),
    coalesce(${small}, false), case when coalesce(${small}, false) then 'primary' end
from ${table} t, work.settings s`;
}

/** Inserts the lines of every total dimension and period of the entry into work.lines. */
export function linesSql(mart: string, table: string, rule: MartDisclosure): string[] {
  const dims = [
    ...(rule.totals ?? []).map((d) => ({ ...d, period: false })),
    ...(rule.periods ? [{ columns: [rule.periods], within: [], attributes: [], period: true }] : []),
  ];
  return dims.map((d, i) => {
    const own = new Set([...d.columns, ...(d.within ?? []), ...(d.attributes ?? [])]);
    const outer = rule.keys.filter((k) => !own.has(k));
    const text = (c: string) => `coalesce(cast(${id(c)} as varchar), chr(8709))`;
    const outerKey = `concat_ws(chr(31), ${lit(String(i))}, ${outer.map(text).join(", ") || "''"})`;
    const innerKey = `concat_ws(chr(31), '', ${(d.within ?? []).map(text).join(", ") || "''"})`;
    const isTotal = d.period ? "false" : d.columns.map((c) => `${id(c)} = 'all'`).join(" and ");
    return `insert into work.lines
with m as (
    select _row_id, ${isTotal} as is_total, ${outerKey} as outer_key, ${innerKey} as inner_key from ${table}
)
select ${lit(mart)}, outer_key || chr(30) || inner_key, _row_id from m where not is_total
union all
select ${lit(mart)}, l.outer_key || chr(30) || l.inner_key, t._row_id
from m t join (select distinct outer_key, inner_key from m where not is_total) l on l.outer_key = t.outer_key
where t.is_total`;
  });
}

/** The published table: keys (org pseudonymised), withheld values null, pay rounded, reasons named. */
export function publishSql(mart: string, table: string, rule: MartDisclosure, columns: string[]): string {
  const kinds = declaredColumns(rule);
  const cw = "coalesce(cw.withheld, false)";
  const pw = "coalesce(pw.withheld, false)";
  const payPeople = rule.pay ? `coalesce(t.${id(rule.pay.people)}, 0)` : "0";
  const roundUsd = (c: string) => `round(t.${id(c)} / s.pay_rounding_usd) * s.pay_rounding_usd`;
  const select = columns.map((c) => {
    const q = id(c);
    switch (kinds.get(c)) {
      case "key":
        return c === "org_id" ? `coalesce(o.published_org_id, t.org_id) as org_id` : `t.${q}`;
      case "reference":
        return `t.${q}`;
      case "pay level":
      case "pay sum":
        return `case when ${cw} or ${pw} then null else ${roundUsd(c)} end as ${q}`;
      case "pay quartile":
        return `case when ${cw} or ${pw} or ${payPeople} < s.min_pay_quartile_group then null else ${roundUsd(c)} end as ${q}`;
      case "pay ratio":
        // three significant digits: a ratio at full precision times a published denominator would
        // give back the unrounded pay
        return `case when ${cw} or ${pw} or t.${q} is null or t.${q} = 0 then t.${q} * null
            else round(t.${q}, cast(2 - floor(log10(abs(t.${q}))) as integer)) end as ${q}`;
      default:
        return `case when ${cw} then null else t.${q} end as ${q}`;
    }
  });
  const reasons = [
    `case when cw.reason = 'primary' then format(${lit(RULE_TEXT.cell)}, s.min_cell_public) when cw.reason = 'complementary' then ${lit(RULE_TEXT.cellComplementary)} end`,
    `case when ${cw} then null when pw.reason = 'primary' then format(${lit(RULE_TEXT.pay)}, s.min_pay_group) when pw.reason = 'complementary' then ${lit(RULE_TEXT.payComplementary)} end`,
  ];
  const quartileNote = rule.pay?.quartiles?.length
    ? `case when not ${cw} and not ${pw} and ${payPeople} > 0 and ${payPeople} < s.min_pay_quartile_group then format(${lit(RULE_TEXT.quartiles)}, s.min_pay_quartile_group) end`
    : "null";
  return `create or replace table publish.${id(mart)} as
select ${select.join(",\n    ")},
    nullif(concat_ws('; ', ${reasons.join(", ")}), '') as suppressed,
    cast(${quartileNote} as varchar) as partly_withheld
from ${table} t
cross join work.settings s
left join work.org_pseudonyms o on ${columns.includes("org_id") ? "o.org_id = t.org_id" : "false"}
left join work.cells cw on cw.mart = ${lit(mart)} and cw.layer = 'cell' and cw.row_id = t._row_id
left join work.cells pw on pw.mart = ${lit(mart)} and pw.layer = 'pay' and pw.row_id = t._row_id
order by t._row_id`;
}
