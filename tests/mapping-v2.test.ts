/**
 * Mapping v2 (docs/mapping.md), one feature at a time on small CSVs, and the load that tells the
 * truth: rejected share refusal, overlapping employments, rows outside employment, ids with
 * invisible spaces, and messages a person can act on.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingest, UnusableInputError } from "../loaders/ingest.ts";
import { DEFAULT_INPUT_DIR } from "../src/warehouse/paths.ts";
import { runCli } from "./support/cli.ts";
import { queryWarehouse } from "./support/duckdb.ts";

function folder(files: Record<string, string | object>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "htm-mapping-v2-"));
  for (const [name, body] of Object.entries(files))
    writeFileSync(path.join(dir, name), typeof body === "string" ? body : JSON.stringify(body));
  return dir;
}

async function load(files: Record<string, string | object>, acceptRejects = true) {
  const dir = folder(files);
  const dbPath = path.join(dir, "w.duckdb");
  const report = await ingest({ inputDir: dir, dbPath, quiet: true, acceptRejects });
  return { dir, dbPath, report, q: (sql: string) => queryWarehouse(dbPath, sql) };
}

const rejected = (q: (sql: string) => Promise<Record<string, unknown>[]>) =>
  q(
    "select line::integer as line, column_name, value, reason from meta.rejected_rows order by line, column_name",
  );

describe("empty values", () => {
  it("a values entry mapped to null empties the cell before the required/empty checks", async () => {
    const { q, report } = await load({
      "mapping.json": {
        sources: {
          employees: {
            columns: {
              EmpID: "employee_id",
              DateofHire: "hire_date",
              DateofTermination: "termination_date",
              TermReason: "termination_type",
            },
            date_format: "M/D/YYYY",
            values: {
              termination_type: {
                "N/A-StillEmployed": null,
                retiring: "retirement",
                "Another position": "voluntary",
              },
            },
          },
        },
      },
      "employees.csv":
        "EmpID,DateofHire,DateofTermination,TermReason\n1,7/5/2011,,N/A-StillEmployed\n2,1/9/2012,6/30/2020,retiring\n3,3/1/2015,4/1/2016,Another position\n",
    });
    expect(report.files.find((f) => f.source === "employees")!.rejectedRows).toBe(0);
    expect(await q("select employee_id, termination_type from raw.employees order by 1")).toEqual([
      { employee_id: "1", termination_type: null },
      { employee_id: "2", termination_type: "retirement" },
      { employee_id: "3", termination_type: "voluntary" },
    ]);
  });

  it("empty_values empties a cell in every column, dates and numbers too", async () => {
    const { q, report } = await load({
      "mapping.json": { sources: { employees: { empty_values: ["N/A", "#N/A"] } } },
      "employees.csv":
        "employee_id,hire_date,termination_date,termination_type,birth_year\nA,2020-01-01,N/A,n/a,#N/A\nB,2020-02-01,2021-01-01,voluntary,1980\n",
    });
    expect(report.files.find((f) => f.source === "employees")!.rejectedRows).toBe(0);
    expect(
      await q(
        "select employee_id, termination_date, termination_type, birth_year from raw.employees order by 1",
      ),
    ).toEqual([
      { employee_id: "A", termination_date: null, termination_type: null, birth_year: null },
      { employee_id: "B", termination_date: "2021-01-01", termination_type: "voluntary", birth_year: "1980" },
    ]);
  });
});

describe("constants, derived columns and two-digit years", () => {
  it("derives by first-match rules (equals, matches, empty, not) and years of birth with a pivot", async () => {
    const { q, report } = await load({
      "mapping.json": {
        sources: {
          employees: {
            columns: { ID: "employee_id", Hired: "hire_date", Left: "termination_date" },
            constants: { org_id: "ACME" },
            century_pivot: 25,
            derive: {
              termination_type: [
                { when: { Left: { empty: true } }, then: null },
                { when: { Reason: { matches: "^retir" } }, then: "retirement" },
                {
                  when: { Status: "Terminated for Cause", Reason: { not: ["layoff"] } },
                  then: "involuntary",
                },
                { when: { Status: ["Voluntarily Terminated", "Resigned"] }, then: "voluntary" },
                { then: "other" },
              ],
              birth_year: { year_of: "Born", date_format: "MM/DD/YY" },
            },
          },
        },
      },
      // pivot 25: 24 → 2024, 25 → 1925
      "employees.csv": [
        "ID,Hired,Left,Status,Reason,Born",
        "1,2020-01-01,,Active,N/A-StillEmployed,01/31/24",
        "2,2020-01-01,2021-01-01,Voluntarily Terminated,Retired early,12/31/25",
        "3,2020-01-01,2021-01-01,Terminated for Cause,attendance,07/10/83",
        "4,2020-01-01,2021-01-01,Terminated for Cause,layoff,07/10/83",
        "5,2020-01-01,2021-01-01,RESIGNED,,",
      ].join("\n"),
    });
    expect(report.files.find((f) => f.source === "employees")!.rejectedRows).toBe(0);
    expect(
      await q("select employee_id, org_id, termination_type, birth_year from raw.employees order by 1"),
    ).toEqual([
      { employee_id: "1", org_id: "ACME", termination_type: null, birth_year: "2024" },
      { employee_id: "2", org_id: "ACME", termination_type: "retirement", birth_year: "1925" },
      { employee_id: "3", org_id: "ACME", termination_type: "involuntary", birth_year: "1983" },
      { employee_id: "4", org_id: "ACME", termination_type: "other", birth_year: "1983" },
      { employee_id: "5", org_id: "ACME", termination_type: "voluntary", birth_year: null },
    ]);
  });

  it("a date of birth that is no date is rejected as written, naming the vendor column", async () => {
    const { q } = await load({
      "mapping.json": {
        sources: { employees: { derive: { birth_year: { year_of: "DOB", date_format: "MM/DD/YY" } } } },
      },
      "employees.csv":
        "employee_id,hire_date,DOB\nA,2020-01-01,13/45/88\nB,2020-01-01,02/30/88\nC,2020-01-01,1988\n",
    });
    expect(await rejected(q)).toEqual([
      {
        line: 2,
        column_name: "birth_year",
        value: "13/45/88",
        reason: "DOB: 13/45/88 is not a calendar date",
      },
      {
        line: 3,
        column_name: "birth_year",
        value: "02/30/88",
        reason: "DOB: 02/30/88 is not a calendar date",
      },
      { line: 4, column_name: "birth_year", value: "1988", reason: "DOB: expected a date as MM/DD/YY" },
    ]);
  });

  it("two-digit-year dates in a contract column use the pivot; DuckDB's own guess is not used", async () => {
    const { q } = await load({
      "mapping.json": { sources: { employees: { date_format: "M/D/YY", century_pivot: 50 } } },
      // 2049 is past the default plausibility bound (as_of's year + 1): widened to test the pivot itself
      "settings.json": { plausible_dates_to: "2060-12-31" },
      // a year written in full needs no pivot
      "employees.csv": "employee_id,hire_date\nA,7/5/49\nB,7/5/50\nC,7/5/2049\n",
    });
    expect(await q("select employee_id, hire_date from raw.employees order by 1")).toEqual([
      { employee_id: "A", hire_date: "2049-07-05" },
      { employee_id: "B", hire_date: "1950-07-05" },
      { employee_id: "C", hire_date: "2049-07-05" },
    ]);
  });
});

describe("scope", () => {
  it("keeps the HTM rows; the others are out of scope, not rejected, and not checked", async () => {
    const { q, report } = await load(
      {
        "mapping.json": {
          sources: {
            employees: { scope: { "Cost Center": { matches: "^CC44" } } },
            job_history: { scope: { job_title: { maps_to_role: true } } },
          },
        },
        "employees.csv":
          "employee_id,hire_date,Cost Center\nA,2020-01-01,CC4410 Clinical Engineering\nB,2020-13-01,CC1200 Nursing\nC,2020-01-01,CC4415 Imaging\nD,,CC3000 Finance\n",
        "job_history.csv":
          "employee_id,effective_date,job_title\nA,2020-01-01,BMET II\nC,2020-01-01,Imaging Specialist\nB,2020-01-01,Staff Nurse\n",
      },
      false,
    );
    expect(report.exitCode).toBe(0);
    const f = (s: string) => report.files.find((x) => x.source === s)!;
    expect([f("employees").acceptedRows, f("employees").rejectedRows, f("employees").outOfScopeRows]).toEqual(
      [2, 0, 2],
    );
    expect([f("job_history").acceptedRows, f("job_history").outOfScopeRows]).toEqual([2, 1]);
    expect(
      await q(
        "select source, data_rows, accepted_rows, rejected_rows, out_of_scope_rows from meta.source_files where present order by 1",
      ),
    ).toEqual([
      { source: "employees", data_rows: "4", accepted_rows: "2", rejected_rows: "0", out_of_scope_rows: "2" },
      {
        source: "job_history",
        data_rows: "3",
        accepted_rows: "2",
        rejected_rows: "0",
        out_of_scope_rows: "1",
      },
    ]);
  });
});

describe("a mapping that matches nothing is an error naming the closest header", () => {
  const employees = "EmpID,DateofHire,DateofTermination\n1,2020-01-01,\n";
  it.each([
    [
      { columns: { EmpID: "employee_id", DateofHire: "hire_date", DateofTermnation: "termination_date" } },
      /columns\["DateofTermnation"\]: the file has no header 'DateofTermnation' \(did you mean 'DateofTermination'\?\)/,
    ],
    [
      {
        columns: { EmpID: "employee_id", DateofHire: "hire_date" },
        derive: { termination_type: [{ when: { TermReason: "x" }, then: "other" }] },
      },
      /derive\.termination_type\[0\]\.when\["TermReason"\]: the file has no header 'TermReason'/,
    ],
    [
      {
        columns: { EmpID: "employee_id", DateofHire: "hire_date" },
        values: { termination_type: { a: "other" } },
      },
      /values: no header is mapped to 'termination_type'/,
    ],
    [
      { columns: { EmpID: "employee_id", DateofHire: "hire_dte" } },
      /'hire_dte' is not a column of employees\.csv \(did you mean 'hire_date'\?\)/,
    ],
    [
      { columns: { EmpID: "employee_id" } },
      /missing required column 'hire_date'.*did you mean 'DateofHire' for hire_date\?/,
    ],
  ])("%j", async (mapping, message) => {
    const dir = folder({ "mapping.json": { sources: { employees: mapping } }, "employees.csv": employees });
    await expect(ingest({ inputDir: dir, dbPath: path.join(dir, "w.duckdb"), quiet: true })).rejects.toThrow(
      message,
    );
    await expect(
      ingest({ inputDir: dir, dbPath: path.join(dir, "w.duckdb"), quiet: true }),
    ).rejects.toBeInstanceOf(UnusableInputError);
  });

  it("a rule or constant giving a value the column does not accept is an error before loading", async () => {
    const dir = folder({
      "mapping.json": {
        sources: {
          employees: { derive: { termination_type: [{ when: { Status: "Quit" }, then: "resigned" }] } },
          pay: { constants: { basis: "yearly" } },
        },
      },
      "employees.csv": "employee_id,hire_date,Status\n1,2020-01-01,\n",
    });
    const run = ingest({ inputDir: dir, dbPath: path.join(dir, "w.duckdb"), quiet: true });
    await expect(run).rejects.toThrow(
      /derive\.termination_type\[0\]\.then: 'resigned' is not one of voluntary, involuntary, retirement, other; sources\.pay\.constants\.basis: 'yearly' is not one of annual, hourly/,
    );
  });

  it("exits 2 from the command line", () => {
    const dir = folder({
      "mapping.json": {
        sources: {
          employees: {
            columns: { EmpID: "employee_id", DateofHire: "hire_date", DateofTermnation: "termination_date" },
          },
        },
      },
      "employees.csv": employees,
    });
    const r = runCli(["ingest", "--input", dir, "--db", path.join(dir, "w.duckdb")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean 'DateofTermination'\?/);
  });
});

describe("rules real HR data needs", () => {
  it("rejects a second employment that starts before the first ended, naming its line; FTE is counted once", async () => {
    const { q, report } = await load({
      "settings.json": { as_of: "2021-12-31" },
      "employees.csv": [
        "employee_id,hire_date,termination_date,termination_type",
        "A,2020-01-01,2021-06-30,voluntary", // line 2
        "A,2021-03-01,,", // line 3: starts before line 2 ended
        "A,2021-06-30,,", // line 4: starts on line 2's last day worked
        "B,2020-01-01,,", // line 5: still employed
        "B,2021-01-01,,", // line 6: B has not left
        "C,2020-01-01,2020-12-31,voluntary", // line 7
        "C,2021-01-01,,", // line 8: a rehire the day after: fine
      ].join("\n"),
      "job_history.csv":
        "employee_id,effective_date,job_title,fte\nA,2020-01-01,BMET II,1\nA,2021-03-01,BMET II,1\nB,2020-01-01,BMET I,1\nB,2021-01-01,BMET I,1\nC,2020-01-01,BMET I,0.5\nC,2021-01-01,BMET I,0.5\n",
    });
    expect(report.files.find((f) => f.source === "employees")!.rejectedRows).toBe(3);
    expect(await rejected(q)).toEqual([
      {
        line: 3,
        column_name: "hire_date",
        value: "2021-03-01",
        reason:
          "hire_date 2021-03-01 is before the end of the employment on line 2 (2020-01-01 to 2021-06-30)",
      },
      {
        line: 4,
        column_name: "hire_date",
        value: "2021-06-30",
        reason:
          "hire_date 2021-06-30 is before the end of the employment on line 2 (2020-01-01 to 2021-06-30)",
      },
      {
        line: 6,
        column_name: "hire_date",
        value: "2021-01-01",
        reason: "hire_date 2021-01-01 is before the end of the employment on line 5 (2020-01-01 to no end)",
      },
    ]);
    // 2021-05-31: A (1.0), B (1.0), C rehired (0.5) = 2.5 FTE, 3 heads: nobody counted twice
    expect(
      await q(
        "select headcount, fte from marts.headcount_monthly where org_id = 'all' and role_family = 'all' and month_end = date '2021-05-31'",
      ),
    ).toEqual([{ headcount: 3, fte: 2.5 }]);
  });

  it("reports job-history and pay rows dated outside every employment of their employee", async () => {
    const { q, report } = await load({
      "settings.json": { as_of: "2023-12-31" },
      "employees.csv":
        "employee_id,hire_date,termination_date,termination_type\nA,2020-01-01,2020-12-31,voluntary\nA,2022-01-01,,\n",
      "job_history.csv":
        "employee_id,effective_date,job_title\nA,2019-12-15,BMET I\nA,2020-06-01,BMET II\nA,2021-03-01,BMET II\nA,2022-01-01,BMET III\n",
      "pay.csv":
        "employee_id,effective_date,amount,basis\nA,2020-01-01,50000,annual\nA,2021-06-01,52000,annual\n",
    });
    expect(
      await q(
        "select source_file, line::integer as line, effective_date, position from meta.rows_outside_employment order by 1, 2",
      ),
    ).toEqual([
      {
        source_file: "job_history.csv",
        line: 2,
        effective_date: "2019-12-15",
        position: "before_first_hire",
      },
      {
        source_file: "job_history.csv",
        line: 4,
        effective_date: "2021-03-01",
        position: "after_termination",
      },
      { source_file: "pay.csv", line: 3, effective_date: "2021-06-01", position: "after_termination" },
    ]);
    expect(report.outsideEmployment.map((o) => [o.file, o.position, o.rows])).toEqual([
      ["job_history.csv", "after_termination", 1],
      ["job_history.csv", "before_first_hire", 1],
      ["pay.csv", "after_termination", 1],
    ]);
    // the row between the employments is attributed to neither
    expect(
      await q("select hire_on, raw_job_title, start_on, end_on from core.position_spells order by start_on"),
    ).toEqual([
      { hire_on: "2020-01-01", raw_job_title: "BMET I", start_on: "2020-01-01", end_on: "2020-06-01" },
      { hire_on: "2020-01-01", raw_job_title: "BMET II", start_on: "2020-06-01", end_on: "2021-01-01" },
      { hire_on: "2022-01-01", raw_job_title: "BMET III", start_on: "2022-01-01", end_on: null },
    ]);
  });

  it("trims ids of no-break, zero-width and tab characters, so one person stays one", async () => {
    const { q } = await load({
      "employees.csv": "employee_id,hire_date\n\u00a0A1,2020-01-01\nB2\u200b,2020-01-01\n",
      "job_history.csv":
        "employee_id,effective_date,job_title\nA1\t,2020-01-01,BMET I\n\ufeffB2,2020-01-01,BMET II\n",
    });
    expect(
      await q("select employee_id, length(employee_id)::integer as n from raw.employees order by 1"),
    ).toEqual([
      { employee_id: "A1", n: 2 },
      { employee_id: "B2", n: 2 },
    ]);
    expect(await q("select count(*)::integer as n from meta.orphans")).toEqual([{ n: 0 }]);
  });
});

describe("messages a person can act on", () => {
  it("keeps the value as written, labels paired values and says which date is no calendar date", async () => {
    const { q } = await load({
      "employees.csv":
        "employee_id,hire_date,termination_date,termination_type,veteran\nA,2024-05-01,2023-01-01,voluntary,\nB,2020-01-01,2021-01-01,Laid Off,\nC,2018-02-30,,,\nD,2020-01-01,,voluntary,\nE,2020-01-01,,,Maybe\n",
    });
    expect(await rejected(q)).toEqual([
      {
        line: 2,
        column_name: "termination_date",
        value: "2023-01-01",
        reason: "termination_date 2023-01-01 is before hire_date 2024-05-01",
      },
      {
        line: 3,
        column_name: "termination_type",
        value: "Laid Off",
        reason: "termination_type: expected one of voluntary, involuntary, retirement, other",
      },
      {
        line: 4,
        column_name: "hire_date",
        value: "2018-02-30",
        reason: "hire_date: 2018-02-30 is not a calendar date",
      },
      {
        line: 5,
        column_name: "termination_type",
        value: "voluntary",
        reason: "termination_type voluntary is given but termination_date is empty",
      },
      {
        line: 6,
        column_name: "veteran",
        value: "Maybe",
        reason: "veteran: expected true/false, yes/no or 1/0",
      },
    ]);
  });

  it.skipIf(existsSync(DEFAULT_INPUT_DIR))("check without data/input says how to start", () => {
    const r = runCli(["check"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no data\/input\/ folder.*mkdir -p data\/input.*--input data\/sample/s);
  });
});

describe("the rejected share", () => {
  const GOOD = "employee_id,hire_date\nA,2020-01-01\nB,2020-01-01\nC,2020-01-01\n";
  // 2 of 3 rows (67%) rejected: over the default max_rejected_share of 5%
  const BAD = "employee_id,hire_date\nA,2020-01-01\nB,2020-02-30\nC,01/02/2020\n";

  it("an employees source rejecting 67% exits 1 and leaves the previous warehouse in place", async () => {
    const good = folder({ "employees.csv": GOOD });
    const db = path.join(good, "w.duckdb");
    expect(runCli(["ingest", "--input", good, "--db", db]).code).toBe(0);
    const before = await queryWarehouse(db, "select load_id, status from meta.load_runs");

    const bad = folder({ "employees.csv": BAD });
    const r = runCli(["ingest", "--input", bad, "--db", db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Refused: a source rejected more than max_rejected_share \(5\.0%\)/);
    expect(r.stdout).toMatch(/employees\.csv \(employees\): 2 of 3 rows rejected \(67%/);
    expect(r.stdout).toMatch(/hire_date: not a calendar date/);
    expect(r.stdout).toMatch(/--accept-rejects/);
    expect(await queryWarehouse(db, "select load_id, status from meta.load_runs")).toEqual(before);
    expect(await queryWarehouse(db, "select count(*)::integer n from raw.employees")).toEqual([{ n: 3 }]);

    // settings.json can raise the limit; --accept-rejects loads and the warehouse says so
    const accepted = runCli(["ingest", "--input", bad, "--db", db, "--accept-rejects"]);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/with --accept-rejects/);
    expect(
      await queryWarehouse(db, "select status from meta.load_runs order by run_id desc limit 1"),
    ).toEqual([{ status: "loaded_accepting_rejects" }]);
    const raised = folder({ "employees.csv": BAD, "settings.json": { max_rejected_share: 0.7 } });
    expect(runCli(["ingest", "--input", raised, "--db", db]).code).toBe(0);
  });

  it("counts a file feeding three sources once in the totals, and a share per source", async () => {
    const { report } = await load({
      "mapping.json": {
        sources: {
          employees: { file: "hr.csv", columns: { ID: "employee_id", Hired: "hire_date" } },
          job_history: {
            file: "hr.csv",
            columns: { ID: "employee_id", Hired: "effective_date", Title: "job_title" },
          },
          pay: {
            file: "hr.csv",
            columns: { ID: "employee_id", Hired: "effective_date", Salary: "amount" },
            constants: { basis: "annual" },
          },
        },
      },
      "hr.csv":
        "ID,Hired,Title,Salary\nA,2020-01-01,BMET I,50000\nB,2020-01-01,BMET II,-1\nC,2020-01-01,,60000\nD,2020-01-01,BMET I,55000\n",
    });
    const share = Object.fromEntries(
      report.files.filter((f) => f.present).map((f) => [f.source, f.rejectedShare]),
    );
    expect(share).toEqual({ employees: 0, job_history: 0.25, pay: 0.25 });
    expect(report.totals).toEqual({ dataRows: 4, rejectedRows: 2, outOfScopeRows: 0 });
  });
});
