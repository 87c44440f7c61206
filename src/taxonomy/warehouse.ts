/**
 * Writes the taxonomy and reference tables into the warehouse (`taxonomy.*`, `reference.*`), one
 * table per CSV with the same columns, typed. Data goes through DuckDB's appender, never into SQL text.
 */
import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { certificationRulesTable, certificationsTable } from "./certifications.ts";
import { domainsTable } from "./domains.ts";
import { jobTitleRulesTable } from "./job_titles.ts";
import { marketPayTable, type MarketPay } from "./market_pay.ts";
import { marketPayStateTable, type MarketPayState } from "./market_pay_state.ts";
import { roleFamiliesTable } from "./role_families.ts";
import { rolesTable } from "./roles.ts";
import { staffingBenchmarksTable, type StaffingBenchmark } from "./staffing_benchmarks.ts";
import { wageIndexTable, type WageIndex } from "./wage_index.ts";
import type { Taxonomy } from "./taxonomy.ts";
import type { Column, LoadedTable } from "./taxonomy_table.ts";
import { TaxonomyError, type TaxonomyIssue } from "./taxonomy_error.ts";
import { deviceTypeRulesTable, workTypeRulesTable } from "./work_domains.ts";
import { systemRulesTable } from "./equipment_systems.ts";
import { processRulesTable, processesTable } from "./work_processes.ts";

/** What writing a table needs to know of its spec, whatever its row type. */
interface AnySpec {
  readonly schema: string;
  readonly table: string;
  readonly columns: Readonly<Record<string, Pick<Column<unknown>, "sqlType" | "required">>>;
}

function createTableSql(spec: AnySpec): string {
  const columns = Object.entries(spec.columns).map(
    ([name, column]) => `${name} ${column.sqlType.toLowerCase()}${column.required ? " not null" : ""}`,
  );
  return `create or replace table ${spec.schema}.${spec.table} (${columns.join(", ")})`;
}

function appendCell(
  appender: DuckDBAppender,
  column: Pick<Column<unknown>, "sqlType">,
  value: unknown,
): void {
  if (value === null || value === undefined) return appender.appendNull();
  switch (column.sqlType) {
    case "INTEGER":
      return appender.appendInteger(value as number);
    case "DOUBLE":
      return appender.appendDouble(value as number);
    case "BOOLEAN":
      return appender.appendBoolean(value as boolean);
    case "VARCHAR":
      return appender.appendVarchar(value as string);
  }
}

async function writeTable(
  conn: DuckDBConnection,
  spec: AnySpec,
  table: LoadedTable<Record<string, unknown>>,
): Promise<void> {
  await conn.run(createTableSql(spec));
  const appender = await conn.createAppender(spec.table, spec.schema);
  try {
    for (const row of table.rows) {
      for (const [name, column] of Object.entries(spec.columns)) appendCell(appender, column, row[name]);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** DuckDB compiles each pattern with RE2; one JS accepted but RE2 refuses is reported like any bad cell. */
async function checkPatternsInDuckDB(
  conn: DuckDBConnection,
  tables: readonly LoadedTable<{ pattern: string }>[],
): Promise<void> {
  const issues: TaxonomyIssue[] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      try {
        await conn.run("select regexp_matches('', $pattern, 'i')", { pattern: row.pattern });
      } catch (error) {
        const reason = (error as Error).message.split("\n")[0];
        issues.push({
          file: table.file,
          line: row.line,
          column: "pattern",
          value: row.pattern,
          problem: `is refused by DuckDB's regular expressions (${reason})`,
        });
      }
    }
  }
  if (issues.length > 0) throw new TaxonomyError(issues);
}

/**
 * Creates (or replaces) taxonomy.roles, taxonomy.job_title_rules, taxonomy.domains,
 * taxonomy.work_type_rules, taxonomy.device_type_rules, taxonomy.certification_rules,
 * taxonomy.certifications, taxonomy.processes, taxonomy.process_rules, taxonomy.system_rules
 * (empty when the optional files are absent) and reference.market_pay. Runs inside the caller's transaction, if any.
 */
export async function loadTaxonomyIntoWarehouse(
  conn: DuckDBConnection,
  taxonomy: Taxonomy,
  marketPay: LoadedTable<MarketPay>,
): Promise<void> {
  await checkPatternsInDuckDB(conn, [
    taxonomy.jobTitleRules,
    taxonomy.workTypeRules,
    taxonomy.deviceTypeRules,
    taxonomy.certificationRules,
    taxonomy.processRules,
    taxonomy.systemRules,
  ]);
  await conn.run("create schema if not exists taxonomy");
  await conn.run("create schema if not exists reference");
  const tables: [AnySpec, LoadedTable<Record<string, unknown>>][] = [
    [rolesTable, taxonomy.roles],
    [roleFamiliesTable, taxonomy.roleFamilies],
    [jobTitleRulesTable, taxonomy.jobTitleRules],
    [domainsTable, taxonomy.domains],
    [workTypeRulesTable, taxonomy.workTypeRules],
    [deviceTypeRulesTable, taxonomy.deviceTypeRules],
    [certificationRulesTable, taxonomy.certificationRules],
    [certificationsTable, taxonomy.certifications],
    [processesTable, taxonomy.processes],
    [processRulesTable, taxonomy.processRules],
    [systemRulesTable, taxonomy.systemRules],
    [marketPayTable, marketPay],
  ];
  for (const [spec, table] of tables) await writeTable(conn, spec, table);
}

/** Creates (or replaces) reference.wage_index and reference.staffing_benchmarks. */
export async function loadReferenceTablesIntoWarehouse(
  conn: DuckDBConnection,
  wageIndex: LoadedTable<WageIndex>,
  benchmarks: LoadedTable<StaffingBenchmark>,
): Promise<void> {
  await conn.run("create schema if not exists reference");
  await writeTable(conn, wageIndexTable, wageIndex);
  await writeTable(conn, staffingBenchmarksTable, benchmarks);
}

/** Creates (or replaces) reference.market_pay_state (state figures by occupation; may be empty). */
export async function loadStateMarketPayIntoWarehouse(
  conn: DuckDBConnection,
  statePay: LoadedTable<MarketPayState>,
): Promise<void> {
  await conn.run("create schema if not exists reference");
  await writeTable(conn, marketPayStateTable, statePay);
}
