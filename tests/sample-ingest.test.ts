/**
 * The sample and the ingest agree: the rows ingest rejects are exactly the defects the sample's
 * manifest declares, its orphans are reported, and the taxonomy maps at least 95% of the raw job
 * titles and work types (only the deliberately unmapped values stay unmapped).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { IngestReport } from "../loaders/ingest.ts";
import { sharedSample } from "./support/shared-sample.ts";
import { queryWarehouse } from "./support/duckdb.ts";

interface Manifest {
  files: Record<string, { data_rows: number }>;
  defects: { file: string; line: number; column: string }[];
  unmapped: { file: string; column: string; value: string; rows: number }[];
  orphans: { file: string; line: number; column: string; value: string }[];
}

describe("sample → ingest", () => {
  let dir: string;
  let dbPath: string;
  let manifest: Manifest;
  let report: IngestReport;

  beforeAll(async () => {
    ({ input: dir, db: dbPath, report } = await sharedSample());
    manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;
  }, 600_000);

  it("accepted + rejected = data rows for every file, and matches the manifest's row counts", () => {
    for (const f of report.files) {
      expect(f.present, f.file).toBe(true);
      expect(f.acceptedRows + f.rejectedRows, f.file).toBe(f.dataRows);
      expect(f.dataRows, f.file).toBe(manifest.files[f.file]!.data_rows);
    }
  });

  it("rejects exactly the manifest's defects, on their lines", async () => {
    const rejected = await queryWarehouse(
      dbPath,
      "select distinct source_file as file, line::integer as line from meta.rejected_rows order by 1, 2",
    );
    const expected = manifest.defects
      .map((d) => ({ file: d.file, line: d.line }))
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    expect(rejected).toEqual(expected);
  });

  it("reports the manifest's orphans", () => {
    const orphanRows = report.orphans.reduce((a, o) => a + o.rows, 0);
    expect(orphanRows).toBe(manifest.orphans.length);
  });

  it("maps ≥ 95% of raw job titles and work types; what stays unmapped is deliberate", async () => {
    const deliberate = new Set(manifest.unmapped.map((u) => u.value.toLowerCase()));
    const unmapped = await queryWarehouse(
      dbPath,
      "select source, column_name, value, rows::integer as rows from meta.unmapped_values",
    );
    for (const u of unmapped)
      expect(deliberate, `${u.source}.${u.column_name}: ${u.value}`).toContain(String(u.value).toLowerCase());

    const [titles] = await queryWarehouse(
      dbPath,
      "select avg(case when role = 'unmapped' then 0 else 1 end) as mapped from core.position_spells where raw_job_title is not null",
    );
    expect(Number(titles!.mapped)).toBeGreaterThanOrEqual(0.95);
    const [types] = await queryWarehouse(
      dbPath,
      `select 1 - coalesce((select sum(rows) from meta.unmapped_values where source = 'work_orders' and column_name = 'work_type'), 0)
         / count(*) as mapped from raw.work_orders`,
    );
    expect(Number(types!.mapped)).toBeGreaterThanOrEqual(0.95);
  });
  it("compares no year's pay with a later survey, and every market ratio names its survey year", async () => {
    const rows = await queryWarehouse(
      dbPath,
      `select year, role, market_year, market_basis, market_ratio from marts.pay_position
       where market_ratio is not null or market_median is not null`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.market_year as number, `${r.role} ${r.year}`).toBeLessThanOrEqual(r.year as number);
      expect(r.market_basis as string, `${r.role} ${r.year}`).toMatch(new RegExp(`^${r.market_year} `));
    }
  });

  it("need − staff = gap in total for every organisation and year, and the domains add up", async () => {
    const bad = await queryWarehouse(
      dbPath,
      `with sums as (
         select org_id, year, sum(demand_fte) as need, sum(supply_fte) as staff, sum(gap_fte) as gap
         from marts.staffing_gap where not is_total group by all
       )
       select t.org_id, t.year from marts.staffing_gap t join sums s using (org_id, year)
       where t.domain = 'all' and t.demand_fte is not null
         and (abs(t.demand_fte - s.need) > 1e-6 or abs(t.supply_fte - s.staff) > 1e-6
           or abs(t.gap_fte - s.gap) > 1e-6 or abs(t.demand_fte - t.supply_fte - t.gap_fte) > 1e-6)`,
    );
    expect(bad).toEqual([]);
    // every organisation has the check's rows: a total for each year with work
    const orgs = await queryWarehouse(
      dbPath,
      "select count(distinct org_id)::integer as n from marts.staffing_gap where domain = 'all' and org_id <> 'all'",
    );
    expect(orgs).toEqual([{ n: 12 }]);
  });
});
