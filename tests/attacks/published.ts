/**
 * What the attacker reads: every data file a built site ships (dist/_file/**.arrow and .json) and
 * every Parquet file `export` writes, as plain rows. Nothing here knows a mart or a column by name:
 * a JSON file yields one table per array of objects found anywhere in it, so renaming or nesting a
 * table does not hide it from the attacks.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { tableFromIPC } from "apache-arrow";

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Table {
  /** file (and JSON path) it came from, e.g. "dist/pay_position.arrow" or "export/publish/fte_cost" */
  name: string;
  rows: Row[];
}

/** A value as the attacker sees it: bigints and dates become numbers/ISO strings. */
function plain(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Strips Framework's content hash: pay_position.a3af975b.arrow → pay_position.arrow */
const baseName = (file: string) => path.basename(file).replace(/\.[0-9a-f]{8}(\.\w+)$/, "$1");

function arrowRows(file: string): Row[] {
  const t = tableFromIPC(readFileSync(file));
  const names = t.schema.fields.map((f) => f.name);
  const dates = new Set(
    t.schema.fields.filter((f) => /Date|Timestamp/.test(String(f.type))).map((f) => f.name),
  );
  return t.toArray().map((r) => {
    const o = r.toJSON() as Record<string, unknown>;
    const row: Row = {};
    for (const n of names) {
      const v = o[n];
      row[n] = dates.has(n) && typeof v === "number" ? new Date(v).toISOString().slice(0, 10) : plain(v);
    }
    return row;
  });
}

function jsonTables(name: string, value: unknown, out: Table[]): void {
  if (Array.isArray(value)) {
    const objects = value.filter((v) => v && typeof v === "object" && !Array.isArray(v));
    if (objects.length > 0 && objects.length === value.length) {
      out.push({
        name,
        rows: objects.map((o) => {
          const row: Row = {};
          for (const [k, v] of Object.entries(o as object))
            if (typeof v !== "object" || v === null) row[k] = plain(v);
          return row;
        }),
      });
    }
    value.forEach((v, i) => {
      if (v && typeof v === "object")
        for (const [k, w] of Object.entries(v)) jsonTables(`${name}[${i}].${k}`, w, out);
    });
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) jsonTables(`${name}.${k}`, v, out);
  }
}

/** Every table a built site ships (internal or public, hospital or society). */
export function readSite(dist: string): Table[] {
  const out: Table[] = [];
  for (const file of walk(dist)) {
    if (!file.includes(`${path.sep}_file${path.sep}`)) continue;
    const name = `site/${baseName(file)}`;
    if (file.endsWith(".arrow")) out.push({ name, rows: arrowRows(file) });
    else if (file.endsWith(".json")) jsonTables(name, JSON.parse(readFileSync(file, "utf8")), out);
    else if (file.endsWith(".csv")) {
      const [head, ...lines] = readFileSync(file, "utf8").trim().split(/\r?\n/);
      const cols = head!.split(",");
      out.push({
        name,
        rows: lines.map((l) => {
          const cells = l.split(",");
          return Object.fromEntries(
            cols.map((c, i) => [
              c,
              cells[i] === "" ? null : Number.isNaN(Number(cells[i])) ? cells[i]! : Number(cells[i]),
            ]),
          );
        }),
      });
    }
  }
  return out;
}

/** Every table of an `export` folder: one per directory holding Parquet files, Hive keys read back. */
export async function readExport(dir: string): Promise<Table[]> {
  const byTable = new Map<string, string>();
  for (const file of walk(dir).filter((f) => f.endsWith(".parquet"))) {
    const rel = path.relative(dir, file).split(path.sep);
    const i = rel.findIndex((p) => p.includes("="));
    const tableDir = path.join(dir, ...rel.slice(0, i < 0 ? rel.length - 1 : i));
    byTable.set(tableDir, tableDir);
  }
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const out: Table[] = [];
  try {
    for (const tableDir of byTable.keys()) {
      const glob = path.join(tableDir, "**", "*.parquet").replaceAll("'", "''");
      const reader = await conn.runAndReadAll(
        `SELECT * FROM read_parquet('${glob}', hive_partitioning = true, union_by_name = true)`,
      );
      const rows = (reader.getRowObjectsJson() as Record<string, unknown>[]).map((r) => {
        const row: Row = {};
        for (const [k, v] of Object.entries(r)) {
          // Hive keys and decimals come back as text: numbers are numbers to the attacker
          row[k] = typeof v === "string" && v !== "" && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : plain(v);
        }
        return row;
      });
      out.push({ name: `export/${path.relative(dir, tableDir)}`, rows });
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return out;
}

/** Columns of a table whose every non-null value is a finite number. */
export function numericColumns(t: Table): string[] {
  const cols = new Set<string>();
  for (const r of t.rows) for (const k of Object.keys(r)) cols.add(k);
  return [...cols].filter((c) => {
    let seen = false;
    for (const r of t.rows) {
      const v = r[c];
      if (v === null || v === undefined) continue;
      if (typeof v !== "number" || !Number.isFinite(v)) return false;
      seen = true;
    }
    return seen;
  });
}

/** Text-valued columns (and year-like integers) that label a row: the keys an attacker joins on. */
export function keyColumns(t: Table): string[] {
  const cols = new Set<string>();
  for (const r of t.rows) for (const k of Object.keys(r)) cols.add(k);
  return [...cols].filter((c) => {
    if (/suppress|withheld|reason|rule|source|basis|label|noun|description|note|message|^is_/.test(c))
      return false;
    if (
      /^(year|month|quarter|month_end|quarter_start|as_of|snapshot_on|period|tenure_month|percentile|band_order)$/.test(
        c,
      )
    )
      return true;
    // a column withheld in every row is a measure, not a label
    return (
      t.rows.some((r) => typeof r[c] === "string") &&
      t.rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === "string")
    );
  });
}
