/**
 * A corpus of broken files: every data row is accounted for (loaded or rejected with its line,
 * column and reason), nothing crashes, and unusable files exit 2 naming the file.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../loaders/ingest.ts";
import { runCli } from "./support/cli.ts";
import { queryWarehouse } from "./support/duckdb.ts";

const EMPLOYEES = "employee_id,hire_date,org_id\nT1,2015-01-01,\nT2,2016-01-01,\n";

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "htm-malformed-"));
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

describe("malformed rows", () => {
  it("rejects each bad row with line, column and reason; accepted + rejected = data rows", async () => {
    const huge = "x".repeat(3_000_000);
    const workOrders = [
      "work_order_id,opened_date,work_type,labor_hours,service_provider,technician_id",
      "W1,2020-01-01,PM,1.5,in_house,T1", // line 2: ok
      "W2,2020-01-02,Repair,-2,in_house,T1", // line 3: negative hours
      "W3,2020-02-30,Repair,1,in_house,T1", // line 4: no such date
      "W4,2020-01-04,Repair,1,outsourced,T1", // line 5: unknown enum
      "W1,2020-01-05,PM,1,vendor,", // line 6: duplicate key of line 2
      "W5,2020-01-06,PM", // line 7: too few fields
      "W6,2020-01-07,PM,1,in_house,T1,extra", // line 8: too many fields
      `W7,2020-01-08,"${huge}",1,in_house,T1`, // line 9: 3 MB field
      "W8,2020-01-09,Repair,2,vendor,GHOST", // line 10: ok, orphan technician
      ",2020-01-10,PM,1,in_house,T2", // line 11: missing key
      "W9,2020-01-11,PM,abc,in_house,T2", // line 12: not a number
      "W10,2020-01-12,Repair,0,IN_HOUSE,T2", // line 13: ok (enum case-insensitive, 0 hours allowed)
      'W11,2020-01-13,"unterminated,1,in_house,T2', // line 14: unterminated quote, last line
    ].join("\n");
    const dir = folder({ "employees.csv": EMPLOYEES, "work_orders.csv": `${workOrders}\n` });
    const dbPath = path.join(dir, "w.duckdb");
    const report = await ingest({ inputDir: dir, dbPath, quiet: true, acceptRejects: true });
    const wo = report.files.find((f) => f.source === "work_orders")!;
    // 13 data rows: W1, W8 and W10 load; the other ten are rejected.
    expect(wo).toMatchObject({ dataRows: 13, acceptedRows: 3, rejectedRows: 10 });

    const loaded = await queryWarehouse(
      dbPath,
      "select work_order_id, _source_line from raw.work_orders order by 2",
    );
    expect(loaded).toEqual([
      { work_order_id: "W1", _source_line: "2" },
      { work_order_id: "W8", _source_line: "10" },
      { work_order_id: "W10", _source_line: "13" },
    ]);
    const rejected = await queryWarehouse(
      dbPath,
      "select line, column_name, reason from meta.rejected_rows where source_file = 'work_orders.csv' order by line",
    );
    expect(rejected.map((r) => [Number(r.line), r.column_name])).toEqual([
      [3, "labor_hours"],
      [4, "opened_date"],
      [5, "service_provider"],
      [6, "work_order_id"],
      [7, "labor_hours"], // the first missing field
      [8, null],
      [9, null],
      [11, "work_order_id"],
      [12, "labor_hours"],
      [14, "work_type"], // the field where the quote opens
    ]);
    const reasons = rejected.map((r) => String(r.reason));
    expect(reasons[0]).toMatch(/labor_hours: must be ≥ 0/);
    expect(reasons[1]).toMatch(/opened_date: 2020-02-30 is not a calendar date/);
    expect(reasons[2]).toMatch(/expected one of in_house, vendor/);
    expect(reasons[3]).toMatch(/duplicate key \(work_order_id\): first seen on line 2/);
    expect(reasons[4]).toMatch(/fewer fields/);
    expect(reasons[5]).toMatch(/more fields/);
    expect(reasons[6]).toMatch(/longer than/);
    expect(reasons[7]).toMatch(/work_order_id is required/);
    expect(reasons[8]).toMatch(/labor_hours: expected a number/);
    expect(reasons[9]).toMatch(/quot/);
    // Orphans are kept and reported, not rejected.
    expect(report.orphans).toEqual([
      { file: "work_orders.csv", column: "technician_id", references: "employees", values: 1, rows: 1 },
    ]);
  });

  it("line numbers stay exact with many rejected records (more than the CASE path handles)", async () => {
    // 120 work orders; every third one has an impossible date, so DuckDB's reader rejects 40.
    const rows = Array.from(
      { length: 120 },
      (_, i) => `W${i},${i % 3 === 1 ? "2020-02-31" : "2020-03-01"},PM,1`,
    );
    const dir = folder({
      "employees.csv": EMPLOYEES,
      "work_orders.csv": ["work_order_id,opened_date,work_type,labor_hours", ...rows, ""].join("\n"),
    });
    const dbPath = path.join(dir, "w.duckdb");
    const report = await ingest({ inputDir: dir, dbPath, quiet: true, acceptRejects: true });
    expect(report.files.find((f) => f.source === "work_orders")).toMatchObject({
      dataRows: 120,
      acceptedRows: 80,
      rejectedRows: 40,
    });
    // W<i> is on line i + 2 whatever was rejected before it.
    const lines = await queryWarehouse(dbPath, "select work_order_id, _source_line from raw.work_orders");
    for (const r of lines)
      expect(Number(r._source_line), String(r.work_order_id)).toBe(
        Number(String(r.work_order_id).slice(1)) + 2,
      );
    const rejected = await queryWarehouse(
      dbPath,
      "select line from meta.rejected_rows where source_file = 'work_orders.csv' order by line",
    );
    expect(rejected.map((r) => Number(r.line))).toEqual(Array.from({ length: 40 }, (_, j) => 3 * j + 1 + 2));
  });

  it("a header-only file loads zero rows", async () => {
    const dir = folder({
      "employees.csv": EMPLOYEES,
      "pay.csv": "employee_id,effective_date,amount,basis\n",
    });
    const report = await ingest({
      inputDir: dir,
      dbPath: path.join(dir, "w.duckdb"),
      quiet: true,
      acceptRejects: true,
    });
    expect(report.files.find((f) => f.source === "pay")).toMatchObject({
      present: true,
      dataRows: 0,
      acceptedRows: 0,
    });
  });
});

describe("unusable input exits 2 naming the file", () => {
  const cases: [string, Record<string, string | Buffer>, RegExp][] = [
    [
      "no employees.csv",
      { "pay.csv": "employee_id,effective_date,amount,basis\n" },
      /employees\.csv: required file not found/,
    ],
    ["an empty file", { "employees.csv": EMPLOYEES, "assets.csv": "" }, /assets\.csv: the file is empty/],
    [
      "a missing required column",
      { "employees.csv": "employee_id,org_id\n1,a\n" },
      /employees\.csv: missing required column 'hire_date' \(header has: 'employee_id', 'org_id'/,
    ],
    [
      "non-CSV bytes",
      {
        "employees.csv": EMPLOYEES,
        "work_orders.csv": Buffer.from([
          0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48,
        ]),
      },
      /work_orders\.csv: NUL bytes on line 3: a binary file, not a CSV text export/,
    ],
    [
      "invalid mapping JSON",
      { "employees.csv": EMPLOYEES, "mapping.json": "{ nope" },
      /mapping\.json: not valid JSON/,
    ],
  ];
  for (const [name, files, message] of cases) {
    it(name, () => {
      const dir = folder(files);
      const r = runCli(["ingest", "--input", dir, "--db", path.join(dir, "w.duckdb")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    });
  }

  it("--strict with a rejected row exits 1 and keeps the previous warehouse", async () => {
    const good = folder({ "employees.csv": EMPLOYEES });
    const db = path.join(good, "w.duckdb");
    expect(runCli(["ingest", "--input", good, "--db", db]).code).toBe(0);
    const [before] = await queryWarehouse(db, "select load_id from meta.load_runs");
    const bad = folder({ "employees.csv": `${EMPLOYEES}T3,2016-13-01,\n` });
    const r = runCli(["ingest", "--input", bad, "--db", db, "--strict"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/--strict: 1 row was rejected; .* was left as it was/);
    expect(await queryWarehouse(db, "select load_id from meta.load_runs")).toEqual([before]);
    expect(await queryWarehouse(db, "select count(*)::integer n from raw.employees")).toEqual([{ n: 2 }]);
    // Without --strict and with --accept-rejects (1 of 3 rows is over max_rejected_share) it loads.
    expect(runCli(["ingest", "--input", bad, "--db", db, "--accept-rejects"]).code).toBe(0);
  });

  it("an unknown option", () => {
    const r = runCli(["ingest", "--frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--frobnicate'/i);
  });
});
