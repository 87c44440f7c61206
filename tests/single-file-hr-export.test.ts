/**
 * docs/examples/single-file-hr-export: one organisation-wide HR export (one row per employment,
 * "Last, First" names with commas, a BOM, CRLF, trailing spaces in Department, M/D/YYYY dates,
 * two-digit-year dates of birth, a rehire whose id carries a no-break space) feeds employees,
 * job_history and pay through mapping.json alone, scoped to the HTM departments.
 *
 * Expected figures come from tests/r/single_file_hr.R, which reads the raw export itself (its own
 * date parsing, scope and termination-type rules) and uses survival::survfit; a few are also
 * worked out by hand below.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ingest, type IngestReport } from "../loaders/ingest.ts";
import { queryWarehouse } from "./support/duckdb.ts";

const EXAMPLE = "docs/examples/single-file-hr-export";

function readCsv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(file, "utf8").trim().split("\n");
  const names = head!.split(",").map((h) => h.replace(/"/g, ""));
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i]!, v.replace(/"/g, "")])));
}
const num = (v: string | undefined) => (v === undefined || v === "NA" ? null : Number(v));

let dbPath: string;
let report: IngestReport;
beforeAll(async () => {
  dbPath = path.join(mkdtempSync(path.join(tmpdir(), "htm-single-file-")), "w.duckdb");
  report = await ingest({ inputDir: EXAMPLE, dbPath, quiet: true });
}, 60_000);

describe("single-file HR export", () => {
  it("loads every in-scope row of the one file into three sources, none rejected", () => {
    expect(report.exitCode).toBe(0);
    expect(report.status).toBe("loaded");
    // 48 data rows: 32 in Clinical Engineering / Imaging Services, 16 in other departments
    expect(
      report.files
        .filter((f) => f.present)
        .map((f) => [f.source, f.file, f.dataRows, f.acceptedRows, f.rejectedRows, f.outOfScopeRows]),
    ).toEqual([
      ["employees", "HR_Core_Dataset.csv", 48, 32, 0, 16],
      ["job_history", "HR_Core_Dataset.csv", 48, 32, 0, 16],
      ["pay", "HR_Core_Dataset.csv", 48, 32, 0, 16],
    ]);
    // one file feeding three sources is counted once in the totals
    expect(report.totals).toEqual({ dataRows: 48, rejectedRows: 0, outOfScopeRows: 16 });
    // the columns the mapping's rules and scope read are not reported as ignored
    expect(report.files.find((f) => f.source === "employees")!.ignoredColumns).not.toContain("TermReason");
  });

  it("derives termination_type first-match, birth_year with the century pivot, and constants", async () => {
    const rows = await queryWarehouse(
      dbPath,
      `select employee_id, hire_date, termination_type, birth_year, org_id from raw.employees
       where employee_id in ('10006', '10007', '10014', '10024', '10027', '10031') order by 1`,
    );
    expect(rows).toEqual([
      // TermReason "retiring" wins over EmploymentStatus "Voluntarily Terminated"; DOB 05/02/55 → 1955
      {
        employee_id: "10006",
        hire_date: "2018-01-08",
        termination_type: "retirement",
        birth_year: "1955",
        org_id: "RIVERSIDE",
      },
      // "no-call, no-show" (a quoted comma), Terminated for Cause
      {
        employee_id: "10007",
        hire_date: "2018-02-12",
        termination_type: "involuntary",
        birth_year: "1997",
        org_id: "RIVERSIDE",
      },
      // DOB 02/29/00: 29 February 2000 (00 < pivot 30 → 2000, a leap year)
      {
        employee_id: "10014",
        hire_date: "2019-08-05",
        termination_type: "voluntary",
        birth_year: "2000",
        org_id: "RIVERSIDE",
      },
      // active: no rule matches, so empty; 06/06/01 → 2001
      {
        employee_id: "10024",
        hire_date: "2022-08-01",
        termination_type: null,
        birth_year: "2001",
        org_id: "RIVERSIDE",
      },
      {
        employee_id: "10027",
        hire_date: "2023-03-06",
        termination_type: "involuntary",
        birth_year: "1997",
        org_id: "RIVERSIDE",
      },
      {
        employee_id: "10031",
        hire_date: "2017-01-03",
        termination_type: "voluntary",
        birth_year: "1975",
        org_id: "RIVERSIDE",
      },
    ]);
    expect(
      await queryWarehouse(
        dbPath,
        "select distinct department, basis, currency from raw.job_history, raw.pay order by 1",
      ),
    ).toEqual([
      // trailing spaces trimmed
      { department: "Clinical Engineering", basis: "annual", currency: "USD" },
      { department: "Imaging Services", basis: "annual", currency: "USD" },
    ]);
  });

  it("the rehire whose id ends in a no-break space is one person with two employments", async () => {
    expect(
      await queryWarehouse(
        dbPath,
        `select employee_id, hire_on, termination_on, employment_seq from core.employees where employee_id like '10002%' order by hire_on`,
      ),
    ).toEqual([
      { employee_id: "10002", hire_on: "2017-03-06", termination_on: "2018-08-18", employment_seq: 1 },
      { employee_id: "10002", hire_on: "2019-03-04", termination_on: null, employment_seq: 2 },
    ]);
    expect(
      await queryWarehouse(dbPath, "select count(distinct employee_id)::integer n from core.employees"),
    ).toEqual([{ n: 31 }]);
  });

  it("turnover (SHRM monthly sum) and retention rate match the R reference", async () => {
    const expected = readCsv("tests/r/single_file_hr_turnover.csv");
    const actual = await queryWarehouse(
      dbPath,
      `select year, separations, turnover_rate, voluntary_turnover_rate, retention_rate
       from marts.turnover_annual where org_id = 'all' and role_family = 'all' order by year`,
    );
    expect(actual.map((r) => r.year)).toEqual(expected.map((r) => Number(r.year)));
    for (const [i, e] of expected.entries()) {
      const a = actual[i]!;
      expect(a.separations, `separations ${e.year}`).toBe(Number(e.separations));
      expect(a.turnover_rate as number, `turnover ${e.year}`).toBeCloseTo(num(e.turnover_rate)!, 12);
      expect(a.voluntary_turnover_rate as number, `voluntary ${e.year}`).toBeCloseTo(
        num(e.voluntary_turnover_rate)!,
        12,
      );
      if (num(e.retention_rate) === null) expect(a.retention_rate, `retention ${e.year}`).toBeNull();
      else expect(a.retention_rate as number, `retention ${e.year}`).toBeCloseTo(num(e.retention_rate)!, 12);
    }
    // By hand, retention 2018: staffed on 2018-01-01 are 10001, 10002, 10003, 10004, 10005 and 10031
    // (6); 10002 left on 2018-08-18, so 5/6. 2019: those five minus 10002, plus 10006, 10008, 10009
    // and 10010 hired in 2018 (10007 left in 2018) = 9; 10031 left on 2019-01-31: 8/9.
    expect(actual[1]!.retention_rate as number).toBeCloseTo(5 / 6, 12);
    expect(actual[2]!.retention_rate as number).toBeCloseTo(8 / 9, 12);
    // 2017: nobody is staffed on 1 January 2017 (the first hire is 2017-01-03): no retention rate
    expect(actual[0]!.retention_rate).toBeNull();
  });

  it("Kaplan-Meier survival at 1, 2, 3 and 5 years and median tenure match survival::survfit", async () => {
    const expected = readCsv("tests/r/single_file_hr_km.csv");
    const actual = await queryWarehouse(
      dbPath,
      `select event_kind, n, events, s12, s24, s36, s60, median_tenure_months from marts.retention_summary
       where org_id = 'all' and group_kind = 'all' order by event_kind`,
    );
    expect(actual.map((r) => [r.event_kind, r.n, r.events])).toEqual(
      expected.map((e) => [e.event_kind, Number(e.n), Number(e.events)]),
    );
    for (const [i, e] of expected.entries()) {
      for (const k of ["s12", "s24", "s36", "s60", "median_tenure_months"] as const)
        expect(actual[i]![k] as number, `${e.event_kind} ${k}`).toBeCloseTo(num(e[k])!, 10);
    }
    // By hand, S(12) (any separation, t = 365.25 days). Times within the first year, 32 at risk:
    //   90 censored (10029) → 31 at risk; 179 one event (10014): × 30/31; 186 two (10011, 10027):
    //   × 28/30; 209 censored (10028) → 27; 276 (10007) × 26/27; 297 (10025) × 25/26; 298 (10020)
    //   × 24/25; 301 (10022) × 23/24; 356 censored (10026) → 22; 365 (10018, exactly one year) × 21/22.
    //   S(12) = 28/31 × 23/27 × 21/22 = 13524/18414
    expect(actual[0]!.s12 as number).toBeCloseTo(13524 / 18414, 12);
  });
});
