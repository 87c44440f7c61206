/** The documented mapping example loads as the documentation says it does. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { ingest } from "../loaders/ingest.ts";
import { queryWarehouse } from "./support/duckdb.ts";

it("docs/examples/hris-and-cmms-export loads every row with its mapping", async () => {
  const dbPath = path.join(mkdtempSync(path.join(tmpdir(), "htm-example-")), "w.duckdb");
  const report = await ingest({ inputDir: "docs/examples/hris-and-cmms-export", dbPath, quiet: true });
  expect(report.files.filter((f) => f.present).map((f) => [f.file, f.acceptedRows, f.rejectedRows])).toEqual([
    ["Workday_Worker_Export.csv", 3, 0],
    ["Workday_Job_History.csv", 4, 0],
    ["CMMS_Equipment.csv", 3, 0],
    ["CMMS_WorkOrders.csv", 4, 0],
  ]);
  expect(
    await queryWarehouse(
      dbPath,
      `select employee_id, strftime(termination_date, '%Y-%m-%d') t, termination_type, veteran from raw.employees order by 1`,
    ),
  ).toEqual([
    { employee_id: "000123", t: null, termination_type: null, veteran: true },
    { employee_id: "000456", t: "2023-03-31", termination_type: "voluntary", veteran: false },
    { employee_id: "000789", t: null, termination_type: null, veteran: false },
  ]);
  // Excel serial 45300 is 2024-01-09; "Sec Patch" is the CMMS's spelling of Security Patch.
  expect(
    await queryWarehouse(
      dbPath,
      `select work_order_id, strftime(opened_date, '%Y-%m-%d') d, work_type, service_provider from raw.work_orders order by 1`,
    ),
  ).toEqual([
    {
      work_order_id: "700001",
      d: "2024-01-09",
      work_type: "Scheduled Maintenance",
      service_provider: "in_house",
    },
    { work_order_id: "700002", d: "2024-01-19", work_type: "Security Patch", service_provider: "in_house" },
    { work_order_id: "700003", d: "2024-01-24", work_type: "Repair", service_provider: "vendor" },
    { work_order_id: "700004", d: "2024-01-29", work_type: "Sterilizer PM", service_provider: "in_house" },
  ]);
  expect(
    await queryWarehouse(dbPath, `select employment_type from raw.job_history where employee_id = '000789'`),
  ).toEqual([{ employment_type: "contractor" }]);
}, 60_000);
