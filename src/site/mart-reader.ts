/**
 * The site's only door into the warehouse: Framework data loaders (reports/data/[name].*.ts) call these to
 * read the publish layer (src/publish/publish.ts: the marts with the disclosure rules applied in SQL,
 * built for the build's audience over the warehouse opened READ-ONLY) and write Arrow IPC or JSON to
 * stdout. The connection they get holds publish.* and nothing else.
 */
import { DuckDBTypeId, quotedIdentifier as id, type DuckDBConnection } from "@duckdb/node-api";
import {
  Bool,
  DateDay,
  Dictionary,
  Float32,
  Float64,
  Int16,
  Int32,
  Int8,
  Null,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
  type DataType,
  type Vector,
} from "apache-arrow";
import type { Settings } from "../config/settings.ts";
import { warehousePath } from "../warehouse/paths.ts";
import type { Row } from "../publish/disclosure.ts";
import { withPublished } from "../publish/publish.ts";

/** A query result with the DuckDB type of each column, so an empty result still has a schema. */
export interface Rows {
  columns: { name: string; typeId: DuckDBTypeId }[];
  rows: Row[];
}

/**
 * Builds the publish layer over the warehouse (HTM_WAREHOUSE; audience HTM_AUDIENCE, else the
 * warehouse's settings), runs `fn` on it, and closes everything whatever happens.
 */
export async function withWarehouse<T>(
  fn: (conn: DuckDBConnection, settings: Settings) => Promise<T>,
): Promise<T> {
  const audience = process.env.HTM_AUDIENCE;
  return withPublished(
    warehousePath(),
    { audience: audience === "public" || audience === "internal" ? audience : undefined },
    fn,
  );
}

/** Runs a query; BIGINT/HUGEINT/DECIMAL become numbers (the browser wants numbers, not BigInt). */
export async function query(conn: DuckDBConnection, sql: string): Promise<Rows> {
  const reader = await conn.runAndReadAll(sql);
  const names = reader.columnNames();
  const columns = reader.columnTypes().map((t, i) => ({ name: names[i], typeId: t.typeId }));
  const rows = reader.getRowObjectsJS().map((r) => {
    const out: Row = {};
    for (const { name } of columns) out[name] = typeof r[name] === "bigint" ? Number(r[name]) : r[name];
    return out;
  });
  return { columns, rows };
}

/** One published table, whole, in its published order. */
export async function readPublished(conn: DuckDBConnection, table: string): Promise<Rows> {
  return query(conn, `select * from publish.${id(table)}`);
}

/**
 * Rows as an Arrow table, compact because pages ship it whole (issue 6: under 300 KB a page):
 * strings dictionary-encoded (a mart repeats a few org ids, roles and domains thousands of times);
 * whole numbers in the narrowest of Int8/Int16/Int32 that holds them; other numbers Float32 when every
 * value is under FLOAT32_LIMIT in magnitude (7 significant digits: cents below 100,000, far finer
 * than any chart or table shows; `loadArrow` gives them back as those 7 digits) else Float64; a column
 * with no value at all (`suppressed` when nothing is) as Arrow's Null type, which takes no bytes;
 * dates DateDay, timestamps ms, booleans Bool.
 */
export function toArrow({ columns, rows }: Rows): Table {
  const vectors: Record<string, Vector> = {};
  for (const { name, typeId } of columns) {
    let type = arrowType(typeId);
    let values = rows.map((r) => r[name] ?? null);
    if (values.every((v) => v === null)) {
      vectors[name] = vectorFromArray(values, new Null());
      continue;
    }
    if (type instanceof Utf8) {
      values = values.map((v) =>
        v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v),
      );
      const distinct = new Set(values).size;
      type = new Dictionary(
        new Utf8(),
        distinct < 127 ? new Int8() : distinct < 32767 ? new Int16() : new Int32(),
      );
    } else if (type instanceof Float64) {
      type = narrowNumberType(values as (number | null)[]);
    }
    vectors[name] = vectorFromArray(values, type);
  }
  return new Table(vectors);
}

/** Magnitude under which a number ships as Float32 (7 significant digits keep 2 decimals). */
export const FLOAT32_LIMIT = 100_000;

function narrowNumberType(values: (number | null)[]): DataType {
  let integers = true;
  let max = 0;
  for (const v of values) {
    if (v == null) continue;
    if (!Number.isInteger(v)) integers = false;
    max = Math.max(max, Math.abs(v));
  }
  if (integers) {
    if (max < 2 ** 7) return new Int8();
    if (max < 2 ** 15) return new Int16();
    if (max < 2 ** 31) return new Int32();
  }
  return max < FLOAT32_LIMIT && values.every((v) => v == null || Number.isFinite(v))
    ? new Float32()
    : new Float64();
}

function arrowType(typeId: DuckDBTypeId): DataType {
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new Bool();
    case DuckDBTypeId.DATE:
      return new DateDay();
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return new TimestampMillisecond();
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return new Float64();
    default:
      return new Utf8();
  }
}
