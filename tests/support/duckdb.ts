/** Opens a warehouse file read-only and returns rows as plain JS values (dates as YYYY-MM-DD). */
import { DuckDBInstance } from "@duckdb/node-api";

export async function queryWarehouse(dbPath: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(dbPath, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
