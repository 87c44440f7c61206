/**
 * The disclosure rules compiled to SQL for one declaration (src/sql/marts/<mart>.json, classes in
 * src/publish/mart-declaration.ts). Only identifiers and validated literals from the declaration are
 * written into the SQL (quoted); every value comes from work.settings. The class of a column decides its
 * rule, and a column without a class is never published (src/publish/publish.ts). Layers decide what a row
 * may show:
 * - `cell` (public audience): a row with a count of people or events, or staff FTE, between 0 and
 *   min_cell_public is withheld whole (FTE equals headcount when everyone is full time);
 * - `pay` (every audience): a row whose pay statistics rest on fewer than min_pay_group people has them
 *   and every figure computed from them withheld; published pay and pay-derived money are rounded to
 *   pay_rounding_usd (other units to three significant digits); 25th/75th percentiles need
 *   min_pay_quartile_group people;
 * - complementary suppression (src/sql/publish/complementary.sql) along every total dimension and
 *   period of the entry, for each layer that has additive columns, so no total minus published
 *   siblings gives a withheld value back; and (complementary_sums.sql, public cell layer) so the
 *   withheld members of a line with a published total hold together at least min_cell_public of each
 *   additive count: otherwise the total minus the published members gives back a small sum, or a 0
 *   that every withheld member then shares;
 * - the same quantity in two tables (a column's `source`): a count withheld in either is withheld in
 *   both (work.links, src/sql/publish/linked_sources.sql); any other copy is withheld wherever its
 *   source row is.
 */
import { quotedIdentifier as id } from "@duckdb/node-api";
import { countColumns, declaredColumns, type MartDisclosure } from "./mart-catalog.ts";
import { COUNT_CLASSES, columnsOf } from "./mart-declaration.ts";

export type Row = Record<string, unknown>;

/**
 * The smallest step public counts of several organisations are rounded up to (work.org_count_step,
 * src/sql/publish/org_count_step.sql, picks a coarser one when sizes would still single an
 * organisation out), and the step when no organisation size is known.
 */
export const PUBLIC_COUNT_STEP = 5;

/** Why a row's values are missing, in the words the pages show (one per rule). */
export const RULE_TEXT = {
  cell: "fewer than {} people: suppressed for a public audience (min_cell_public, CMS cell-size rule)",
  cellComplementary:
    "withheld so that a suppressed cell cannot be worked out by subtraction (complementary suppression)",
  pay: "pay statistics need at least {} people (min_pay_group)",
  payComplementary:
    "pay withheld so that a suppressed pay sum cannot be worked out by subtraction (complementary suppression)",
  quartiles: "25th and 75th percentiles need at least {} people (min_pay_quartile_group)",
  source: "{} withheld where the table it comes from withholds it (the same quantity in two tables)",
  copy: "{} withheld where a table that carries the same quantity withholds it",
  orgStep:
    "counts withheld: no rounding step leaves this organisation's size shared by another (pseudonyms in a public build)",
} as const;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The columns counting the people behind the entry's pay figures (each pay column names one). */
export function payPeople(rule: MartDisclosure): string[] {
  const out = new Set<string>();
  for (const c of Object.values(rule.columns)) {
    if ((c.class === "pay" || c.class === "pay_derived") && c.people) out.add(c.people);
  }
  return [...out];
}

/** Layers the entry is subject to, and whether complementary suppression runs in them. */
export function layers(rule: MartDisclosure, audience: string): { layer: string; complement: boolean }[] {
  const out: { layer: string; complement: boolean }[] = [];
  const cols = Object.values(rule.columns);
  const additive = cols.some((c) => c.additive && c.class !== "reference");
  if (audience === "public" && countColumns(rule).length) out.push({ layer: "cell", complement: additive });
  if (payPeople(rule).length) {
    out.push({ layer: "pay", complement: cols.some((c) => c.class === "pay_derived" && c.additive) });
  }
  return out;
}

