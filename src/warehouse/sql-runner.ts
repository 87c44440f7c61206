/**
 * The one way a SQL file of this project is run (docs/architecture.md, data flow): the transform
 * (src/sql/meta, core, marts), the shared formulas (src/sql/macros), ingest's meta tables, the
 * publish layer (src/sql/publish), a hospital's contribution and the society's validation, pooling,
 * publishing and site queries (src/sql/survey/*) all read their SQL from a file beside the code and
 * run it here, so every file gets the same parameter rules and the same error naming it.
 *
 * Parameters are DuckDB's named parameters (`$name`), bound as values by DuckDB, never pasted into
 * the text: a value cannot change the statement. A file's parameters are the `$name`s it uses (outside
 * comments and string literals); running it without one of them, or with a name it does not use, is
 * an error naming the file, before DuckDB sees it.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { DuckDBConnection, DuckDBResultReader, DuckDBValue } from "@duckdb/node-api";
import { PROJECT_ROOT } from "./paths.ts";

export const SQL_DIR = path.join(PROJECT_ROOT, "src/sql");

/**
 * Formulas shared by the hospital's warehouse and the society's pooled one (DuckDB macros, one file
 * per formula): created before any table, in both.
 */
export const MACRO_DIR = path.join(SQL_DIR, "macros");

export type SqlParams = Record<string, DuckDBValue | number | string | boolean | null>;

/** A SQL file that failed: the message starts with the file's path in the repository. */
export class SqlFileError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`${path.relative(PROJECT_ROOT, file)}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

const texts = new Map<string, string>();

/** The text of a SQL file (read once per process: the files are part of the code). */
export function readSql(file: string): string {
  let sql = texts.get(file);
  if (sql === undefined) {
    try {
      sql = readFileSync(file, "utf8");
    } catch (e) {
      throw new SqlFileError(file, e);
    }
    texts.set(file, sql);
  }
  return sql;
}

/** The `.sql` files of a folder, by name. */
export function sqlFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith(".sql"))
    .sort()
    .map((n) => path.join(dir, n));
}

/** SQL without its comments and string literals (what is left is the statement's own words). */
export function sqlCode(sql: string): string {
  // one pass, left to right: an apostrophe inside a comment opens no string, and "--" inside a
  // string is no comment
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'/g, (m) => (m.startsWith("'") ? "''" : " "));
}

/** The named parameters a SQL text uses, sorted. */
export function sqlParameters(sql: string): string[] {
  return [...new Set([...sqlCode(sql).matchAll(/\$([a-z_][a-z0-9_]*)/gi)].map((m) => m[1]!))].sort();
}

function checkParams(file: string, sql: string, params: SqlParams | undefined): SqlParams | undefined {
  const wanted = sqlParameters(sql);
  const given = Object.keys(params ?? {}).sort();
  const missing = wanted.filter((p) => !given.includes(p));
  const unused = given.filter((p) => !wanted.includes(p));
  if (missing.length || unused.length)
    throw new SqlFileError(
      file,
      [
        missing.length ? `no value for ${missing.map((p) => `$${p}`).join(", ")}` : "",
        unused.length ? `${unused.map((p) => `$${p}`).join(", ")} given but not used` : "",
      ]
        .filter(Boolean)
        .join("; "),
    );
  return wanted.length ? params : undefined;
}

/** Runs a SQL file (any number of statements; parameters only in a one-statement file). */
export async function runSqlFile(conn: DuckDBConnection, file: string, params?: SqlParams): Promise<void> {
  const sql = readSql(file);
  const values = checkParams(file, sql, params);
  try {
    await conn.run(sql, values as never);
  } catch (e) {
    throw new SqlFileError(file, e);
  }
}

/** Runs a SQL file whose last statement is a query, and returns its result. */
export async function querySqlFile(
  conn: DuckDBConnection,
  file: string,
  params?: SqlParams,
): Promise<DuckDBResultReader> {
  const sql = readSql(file);
  const values = checkParams(file, sql, params);
  try {
    return await conn.runAndReadAll(sql, values as never);
  } catch (e) {
    throw new SqlFileError(file, e);
  }
}

/** The rows of a SQL file's query as JSON-safe objects (BIGINT and DECIMAL as strings or numbers). */
export async function sqlFileRows(
  conn: DuckDBConnection,
  file: string,
  params?: SqlParams,
): Promise<Record<string, unknown>[]> {
  return (await querySqlFile(conn, file, params)).getRowObjectsJson() as Record<string, unknown>[];
}

/**
 * Runs SQL files in order; `onStep` hears each file before it runs. Returns the seconds each took,
 * by file name without `.sql` (prefixed with `prefix`), so a slow build says where its time went.
 */
export async function runSqlFiles(
  conn: DuckDBConnection,
  files: readonly string[],
  options: { prefix?: (file: string) => string; onStep?: (file: string) => void } = {},
): Promise<Record<string, number>> {
  const seconds: Record<string, number> = {};
  for (const file of files) {
    options.onStep?.(file);
    const t0 = performance.now();
    await runSqlFile(conn, file);
    seconds[(options.prefix?.(file) ?? "") + path.basename(file, ".sql")] = (performance.now() - t0) / 1000;
  }
  return seconds;
}

/** Creates every shared formula (src/sql/macros/*.sql) on the connection. */
export async function createSharedMacros(conn: DuckDBConnection): Promise<void> {
  for (const file of sqlFilesIn(MACRO_DIR)) await runSqlFile(conn, file);
}
