/**
 * `htm-workforce export`: what may leave the warehouse, as Parquet (the format Spark, Trino, BigQuery
 * and MotherDuck read directly). By default the aggregates of the publish layer for an audience
 * (src/publish/publish.ts: the same rules as the site); person-level core tables only with
 * --person-level, which says what it writes. Tables with an org and a year are Hive-partitioned by
 * both (out/publish/turnover_annual/org_id=O1/year=2024/…); others are one file each.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { quotedIdentifier as id, quotedString as str, type DuckDBConnection } from "@duckdb/node-api";
import { UsageError } from "./usage-error.ts";
import { withPublished } from "../publish/publish.ts";
import { parseCommandArgs } from "./args.ts";
import { existingWarehouse, outputFolder } from "./command-paths.ts";

const HELP = `usage: htm-workforce export [--db FILE] --out DIR [--audience internal|public] [--person-level]

Writes the published aggregates (publish.*: the marts with the disclosure rules applied, for the
audience in settings.json unless --audience says otherwise) as Parquet under DIR/publish/<table>,
Hive-partitioned by org_id and year where a table has both. DIR is created if needed; existing
output for a table is replaced.
  --person-level   also write the person-level core tables (employee ids, birth years, individual
                   pay) under DIR/core/<table>: for your own systems only, never for publication.
Exit codes: 0 written; 2 no warehouse, an unusable --out, or an unknown option.`;

export interface ExportedTable {
  table: string;
  rows: number;
  partitioned: boolean;
}

async function copyTable(
  conn: DuckDBConnection,
  qualified: string,
  columns: string[],
  target: string,
): Promise<ExportedTable> {
  rmSync(target, { recursive: true, force: true });
  const reader = await conn.runAndReadAll(`select count(*)::integer as n from ${qualified}`);
  const n = Number(reader.getRowObjectsJS()[0]!.n);
  const partitioned = columns.includes("org_id") && columns.includes("year") && n > 0;
  if (partitioned) {
    // DuckDB creates the partition folders but not the folders above them
    mkdirSync(path.dirname(target), { recursive: true });
    await conn.run(
      `copy ${qualified} to ${str(target)} (format parquet, partition_by (org_id, year), overwrite_or_ignore)`,
    );
  } else {
    mkdirSync(target, { recursive: true });
    await conn.run(`copy ${qualified} to ${str(path.join(target, "data.parquet"))} (format parquet)`);
  }
  return { table: qualified.replace(/"/g, "").split(".").slice(1).join("."), rows: n, partitioned };
}

export async function exportWarehouse(
  dbPath: string,
  outDir: string,
  options: {
    audience?: "internal" | "public";
    personLevel?: boolean;
    /** One line per table as it is written (a big warehouse takes a while). */
    progress?: (line: string) => void;
  } = {},
): Promise<ExportedTable[]> {
  return withPublished(dbPath, { audience: options.audience }, async (conn) => {
    const schemas = options.personLevel ? ["publish", "core"] : ["publish"];
    if (options.personLevel) await conn.run(`attach ${str(dbPath)} as warehouse (read_only)`);
    const tables = (
      await conn.runAndReadAll(`select table_catalog as c, table_schema as s, table_name as t,
          list(column_name order by ordinal_position) as columns
        from information_schema.columns
        where (table_catalog = 'memory' and table_schema = 'publish')
           or (table_catalog = 'warehouse' and table_schema = 'core')
        group by all order by s desc, t`)
    ).getRowObjectsJS() as { c: string; s: string; t: string; columns: string[] }[];
    const exported: ExportedTable[] = [];
    const chosen = tables.filter((x) => schemas.includes(x.s));
    for (const [i, { c, s, t, columns }] of chosen.entries()) {
      options.progress?.(`… ${s}.${t} (${i + 1} of ${chosen.length})`);
      exported.push(await copyTable(conn, `${id(c)}.${id(s)}.${id(t)}`, columns, path.join(outDir, s, t)));
    }
    return exported;
  });
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    options: {
      db: { type: "string" },
      out: { type: "string" },
      audience: { type: "string" },
      "person-level": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.out) throw new UsageError("--out DIR is required");
  const audience = values.audience;
  if (audience !== undefined && audience !== "internal" && audience !== "public") {
    throw new UsageError(`--audience must be internal or public, not '${audience}'`);
  }
  const dbPath = existingWarehouse("export", values.db);
  if (dbPath === undefined) return 2;
  const out = outputFolder("export", values.out);
  if (out === undefined) return 2;
  if (values["person-level"]) {
    console.error(
      "htm-workforce export: --person-level: also writing the core tables, which hold employee ids, birth years and individual pay (core/*). Keep them inside your organisation.",
    );
  }
  console.error("… applying the disclosure rules (publish layer)");
  const exported = await exportWarehouse(dbPath, out, {
    audience,
    personLevel: values["person-level"],
    progress: (line) => console.error(line),
  });
  for (const e of exported)
    console.log(
      `${e.table.padEnd(48)} ${String(e.rows).padStart(10)} rows${e.partitioned ? "  (org_id/year)" : ""}`,
    );
  console.log(
    `\nwrote ${exported.length} tables to ${values.out} (${values["person-level"] ? "published aggregates and person-level core tables" : "published aggregates only; no person-level table"})`,
  );
  return 0;
}