/** Inserts the entry's rows into work.cells for one layer, with primary suppression decided. */
export function cellsSql(mart: string, table: string, rule: MartDisclosure, layer: string): string {
  const counts = layer === "cell" ? countColumns(rule) : payPeople(rule);
  const threshold = layer === "cell" ? "s.min_cell_public" : "s.min_pay_group";
  const small = counts.map((c) => `(t.${id(c)} > 0 and t.${id(c)} < ${threshold})`).join(" or ");
  const keys = [...rule.keys].sort();
  const cellKey = `concat_ws(chr(31), ${keys.map((k) => `coalesce(cast(t.${id(k)} as varchar), chr(8709))`).join(", ")})`;
  return `insert into work.cells
select ${lit(mart)}, t._row_id, ${lit(layer)}, ${lit(keys.join(","))}, ${cellKey}, coalesce(cast(t.${id(counts[0]!)} as double), 0),
    coalesce(${small}, false), case when coalesce(${small}, false) then 'primary' end
from ${table} t, work.settings s`;
}

/**
 * Inserts each additive count of the entry's rows into work.cell_counts (public cell layer): what the
 * withheld members of a line hold together is what a published total minus its published members gives
 * back, column by column (complementary_sums.sql).
 */
export function cellCountsSql(mart: string, table: string, rule: MartDisclosure): string | null {
  const additive = countColumns(rule).filter((c) => rule.columns[c]!.additive);
  if (!additive.length) return null;
  return `insert into work.cell_counts
${additive.map((c) => `select ${lit(mart)}, _row_id, ${lit(c)}, coalesce(cast(${id(c)} as double), 0) from ${table}`).join("\nunion all\n")}`;
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
select ${lit(mart)}, outer_key || chr(30) || inner_key, _row_id, false from m where not is_total
union all
select ${lit(mart)}, l.outer_key || chr(30) || l.inner_key, t._row_id, true
from m t join (select distinct outer_key, inner_key from m where not is_total) l on l.outer_key = t.outer_key
where t.is_total`;
  });
}

/**
 * Inserts into work.links, for each column of the entry that names a `source`, the rows of the source
 * table carrying the same quantity (matched on the source's keys).
 */
export function linksSql(mart: string, table: string, rule: MartDisclosure): string[] {
  return Object.entries(rule.columns)
    .filter(([, c]) => c.source)
    .map(([column, c]) => {
      const src = c.source!;
      const on = Object.entries(src.match).map(([k, v]) => {
        const value = /^[a-z]/.test(v) && v !== "true" && v !== "false" ? `t.${id(v)}` : v;
        return `s.${id(k)} = ${value}`;
      });
      // an additive count takes part in complementary suppression: withheld in either table, it is
      // withheld (row and all) in both; any other copy is withheld (the column alone) in either table
      // wherever the other withholds it
      const isCount = COUNT_CLASSES.includes(c.class) && c.additive === true;
      return `insert into work.links
select ${lit(mart)}, t._row_id, ${lit(column)}, ${isCount}, ${lit(src.mart)}, s._row_id, ${lit(src.column)}
from ${table} t join work.${id(src.mart)} s on ${on.join(" and ")}`;
    });
}

/** A column type from information_schema, as a cast target (only plain types; anything else is double). */
function sqlType(type: string | undefined): string {
  return type && /^(INTEGER|BIGINT|SMALLINT|TINYINT|HUGEINT|DOUBLE|FLOAT|DECIMAL\(\d+,\d+\))$/.test(type)
    ? type
    : "DOUBLE";
}

/** Rounds a pay figure: USD to pay_rounding_usd, other units (per hour, ratios) to 3 significant digits. */
function roundPay(q: string, unit: string | undefined): string {
  if (unit === "USD") return `round(cast(t.${q} as double) / s.pay_rounding_usd) * s.pay_rounding_usd`;
  // three significant digits: a ratio at full precision times a published denominator would give back
  // the unrounded pay
  const x = `cast(t.${q} as double)`;
  return `case when ${x} is null or ${x} = 0 then ${x} else round(${x}, cast(2 - floor(log10(abs(${x}))) as integer)) end`;
}

/**
 * The published table: keys (org pseudonymised), withheld values null, pay rounded, reasons named; rows
 * in the order of the published org_id, so the order does not give away the real one.
 */
export function publishSql(
  mart: string,
  table: string,
  rule: MartDisclosure,
  columns: string[],
  types: Record<string, string> = {},
  copied: string[] = [],
): string {
  const kinds = declaredColumns(rule);
  const cw = "coalesce(cw.withheld, false)";
  const pw = "coalesce(pw.withheld, false)";
  const sourced = Object.entries(rule.columns)
    .filter(([c, d]) => d.source && columns.includes(c))
    .map(([c], i) => ({ column: c, alias: `src${i}` }));
  // columns another table copies (its `source` names them, not as a count): withheld here wherever the
  // copy's row is withheld, so the quantity is withheld in every table that carries it
  const copies = copied.filter((c) => columns.includes(c)).map((c, i) => ({ column: c, alias: `cpy${i}` }));
  const sourceWithheld = (c: string) => {
    const s = sourced.find((x) => x.column === c);
    const k = copies.find((x) => x.column === c);
    return (
      (s ? ` or coalesce(${s.alias}.withheld, false)` : "") +
      (k ? ` or coalesce(${k.alias}.withheld, false)` : "")
    );
  };
  const countLike = (part: string | undefined) =>
    !!part && COUNT_CLASSES.includes((rule.columns[part]?.class ?? part) as (typeof COUNT_CLASSES)[number]);
  const ofCounts = (d: { numerator?: string; denominator?: string }) =>
    countLike(d.numerator) || countLike(d.denominator);
  // a public build of several organisations (pseudonyms a size could undo)
  const manyOrgs = `(s.audience = 'public' and (select count(*) from work.org_pseudonyms where org_id <> 'all') > 1)`;
  const select = columns.map((c) => {
    const q = id(c);
    const decl = rule.columns[c]!;
    const withheld = `${cw}${sourceWithheld(c)}`;
    switch (kinds.get(c)) {
      case "key":
        return c === "org_id" ? `coalesce(o.published_org_id, t.org_id) as org_id` : `t.${q}`;
      case "reference":
        return `t.${q}`;
      case "pay":
      case "pay_derived": {
        const people = `coalesce(t.${id(decl.people!)}, 0)`;
        const fewForQuartile =
          decl.statistic === "quartile" ? ` or ${people} < s.min_pay_quartile_group` : "";
        const unit = decl.statistic === "ratio" ? "ratio" : decl.unit;
        return `case when ${withheld} or ${pw}${fewForQuartile} then null else ${roundPay(q, unit)} end as ${q}`;
      }
      case "people":
      case "events":
      case "fte":
        // A public build of several organisations: counts a reader could match to the staff sizes
        // they know are rounded up to work.org_count_step (a step at which every organisation's size
        // is shared by another; none: withheld), never below the cell rule's threshold
        return columns.includes("org_id")
          ? `case when ${withheld} then null
              when not ${manyOrgs} then t.${q}
              when t.org_id <> 'all' and st.step is null then null
              else cast(ceil(t.${q} / coalesce(st.step, ${PUBLIC_COUNT_STEP})) * coalesce(st.step, ${PUBLIC_COUNT_STEP}) as ${sqlType(types[c])})
            end as ${q}`
          : `case when ${withheld} then null else t.${q} end as ${q}`;
      case "rate":
      case "share":
        // ... and their rates and shares of counts to two decimals (per 100: whole numbers), or an
        // exact ratio of two coarsened counts would give the counts back
        return columns.includes("org_id") && ofCounts(decl)
          ? `case when ${withheld} then null
              when not ${manyOrgs} then t.${q}
              else round(t.${q}, ${decl.unit === "per 100" ? 0 : 2})
            end as ${q}`
          : `case when ${withheld} then null else t.${q} end as ${q}`;
      default:
        return `case when ${withheld} then null else t.${q} end as ${q}`;
    }
  });
  const reasons = [
    `case when cw.reason = 'primary' then format(${lit(RULE_TEXT.cell)}, s.min_cell_public) when cw.reason = 'complementary' then ${lit(RULE_TEXT.cellComplementary)} end`,
    `case when ${cw} then null when pw.reason = 'primary' then format(${lit(RULE_TEXT.pay)}, s.min_pay_group) when pw.reason = 'complementary' then ${lit(RULE_TEXT.payComplementary)} end`,
  ];
  const quartilePeople = columnsOf(rule, "pay")
    .filter((c) => rule.columns[c]!.statistic === "quartile")
    .map((c) => `coalesce(t.${id(rule.columns[c]!.people!)}, 0)`);
  // notes on a published row whose some values are withheld: quartiles of too few people, copies of a
  // quantity its source table withholds
  const partNotes = [
    quartilePeople.length
      ? `case when not ${cw} and not ${pw} and ${quartilePeople[0]} > 0 and ${quartilePeople[0]} < s.min_pay_quartile_group then format(${lit(RULE_TEXT.quartiles)}, s.min_pay_quartile_group) end`
      : "null",
    ...sourced.map(
      (x) =>
        `case when not ${cw} and coalesce(${x.alias}.withheld, false) then ${lit(RULE_TEXT.source.replace("{}", x.column))} end`,
    ),
    ...copies.map(
      (x) =>
        `case when not ${cw} and coalesce(${x.alias}.withheld, false) then ${lit(RULE_TEXT.copy.replace("{}", x.column))} end`,
    ),
    // every withheld value says why, so a reader can tell it from a value that does not exist
    columns.includes("org_id") &&
    columns.some((c) => COUNT_CLASSES.includes(kinds.get(c) as (typeof COUNT_CLASSES)[number]))
      ? `case when not ${cw} and ${manyOrgs} and t.org_id <> 'all' and st.step is null then ${lit(RULE_TEXT.orgStep)} end`
      : "null",
  ];
  const quartileNote = `nullif(concat_ws('; ', ${partNotes.join(", ")}), '')`;
  const sourceJoins = sourced.map(
    (x) => `left join (
    select l.row_id, bool_or(c.withheld) as withheld
    from work.links l join work.cells c on c.mart = l.src_mart and c.row_id = l.src_row_id
    where l.mart = ${lit(mart)} and l.column_name = ${lit(x.column)}
    group by l.row_id
) ${x.alias} on ${x.alias}.row_id = t._row_id`,
  );
  const copyJoins = copies.map(
    (x) => `left join (
    select l.src_row_id as row_id, bool_or(c.withheld) as withheld
    from work.links l join work.cells c on c.mart = l.mart and c.row_id = l.row_id and c.layer = 'cell'
    where l.src_mart = ${lit(mart)} and l.src_column = ${lit(x.column)} and not l.is_count
    group by l.src_row_id
) ${x.alias} on ${x.alias}.row_id = t._row_id`,
  );
  return `create or replace table publish.${id(mart)} as
select ${select.join(",\n    ")},
    nullif(concat_ws('; ', ${reasons.join(", ")}), '') as suppressed,
    cast(${quartileNote} as varchar) as partly_withheld
from ${table} t
cross join work.settings s
cross join work.org_count_step st
left join work.org_pseudonyms o on ${columns.includes("org_id") ? "o.org_id = t.org_id" : "false"}
left join work.cells cw on cw.mart = ${lit(mart)} and cw.layer = 'cell' and cw.row_id = t._row_id
left join work.cells pw on pw.mart = ${lit(mart)} and pw.layer = 'pay' and pw.row_id = t._row_id
${[...sourceJoins, ...copyJoins].join("\n")}
order by ${columns.includes("org_id") ? "coalesce(o.published_org_id, t.org_id), " : ""}t._row_id`;
}
