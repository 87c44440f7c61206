/**
 * Real exports: BOM + CRLF + semicolons with decimal commas, Windows-1252 from Excel, tabs,
 * quoted newlines, and a mapping config for vendor headers, date formats and synonyms.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ingest } from "../loaders/ingest.ts";
import { queryWarehouse } from "./support/duckdb.ts";

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "htm-dialect-"));
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

async function load(files: Record<string, string | Buffer>) {
  const dir = folder(files);
  const dbPath = path.join(dir, "w.duckdb");
  const report = await ingest({ inputDir: dir, dbPath, quiet: true, acceptRejects: true });
  return { report, dbPath, q: (sql: string) => queryWarehouse(dbPath, sql) };
}

describe("dialects load with no config", () => {
  it("UTF-8 BOM + CRLF + semicolons + decimal commas", async () => {
    const { report, q } = await load({
      "employees.csv":
        "\uFEFFemployee_id;hire_date;education\r\nE1;2020-01-01;Ingénieur\r\nE2;2021-06-15;\r\n",
      "job_history.csv":
        "employee_id;effective_date;job_title;fte\r\nE1;2020-01-01;BMET II;0,5\r\nE2;2021-06-15;BMET I;1\r\n",
      "pay.csv": "employee_id;effective_date;amount;basis\r\nE1;2020-01-01;31,25;hourly\r\n",
    });
    expect(report.files.find((f) => f.source === "employees")).toMatchObject({
      dataRows: 2,
      acceptedRows: 2,
    });
    expect(await q("select employee_id, education, _source_line from raw.employees order by 1")).toEqual([
      { employee_id: "E1", education: "Ingénieur", _source_line: "2" },
      { employee_id: "E2", education: null, _source_line: "3" },
    ]);
    expect(await q("select fte from raw.job_history order by employee_id")).toEqual([
      { fte: 0.5 },
      { fte: 1 },
    ]);
    expect(await q("select amount from raw.pay")).toEqual([{ amount: 31.25 }]);
  });

  it("Windows-1252 with accents, curly quotes and dashes is detected and decoded", async () => {
    const body =
      "employee_id,hire_date,education\nE1,2019-02-01,Université de Montréal\nE2,2019-03-01,O’Neil Tech – A.S.\n";
    const { report, q } = await load({ "employees.csv": iconv.encode(body, "win1252") });
    expect(report.files.find((f) => f.source === "employees")?.encoding).toBe("windows-1252");
    expect(await q("select education from raw.employees order by employee_id")).toEqual([
      { education: "Université de Montréal" },
      { education: "O’Neil Tech – A.S." },
    ]);
  });

  it("tabs and quoted fields with embedded newlines, delimiters and quotes", async () => {
    const { report, q } = await load({
      "employees.csv":
        'employee_id\thire_date\teducation\n"E1"\t2018-01-01\t"Line one\nline two"\nE2\t2018-02-01\t"He said ""hi""\tthere"\n',
    });
    expect(report.files.find((f) => f.source === "employees")).toMatchObject({
      dataRows: 2,
      acceptedRows: 2,
      delimiter: "\t",
    });
    expect(await q("select employee_id, education from raw.employees order by 1")).toEqual([
      { employee_id: "E1", education: "Line one\nline two" },
      { employee_id: "E2", education: 'He said "hi"\tthere' },
    ]);
  });

  it("identifiers stay text: 007 is not 7", async () => {
    const { q } = await load({ "employees.csv": "employee_id,hire_date\n007,2020-01-01\n7,2020-01-01\n" });
    expect(await q("select employee_id from raw.employees order by 1")).toEqual([
      { employee_id: "007" },
      { employee_id: "7" },
    ]);
  });
});

describe("mapping config", () => {
  it("renames vendor headers, parses declared date formats and applies value synonyms", async () => {
    const mapping = {
      sources: {
        employees: {
          file: "HR_Employee_Export.csv",
          columns: {
            "Emp ID": "employee_id",
            "Hire Dt": "hire_date",
            "Term Dt": "termination_date",
            "Term Reason": "termination_type",
          },
          date_format: "MM/DD/YYYY",
          values: { termination_type: { Resigned: "voluntary", Retired: "retirement" } },
        },
        work_orders: {
          columns: {
            "WO #": "work_order_id",
            "Date Opened": "opened_date",
            Type: "work_type",
            Hours: "labor_hours",
          },
          date_formats: { opened_date: "excel_serial" },
          values: { work_type: { "Sec Patch": "Security Patch" } },
        },
      },
    };
    const { report, q } = await load({
      "mapping.json": JSON.stringify(mapping),
      "HR_Employee_Export.csv":
        "Emp ID,Hire Dt,Term Dt,Term Reason\nA1,03/15/2019,,\nA2,12/01/2018,06/30/2022,Resigned\nA3,13/01/2018,,\n",
      // Excel serial 45292 is 2024-01-01; 45293.0 is 2024-01-02; "x" is not a serial.
      "work_orders.csv": "WO #,Date Opened,Type,Hours\n1,45292,Sec Patch,1\n2,45293.0,PM,2\n3,x,PM,1\n",
    });
    expect(
      await q(
        "select employee_id, strftime(hire_date, '%Y-%m-%d') hire, termination_type from raw.employees order by 1",
      ),
    ).toEqual([
      { employee_id: "A1", hire: "2019-03-15", termination_type: null },
      { employee_id: "A2", hire: "2018-12-01", termination_type: "voluntary" },
    ]);
    expect(
      await q(
        "select work_order_id, strftime(opened_date, '%Y-%m-%d') d, work_type from raw.work_orders order by 1",
      ),
    ).toEqual([
      { work_order_id: "1", d: "2024-01-01", work_type: "Security Patch" },
      { work_order_id: "2", d: "2024-01-02", work_type: "PM" },
    ]);
    expect(
      await q("select source_file, line, column_name, value from meta.rejected_rows order by 1"),
    ).toEqual([
      { source_file: "HR_Employee_Export.csv", line: "4", column_name: "hire_date", value: "13/01/2018" },
      { source_file: "work_orders.csv", line: "4", column_name: "opened_date", value: "x" },
    ]);
    expect(report.files.find((f) => f.source === "employees")?.file).toBe("HR_Employee_Export.csv");
  });

  it("a mapping to an unknown column is an error naming the file and the key", async () => {
    const dir = folder({
      "mapping.json": JSON.stringify({ sources: { employees: { columns: { "Emp ID": "emp_no" } } } }),
      "employees.csv": "employee_id,hire_date\n1,2020-01-01\n",
    });
    await expect(ingest({ inputDir: dir, dbPath: path.join(dir, "w.duckdb"), quiet: true })).rejects.toThrow(
      /mapping\.json: sources\.employees\.columns\["Emp ID"\]: 'emp_no' is not a column of employees\.csv/,
    );
  });
});
