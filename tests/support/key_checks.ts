/**
 * dbt-style key tests as SQL: each builder returns a query that must return zero rows.
 * Table and column names come from the test code, never from data.
 */
import { quotedIdentifier as id } from "@duckdb/node-api";
import { MART_DISCLOSURE, uniqueKeys } from "../../src/publish/mart-catalog.ts";

function qualified(table: string): string {
  return table
    .split(".")
    .map((part) => id(part))
    .join(".");
}

/** Key values that occur more than once. */
export function duplicateKeys(table: string, columns: readonly string[]): string {
  const cols = columns.map((c) => id(c)).join(", ");
  return `select ${cols}, count(*) as n from ${qualified(table)} group by ${cols} having count(*) > 1`;
}

/** Rows where any of the columns is null. */
export function nullValues(table: string, columns: readonly string[]): string {
  return `select * from ${qualified(table)} where ${columns.map((c) => `${id(c)} is null`).join(" or ")}`;
}

/** Rows whose (non-null) reference has no row in the parent table. */
export function orphans(
  table: string,
  columns: readonly string[],
  parent: string,
  parentColumns: readonly string[] = columns,
): string {
  const on = columns.map((c, i) => `p.${id(parentColumns[i]!)} = t.${id(c)}`).join(" and ");
  const present = columns.map((c) => `t.${id(c)} is not null`).join(" and ");
  return `select t.* from ${qualified(table)} as t where ${present} and not exists (select 1 from ${qualified(parent)} as p where ${on})`;
}

/**
 * The grain of each named mart as its declaration gives it (`src/sql/marts/<mart>.json`: `unique`,
 * else `keys`), keyed `marts.<mart>`: the key tests read the grain from the one declaration.
 */
export function martGrains(marts: readonly string[]): Record<string, readonly string[]> {
  return Object.fromEntries(
    marts.map((m) => {
      const rule = MART_DISCLOSURE[m];
      if (!rule) throw new Error(`no declaration src/sql/marts/${m}.json`);
      return [`marts.${m}`, uniqueKeys(rule)];
    }),
  );
}
