/**
 * People bring what they have (docs/input.md): an HR-only input loads, and every mart exists with the
 * same columns as on a full input, empty where its inputs are absent. Also: export to Parquet.
 */
import { rmSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { exportWarehouse } from "../src/cli/export.ts";
import { runCli } from "./support/cli.ts";
import { queryWarehouse } from "./support/duckdb.ts";
import { writeGeneratedInput } from "./support/generated-input.ts";

/** The marts issue 5 promises after every ingest. */
const MARTS = [
  "headcount_monthly",
  "turnover_annual",
  "retention_curve",
  "retention_summary",
  "time_to_fill",
  "workload_domain_quarterly",
  "specialist_demand",
  "role_transitions",
  "promotion_time",
  "certification_coverage",
  "pay_position",
  "inventory_load",
  "cost_of_service",
  "retirement_exposure",
  "cost_of_turnover",
];

async function martColumns(dbPath: string): Promise<Record<string, string>> {
  const rows = await queryWarehouse(
    dbPath,
    `select table_name as t, string_agg(column_name || ' ' || data_type, ', ' order by ordinal_position) as c
     from information_schema.columns where table_schema = 'marts' group by 1 order by 1`,
  );
  return Object.fromEntries(rows.map((r) => [String(r.t), String(r.c)]));
}

describe("partial inputs", () => {
  let fullDir: string;
  let hrDir: string;

  beforeAll(async () => {
    fullDir = await writeGeneratedInput({ employees: 120, workOrders: 5_000 });
    hrDir = await writeGeneratedInput({ employees: 120, workOrders: 10 });
    for (const f of ["assets.csv", "work_orders.csv"]) rmSync(path.join(hrDir, f));
  }, 60_000);

  it("organizations + employees + job_history + pay loads with exit 0 and every mart exists", async () => {
    const db = path.join(hrDir, "w.duckdb");
    const r = runCli(["ingest", "--input", hrDir, "--db", db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /not supplied \(optional.*\): requisitions\.csv, certifications\.csv, training\.csv, assets\.csv, work_orders\.csv/,
    );

    const fullDb = path.join(fullDir, "w.duckdb");
    expect(runCli(["ingest", "--input", fullDir, "--db", fullDb]).code).toBe(0);

    const hr = await martColumns(db);
    const full = await martColumns(fullDb);
    for (const m of MARTS) expect(Object.keys(hr), `marts.${m}`).toContain(m);
    // Same tables, same columns, same types: BI tools and the site never break on a partial input.
    expect(hr).toEqual(full);
    const [wl] = await queryWarehouse(db, "select count(*)::integer n from marts.workload_domain_quarterly");
    expect(wl).toEqual({ n: 0 });
    const [hc] = await queryWarehouse(db, "select count(*)::integer n from marts.headcount_monthly");
    expect(Number(hc!.n)).toBeGreaterThan(0);
  }, 120_000);

  it("only employees.csv is enough", async () => {
    const dir = await writeGeneratedInput({ employees: 30, workOrders: 1 });
    for (const f of readdirSync(dir)) if (f !== "employees.csv") rmSync(path.join(dir, f));
    const r = runCli(["ingest", "--input", dir, "--db", path.join(dir, "w.duckdb")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/employees\.csv\s+30\s+30\s+0/);
  }, 60_000);

  it("export writes the published aggregates as Parquet into a new folder, person-level tables only with --person-level", async () => {
    const out = path.join(fullDir, "export", "new", "folder");
    const r = runCli(["export", "--db", path.join(fullDir, "w.duckdb"), "--out", out]);
    // stderr carries progress lines only (… table, ✓ done), no warning
    expect(r.stderr.split("\n").filter((l) => l && !/^(…|✓)/.test(l))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no person-level table/);
    expect(existsSync(path.join(out, "core"))).toBe(false);
    expect(existsSync(path.join(out, "publish/turnover_annual/org_id=all"))).toBe(true);
    const exported = await exportWarehouse(path.join(fullDir, "w.duckdb"), path.join(fullDir, "export2"));
    expect(exported.map((e) => e.table)).toEqual(expect.arrayContaining(MARTS.map((m) => `publish.${m}`)));
    const turnover = exported.find((e) => e.table === "publish.turnover_annual")!;
    expect(turnover.partitioned).toBe(true);
    // Read back what was written: the same row count as the table.
    const [back] = await queryWarehouse(
      path.join(fullDir, "w.duckdb"),
      `select count(*)::integer n from read_parquet('${out}/publish/turnover_annual/**/*.parquet', hive_partitioning = true)`,
    );
    expect(back).toEqual({ n: turnover.rows });
    const person = runCli(["export", "--db", path.join(fullDir, "w.duckdb"), "--out", out, "--person-level"]);
    expect(person.code).toBe(0);
    expect(person.stderr).toMatch(/employee ids, birth years and individual pay/);
    expect(existsSync(path.join(out, "core/employees/data.parquet"))).toBe(true);
  }, 60_000);
});
