/**
 * The reproducers of issue 10, one by one, with the exact outcome each must have: loaded or
 * rejected rows with their line and reason, or exit 2 naming the file, the line and the problem.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ingest } from "../loaders/ingest.ts";
import { physicalLine, recordLineShifts } from "../loaders/physical-lines.ts";
import { runCli } from "./support/cli.ts";
import { queryWarehouse } from "./support/duckdb.ts";

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "htm-hardening-"));
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

async function load(files: Record<string, string | Buffer>, settings?: object) {
  const dir = folder(settings ? { ...files, "settings.json": JSON.stringify(settings) } : files);
  const dbPath = path.join(dir, "w.duckdb");
  // these fixtures reject on purpose, often more than max_rejected_share of a small file
  const report = await ingest({ inputDir: dir, dbPath, quiet: true, acceptRejects: true });
  const rejected = (await queryWarehouse(
    dbPath,
    "select source_file, line::integer as line, column_name, value, reason from meta.rejected_rows order by source_file, line, reason",
  )) as { source_file: string; line: number; column_name: string; value: string; reason: string }[];
  return { report, dbPath, rejected };
}

const E = "employee_id,hire_date\n";

describe("line endings", () => {
  it("mixed LF and CRLF: every row loads with its line", async () => {
    const { report, dbPath } = await load({
      "employees.csv": "employee_id,hire_date\nE1,2020-01-01\nE2,2020-01-01\r\nE3,2020-01-01\n",
    });
    expect(report.files.find((f) => f.source === "employees")).toMatchObject({
      dataRows: 3,
      acceptedRows: 3,
    });
    expect(
      await queryWarehouse(
        dbPath,
        "select employee_id, _source_line::integer l from raw.employees order by 2",
      ),
    ).toEqual([
      { employee_id: "E1", l: 2 },
      { employee_id: "E2", l: 3 },
      { employee_id: "E3", l: 4 },
    ]);
  });

  it("CR CR LF is one line ending", async () => {
    const { report } = await load({
      "employees.csv": "employee_id,hire_date\r\r\nE1,2020-01-01\r\r\nE2,2020-01-01\r\r\n",
    });
    expect(report.files.find((f) => f.source === "employees")).toMatchObject({
      dataRows: 2,
      acceptedRows: 2,
    });
  });

  it("a stray CR inside an unquoted field ends the line there; the short rest is rejected with its line", async () => {
    const { report, rejected } = await load({
      "employees.csv": "employee_id,hire_date,education\nE1,2020-01-01,ab\rcd\nE2,2020-01-01,x\n",
    });
    // ab ends line 2 (E1 loads with education 'ab'); 'cd' is line 3, one field of three.
    expect(report.files.find((f) => f.source === "employees")).toMatchObject({
      dataRows: 3,
      acceptedRows: 2,
      rejectedRows: 1,
    });
    expect(rejected).toMatchObject([{ line: 3, reason: "row has fewer fields than the header" }]);
  });

  it("a CR inside a quoted field is data", async () => {
    const { dbPath } = await load({
      "employees.csv": 'employee_id,hire_date,education\nE1,2020-01-01,"a\rb"\nE2,2020-01-01,x\r\n',
    });
    expect(await queryWarehouse(dbPath, "select education from raw.employees order by employee_id")).toEqual([
      { education: "a\rb" },
      { education: "x" },
    ]);
  });
});

describe("numbers that are not plausible numbers", () => {
  it("NaN, Infinity, -Infinity, 1e309 and 1e12 are rejected with reasons; the build does not crash", async () => {
    const values = ["NaN", "Infinity", "-Infinity", "1e309", "1e12"];
    const { report, rejected } = await load({
      "employees.csv": `employee_id,hire_date,birth_year\n${values.map((v, i) => `E${i},2020-01-01,${v}`).join("\n")}\nE9,2020-01-01,1980\n`,
      "organizations.csv": `org_id,org_name,staffed_beds\n${values.map((v, i) => `O${i},Org ${i},${v}`).join("\n")}\n`,
      "work_orders.csv": `work_order_id,opened_date,work_type,labor_hours,vendor_cost\n${values
        .flatMap((v, i) => [`W${i},2020-01-01,PM,${v},`, `V${i},2020-01-01,PM,1,${v}`])
        .join("\n")}\nW9,2020-01-01,PM,2,10\n`,
    });
    expect(report.exitCode).toBe(0);
    const wo = report.files.find((f) => f.source === "work_orders")!;
    expect(wo).toMatchObject({ dataRows: 11, acceptedRows: 1, rejectedRows: 10 });
    expect(report.files.find((f) => f.source === "employees")).toMatchObject({
      acceptedRows: 1,
      rejectedRows: 5,
    });
    expect(report.files.find((f) => f.source === "organizations")).toMatchObject({
      acceptedRows: 0,
      rejectedRows: 5,
    });
    const reasons = (file: string, column: string) =>
      rejected.filter((r) => r.source_file === file && r.column_name === column).map((r) => r.reason);
    expect(reasons("work_orders.csv", "labor_hours")).toEqual([
      ...Array(4).fill("labor_hours: expected a finite number (not NaN or Infinity)"),
      "labor_hours: more than 2,000 hours on one work order (setting max_labor_hours_per_work_order)",
    ]);
    expect(reasons("work_orders.csv", "vendor_cost").at(-1)).toMatch(
      /more than the plausible 1,000,000,000 USD/,
    );
    expect(reasons("employees.csv", "birth_year").slice(0, 4)).toEqual(
      Array(4).fill("birth_year: expected a finite whole number within ±2,147,483,647 (not NaN or Infinity)"),
    );
  });

  it("implausible pay is rejected; hourly pay is annualised × 2080 first", async () => {
    const { rejected } = await load({
      "employees.csv": `${E}E1,2020-01-01\n`,
      "pay.csv": [
        "employee_id,effective_date,amount,basis",
        "E1,2020-01-01,3,hourly", // 6,240 a year: too low
        "E1,2020-02-01,30,hourly", // 62,400: fine
        "E1,2020-03-01,2000000,annual", // too high
        "E1,2020-04-01,9999,annual", // too low
        "E1,2020-05-01,85000,annual",
        "",
      ].join("\n"),
    });
    expect(rejected.filter((r) => r.source_file === "pay.csv").map((r) => r.line)).toEqual([2, 4, 5]);
    expect(rejected[0]!.reason).toMatch(
      /annual pay \(hourly × 2080\) outside the plausible \$10,000 to \$1,000,000/,
    );
  });
});

describe("values whose sums would overflow (independent attack corpus)", () => {
  it("a training record of 1e20 hours and a pay grade range of 1e20 are rejected, and the build completes", async () => {
    const { report, rejected } = await load({
      "employees.csv": `${E}E1,2020-01-01\n`,
      "training.csv": [
        "employee_id,course,completed_date,hours",
        "E1,Network+,2021-03-01,24",
        "E1,Security+,2021-04-01,99999999999999999999",
        "E1,CBET review,2021-05-01,2001",
        "",
      ].join("\n"),
      "pay.csv": [
        "employee_id,effective_date,amount,basis,range_mid",
        "E1,2020-01-01,85000,annual,80000",
        "E1,2021-01-01,86000,annual,1e20",
        "",
      ].join("\n"),
    });
    expect(report.exitCode).toBe(0);
    expect(rejected.filter((r) => r.source_file === "training.csv").map((r) => [r.line, r.reason])).toEqual([
      [3, "hours: more than 2,000 contact hours on one training record (setting max_training_hours)"],
      [4, "hours: more than 2,000 contact hours on one training record (setting max_training_hours)"],
    ]);
    expect(rejected.filter((r) => r.source_file === "pay.csv").map((r) => [r.line, r.reason])).toEqual([
      [3, "range_mid: more than the plausible annual pay $1,000,000 (setting plausible_annual_pay_max)"],
    ]);
  });

  it("an as_of far in the future, or a history_start after it, is refused with exit 2 before anything is built", () => {
    for (const [settings, message] of [
      [
        { as_of: "9999-12-31" },
        /settings\.json: as_of: 9999-12-31 is after \d{4}-12-31: the reference date is "now"/,
      ],
      [
        { as_of: "2020-12-31", history_start: "2021-01-01" },
        /history_start: 2021-01-01 is after as_of 2020-12-31/,
      ],
      [{ plausible_dates_to: "9999-12-31" }, /plausible_dates_to: 9999-12-31 is after 2200-12-31/],
    ] as const) {
      const dir = folder({
        "employees.csv": `${E}E1,2020-01-01\n`,
        "settings.json": JSON.stringify(settings),
      });
      const r = runCli(["ingest", "--input", dir, "--db", path.join(dir, "w.duckdb")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("a scope or rule pattern that is no regular expression, or one DuckDB's RE2 cannot run, is refused with exit 2 naming the key", () => {
    for (const [pattern, message] of [
      ["([", /scope\["department"\]\.matches: Invalid regular expression/],
      ["a(?=b)", /scope\["department"\]\.matches: 'a\(\?=b\)' is not a regular expression DuckDB can run/],
    ] as const) {
      const dir = folder({
        "employees.csv": `${E}E1,2020-01-01\n`,
        "job_history.csv":
          "employee_id,effective_date,job_title,department\nE1,2020-01-01,BMET II,Clinical Engineering\n",
        "mapping.json": JSON.stringify({
          sources: { job_history: { scope: { department: { matches: pattern } } } },
        }),
      });
      const r = runCli(["ingest", "--input", dir, "--db", path.join(dir, "w.duckdb")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe("inputs that are not regular files, and odd config files (independent attack corpus)", () => {
  it("a folder, a device, a pipe or a broken link named like a source is exit 2, never 'not supplied'", () => {
    const cases: [string, (file: string) => void, RegExp][] = [
      ["pay.csv", (f) => mkdirSync(f), /pay\.csv: a folder, not a file/],
      ["pay.csv", (f) => symlinkSync("/dev/null", f), /pay\.csv: a device, not a file/],
      ["training.csv", (f) => execFileSync("mkfifo", [f]), /training\.csv: a named pipe, not a file/],
      ["certifications.csv", (f) => symlinkSync(`${f}.gone`, f), /certifications\.csv: a link to nothing/],
    ];
    for (const [name, make, message] of cases) {
      const dir = folder({ "employees.csv": `${E}E1,2020-01-01\n` });
      const db = path.join(dir, "w.duckdb");
      expect(runCli(["ingest", "--input", dir, "--db", db]).code).toBe(0);
      const before = readFileSync(db);
      make(path.join(dir, name));
      const r = runCli(["ingest", "--input", dir, "--db", db]);
      expect(r.code, name).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(readFileSync(db).equals(before)).toBe(true);
    }
  });

  it("settings.json and mapping.json may start with a byte-order mark", async () => {
    const { report } = await load({
      "employees.csv": `${E}E1,2020-01-01\n`,
      "settings.json": "\uFEFF" + JSON.stringify({ as_of: "2024-12-31" }),
      "mapping.json": "\uFEFF" + JSON.stringify({ sources: {} }),
    });
    expect(report.exitCode).toBe(0);
  });

  it("names a NUL byte in a header, and says what shape a mapping value should have", () => {
    const dir = folder({ "employees.csv": Buffer.from("emp\0loyee_id,hire_date\nE1,2020-01-01\n") });
    const r = runCli(["ingest", "--input", dir, "--db", path.join(dir, "w.duckdb")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'emp\\u0000loyee_id'");
    for (const [mapping, message] of [
      [
        { employees: { scope: { education: 5 } } },
        "sources.employees.scope.education: expected string or array or object",
      ],
      [
        { employees: { derive: { birth_year: { year_of: "hire_date", date_format: "nope" } } } },
        "sources.employees.derive.birth_year.date_format: Invalid option: expected one of",
      ],
    ] as const) {
      const m = folder({
        "employees.csv": `${E}E1,2020-01-01\n`,
        "mapping.json": JSON.stringify({ sources: mapping }),
      });
      const rm = runCli(["ingest", "--input", m, "--db", path.join(m, "w.duckdb")]);
      expect(rm.code).toBe(2);
      expect(rm.stderr).toContain(message);
    }
  });
});

describe("line numbers are physical lines (independent attack corpus)", () => {
  it('locates records the way the reader cuts them: quotes open only at a field start, "" escapes, blank lines are no record', async () => {
    const cases: [string, number, number[]][] = [
      // text, data records, physical lines of record lines 2, 3, 4
      ['a,b\n1,2\n\n\n3,"x\ny"\n4,5', 3, [2, 5, 7]],
      ['\uFEFFa,b\r\n1,"x\r\n""y"""\r\n\r\n2,3\r\n', 2, [2, 5, 6]],
      ['a,b\n1,x"y\n2,"p,q\nr"\n3,4\n', 3, [2, 3, 5]],
      ['"a",b\n"1\n2",x\n3,4\n', 2, [2, 4, 5]],
    ];
    for (const [text, records, expected] of cases) {
      const dir = folder({ "t.csv": text });
      const shifts = await recordLineShifts(path.join(dir, "t.csv"), ",", records);
      expect(shifts, JSON.stringify(text)).toBeDefined();
      expect([2, 3, 4].map((l) => physicalLine(l, shifts!))).toEqual(expected);
    }
    // a different record count than DuckDB's: the record lines stay
    const dir = folder({ "t.csv": "a,b\n1,2\n" });
    expect(await recordLineShifts(path.join(dir, "t.csv"), ",", 5)).toBeUndefined();
  });

  it("after quoted fields holding newlines and blank lines, every row, reject and duplicate names its physical line", async () => {
    const lines = [
      "employee_id,hire_date,education", // 1
      'E1,2020-01-01,"bach', // 2
      "elor", // 3
      'x"', // 4
      "E2,2020-01-01,a", // 5
      "E3,notadate,b", // 6: rejected by the reader
      "", // 7: blank
      "E4,2020-01-01,c", // 8
      'E5,2020-01-01,"one', // 9
      'two"', // 10
      "E4,2020-01-01,d", // 11: duplicate of line 8
      "E6,,e", // 12: rejected by a contract check
      "",
    ];
    const { dbPath, rejected } = await load({ "employees.csv": lines.join("\n") });
    expect(
      await queryWarehouse(
        dbPath,
        "select employee_id, _source_line::integer as line from raw.employees order by 2",
      ),
    ).toEqual([
      { employee_id: "E1", line: 2 },
      { employee_id: "E2", line: 5 },
      { employee_id: "E4", line: 8 },
      { employee_id: "E5", line: 9 },
    ]);
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [6, "hire_date: expected a date as YYYY-MM-DD (declare other formats in mapping.json)"],
      [11, "duplicate key (employee_id, hire_date): first seen on line 8"],
      [12, "hire_date is required"],
    ]);
  });
});

describe("dates outside the plausible window", () => {
  it("a hire_date of 99999-01-01 is rejected, not taken as the as-of date", async () => {
    const { report, rejected, dbPath } = await load(
      { "employees.csv": `${E}E1,2020-01-01\nE2,99999-01-01\nE3,1890-05-01\nE4,-0044-03-15\n` },
      { as_of: "2024-06-30" },
    );
    expect(report.files.find((f) => f.source === "employees")).toMatchObject({
      acceptedRows: 1,
      rejectedRows: 3,
    });
    expect(rejected.map((r) => [r.line, r.column_name])).toEqual([
      [3, "hire_date"],
      [4, "hire_date"],
      [5, "hire_date"],
    ]);
    expect(rejected[0]!.reason).toBe(
      "hire_date: outside the plausible dates 1950-01-01 to 2025-12-31 (settings plausible_dates_from / plausible_dates_to)",
    );
    expect(await queryWarehouse(dbPath, "select count(*)::integer n from core.months")).toEqual([{ n: 54 }]);
  });

  it("the window is a setting", async () => {
    const { report } = await load(
      { "employees.csv": `${E}E1,1920-01-01\n` },
      { plausible_dates_from: "1900-01-01", as_of: "2024-06-30" },
    );
    expect(report.files.find((f) => f.source === "employees")).toMatchObject({ acceptedRows: 1 });
  });
});

describe("encodings and non-text files", () => {
  it("one bad byte in a UTF-8 file rejects its row naming the byte; the file stays UTF-8", async () => {
    const body = Buffer.concat([
      Buffer.from("employee_id,hire_date,education\nE1,2020-01-01,café\nE2,2020-01-01,b", "utf8"),
      Buffer.from([0xff]),
      Buffer.from("ad\nE3,2020-01-01,Zoë\n", "utf8"),
    ]);
    const { report, rejected, dbPath } = await load({ "employees.csv": body });
    expect(report.files.find((f) => f.source === "employees")).toMatchObject({
      encoding: "utf-8",
      acceptedRows: 2,
      rejectedRows: 1,
    });
    expect(rejected).toMatchObject([{ line: 3 }]);
    expect(rejected[0]!.reason).toMatch(/not valid UTF-8 in this row \(file byte \d+\)/);
    expect(await queryWarehouse(dbPath, "select education from raw.employees order by employee_id")).toEqual([
      { education: "café" },
      { education: "Zoë" },
    ]);
  });

  it("a Windows-1252 export is still read as Windows-1252", async () => {
    const { report, dbPath } = await load({
      "employees.csv": iconv.encode("employee_id,hire_date,education\r\nE1,2020-01-01,café\r\n", "win1252"),
    });
    expect(report.files.find((f) => f.source === "employees")!.encoding).toBe("windows-1252");
    expect(await queryWarehouse(dbPath, "select education from raw.employees")).toEqual([
      { education: "café" },
    ]);
  });

  const refusals: [string, string | Buffer, RegExp][] = [
    [
      "UTF-16 with a BOM",
      iconv.encode(`${E}E1,2020-01-01\n`, "utf16le", { addBOM: true }),
      /employees\.csv: the file is UTF-16LE text; only UTF-8 and Windows-1252 are read/,
    ],
    [
      "UTF-16BE without a BOM",
      iconv.encode(`${E}E1,2020-01-01\n`, "utf16be"),
      /employees\.csv: the file is UTF-16BE text/,
    ],
    [
      "a PNG renamed .csv",
      Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"),
      /employees\.csv: NUL bytes on line 3: a binary file, not a CSV text export/,
    ],
    [
      "an unclosed quote in the first rows (the header is fine)",
      'employee_id,hire_date,education\nE1,2020-01-01,x\nE2,2020-01-01,"ab\nE3,2020-01-01,y\nE4,2020-01-01,z\n',
      /employees\.csv line 3, column education: a quoted field opens and is not closed where it should be; the 2 lines after it would be read into that one field/,
    ],
  ];
  for (const [name, body, message] of refusals) {
    it(`${name}: exit 2 saying so`, () => {
      const dir = folder({ "employees.csv": body });
      const r = runCli(["ingest", "--input", dir, "--db", path.join(dir, "w.duckdb")]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/missing required column/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe("a field over the reader's buffer", () => {
  it("a 33 MiB field is rejected with its line, and the lines after it stay right", async () => {
    const big = "x".repeat(33 * 2 ** 20);
    const { report, rejected, dbPath } = await load({
      "employees.csv": `employee_id,hire_date,education\nE1,2020-01-01,a\nE2,2020-01-01,${big}\nE3,2020-01-01,b\nE4,2020-02-30,c\nE5,2020-01-01,d\n`,
    });
    expect(report.files.find((f) => f.source === "employees")).toMatchObject({
      dataRows: 5,
      acceptedRows: 3,
      rejectedRows: 2,
    });
    expect(rejected.map((r) => [r.line, r.reason.slice(0, 30)])).toEqual([
      [3, "row longer than the reader's l"],
      [5, "hire_date: 2020-02-30 is not a"],
    ]);
    expect(
      await queryWarehouse(
        dbPath,
        "select employee_id, _source_line::integer l from raw.employees order by 2",
      ),
    ).toEqual([
      { employee_id: "E1", l: 2 },
      { employee_id: "E3", l: 4 },
      { employee_id: "E5", l: 6 },
    ]);
  }, 120_000);
});
