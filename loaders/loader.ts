/**
 * An ingest loader binds one source contract to the generic contract-driven load (load-source.ts:
 * DuckDB read_csv with the contract's types, then SQL rule checks → raw.<source>). loaders/sources.ts
 * lists them in load order; a source that needs a step of its own gets its own loader there.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { SourceContract } from "../src/contract/index.ts";
import { loadSource, type SourceLoadResult } from "./load-source.ts";

export type LoadArgs = Omit<Parameters<typeof loadSource>[1], "source">;

export interface SourceLoader {
  readonly source: SourceContract;
  load(conn: DuckDBConnection, args: LoadArgs): Promise<SourceLoadResult>;
}

export function defineLoader(source: SourceContract): SourceLoader {
  return { source, load: (conn, args) => loadSource(conn, { ...args, source }) };
}
