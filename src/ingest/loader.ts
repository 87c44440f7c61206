/**
 * An ingest loader binds one source contract to the generic contract-driven load. Each source has
 * its own module in loaders/, so the folder layout shows the data flow (loaders/<source>.ts →
 * raw.<source>) and a source that needs its own step has an obvious place for it.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { SourceContract } from "../contract/index.ts";
import { loadSource, type SourceLoadResult } from "./load-source.ts";

export type LoadArgs = Omit<Parameters<typeof loadSource>[1], "source">;

export interface SourceLoader {
  readonly source: SourceContract;
  load(conn: DuckDBConnection, args: LoadArgs): Promise<SourceLoadResult>;
}

export function defineLoader(source: SourceContract): SourceLoader {
  return { source, load: (conn, args) => loadSource(conn, { ...args, source }) };
}
