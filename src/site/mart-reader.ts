/**
 * The site's only door into the warehouse: Framework data loaders (reports/data/*.ts) call these to
 * read marts READ-ONLY and write Arrow IPC or JSON to stdout. Disclosure rules (src/site/disclosure.ts)
 * are applied here, so no page can forget them.
 */
import { existsSync } from "node:fs";
import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection } from "@duckdb/node-api";
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
import { DEFAULT_SETTINGS, type Settings } from "../config/settings.ts";
import { warehousePath } from "../warehouse/paths.ts";
import { applyDisclosure, orgPseudonyms, type DisclosureSettings, type Row } from "./disclosure.ts";
import { FORBIDDEN_COLUMNS, MART_DISCLOSURE, type MartName } from "./mart-catalog.ts";

/** A query result with the DuckDB type of each column, so an empty result still has a schema. */
export interface Rows {
  columns: { name: string; typeId: DuckDBTypeId }[];
  rows: Row[];
}

/** Opens the warehouse read-only, runs `fn`, and closes everything whatever happens. */
export async function withWarehouse<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const file = warehousePath();
  if (!existsSync(file)) {
    throw new Error(`no warehouse at ${file}: run \`htm-workforce ingest\` first (or set HTM_WAREHOUSE)`);
  }
  const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    return await fn(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
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

/** Whether schema.table exists (marts may be absent in a warehouse built by an older version). */
export async function tableExists(conn: DuckDBConnection, schema: string, table: string): Promise<boolean> {
  const reader = await conn.runAndReadAll(
    "select count(*) as n from information_schema.tables where table_schema = $schema and table_name = $table",
    { schema, table },
  );
  return Number(reader.getRowObjectsJS()[0].n) > 0;
}

/**
 * Settings the warehouse was built with (meta.settings), defaults when absent; HTM_AUDIENCE
 * (set by `htm-workforce build --audience`) overrides the audience.
 */
export async function readSiteSettings(conn: DuckDBConnection): Promise<Settings> {
  let settings: Settings = { ...DEFAULT_SETTINGS };
  if (await tableExists(conn, "meta", "settings")) {
    const { rows } = await query(conn, "select * from meta.settings limit 1");
    if (rows[0]) {
      const known = Object.fromEntries(
        Object.entries(rows[0]).filter(([k, v]) => k in DEFAULT_SETTINGS || (k === "as_of" && v != null)),
      );
      settings = { ...settings, ...known } as Settings;
      if (settings.as_of && (settings.as_of as unknown) instanceof Date) {
        settings.as_of = (settings.as_of as unknown as Date).toISOString().slice(0, 10);
      }
    }
  }
  const audience = process.env.HTM_AUDIENCE;
  if (audience === "internal" || audience === "public") settings.audience = audience;
  return settings;
}

/** Pseudonym function over every organisation in the warehouse, so all marts agree. */
export async function readOrgPseudonyms(conn: DuckDBConnection): Promise<(orgId: string) => string> {
  if (!(await tableExists(conn, "core", "orgs"))) return orgPseudonyms([]);
  const { rows } = await query(conn, "select org_id from core.orgs");
  return orgPseudonyms(rows.map((r) => r.org_id));
}

/**
 * Reads one mart with disclosure rules applied: forbidden columns dropped, small cells suppressed
 * (value null, reason in `suppressed`), orgs pseudonymised for a public audience. A mart missing
 * from the warehouse reads as no rows (the page then says which input would fill it).
 */
export async function readMart(conn: DuckDBConnection, mart: MartName): Promise<Rows> {
  if (!(await tableExists(conn, "marts", mart))) {
    console.error(`warning: marts.${mart} does not exist in ${warehousePath()}; writing an empty table`);
    return { columns: [{ name: "suppressed", typeId: DuckDBTypeId.VARCHAR }], rows: [] };
  }
  const all = await query(conn, `select * from marts.${mart} limit 0`);
  const allowed = all.columns.filter((c) => !FORBIDDEN_COLUMNS.some((re) => re.test(c.name)));
  const dropped = all.columns.filter((c) => !allowed.includes(c));
  if (dropped.length) {
    console.error(`warning: marts.${mart}: not shipping ${dropped.map((c) => c.name).join(", ")}`);
  }
  const rule = MART_DISCLOSURE[mart];
  const order = rule.keys.filter((k) => allowed.some((c) => c.name === k));
  const list = allowed.map((c) => `"${c.name}"`).join(", ");
  const sql = `select ${list} from marts.${mart}${order.length ? ` order by ${order.map((k) => `"${k}"`).join(", ")}` : ""}`;
  const result = await query(conn, sql);
  const settings = await readSiteSettings(conn);
  const rows = applyDisclosure(
    result.rows,
    rule,
    settings as DisclosureSettings,
    await readOrgPseudonyms(conn),
  );
  return { columns: [...result.columns, { name: "suppressed", typeId: DuckDBTypeId.VARCHAR }], rows };
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
