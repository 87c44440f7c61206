/**
 * Every contract rule with a good and a bad case, checked twice: by the zod row schema (exact
 * per-row messages) and by the bulk path (DuckDB types + SQL checks in a real ingest). The two
 * must agree, since both are compiled from the same column specs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderDataDictionary } from "../src/contract/dictionary.ts";
import { SOURCES, type SourceContract, ROW_SCHEMAS } from "../src/contract/index.ts";
import { ingest } from "../loaders/ingest.ts";
import { queryWarehouse } from "./support/duckdb.ts";

type Row = Record<string, string>;
interface Case {
  name: string;
  row: Row;
  /** Column the row must be rejected on, or null when it must load. */
  rejectedOn: string | null;
}

const VALID: Record<string, Row> = {
  organizations: {
    org_id: "O1",
    org_name: "Mercy General",
    facility_type: "community_hospital",
    staffed_beds: "250",
  },
  employees: { employee_id: "E1", hire_date: "2020-01-15" },
  job_history: {
    employee_id: "E1",
    effective_date: "2020-01-15",
    job_title: "BMET II",
    fte: "1",
    employment_type: "employee",
  },
  requisitions: { requisition_id: "R1", job_title: "BMET II", opened_date: "2021-03-01" },
  certifications: { employee_id: "E1", certification: "CBET", earned_date: "2021-05-01" },
  training: {
    employee_id: "E1",
    course: "Infusion pump service school",
    completed_date: "2021-06-01",
    hours: "16",
  },
  pay: { employee_id: "E1", effective_date: "2020-01-15", amount: "31.50", basis: "hourly" },
  work_orders: { work_order_id: "W1", opened_date: "2022-02-01", work_type: "PM", labor_hours: "1.5" },
  assets: { asset_id: "A1", device_type: "Infusion Pump", in_service_date: "2019-01-01" },
};

const c = (name: string, row: Row, rejectedOn: string | null): Case => ({ name, row, rejectedOn });

// Hand-written from docs/input.md: the rule, a value that satisfies it and one that breaks it.
const CASES: Record<string, Case[]> = {
  organizations: [
    c("facility_type listed", { facility_type: "Academic_Medical_Center" }, null),
    c("facility_type unlisted", { facility_type: "clinic" }, "facility_type"),
    c("staffed_beds 0", { staffed_beds: "0" }, null),
    c("staffed_beds negative", { staffed_beds: "-5" }, "staffed_beds"),
    c("staffed_beds fractional", { staffed_beds: "12.5" }, "staffed_beds"),
    c("org_name missing", { org_name: "" }, "org_name"),
  ],
  employees: [
    c("hire_date missing", { hire_date: "" }, "hire_date"),
    c("hire_date not a date", { hire_date: "2021-02-30" }, "hire_date"),
    c("termination on hire day", { termination_date: "2020-01-15", termination_type: "voluntary" }, null),
    c(
      "termination before hire",
      { termination_date: "2020-01-14", termination_type: "voluntary" },
      "termination_date",
    ),
    c("termination without type", { termination_date: "2022-01-01" }, "termination_type"),
    c("type without termination", { termination_type: "retirement" }, "termination_type"),
    c(
      "termination_type unlisted",
      { termination_date: "2022-01-01", termination_type: "quit" },
      "termination_type",
    ),
    c("retirement", { termination_date: "2022-01-01", termination_type: "Retirement" }, null),
    c("veteran yes/no", { veteran: "Yes" }, null),
    c("veteran not boolean", { veteran: "sometimes" }, "veteran"),
    c("birth_year plausible", { birth_year: "1965" }, null),
    c("birth_year out of range", { birth_year: "1865" }, "birth_year"),
    c("employee_id missing", { employee_id: "" }, "employee_id"),
  ],
  job_history: [
    c("fte 0.5", { fte: "0.5" }, null),
    c("fte 0", { fte: "0" }, "fte"),
    c("fte above 1", { fte: "1.2" }, "fte"),
    c("fte empty defaults later", { fte: "" }, null),
    c("contractor", { employment_type: "Contractor" }, null),
    c("employment_type unlisted", { employment_type: "intern" }, "employment_type"),
    c("job_title missing", { job_title: "" }, "job_title"),
  ],
  requisitions: [
    c("filled after opening", { filled_date: "2021-05-01", hire_source: "external" }, null),
    c("filled before opening", { filled_date: "2021-02-01" }, "filled_date"),
    c("cancelled after opening", { cancelled_date: "2021-04-01" }, null),
    c("cancelled before opening", { cancelled_date: "2021-01-01" }, "cancelled_date"),
    c("filled and cancelled", { filled_date: "2021-05-01", cancelled_date: "2021-05-02" }, "cancelled_date"),
    c("hire_source unlisted", { hire_source: "agency" }, "hire_source"),
  ],
  certifications: [
    c("expiry after earned", { expiry_date: "2024-05-01" }, null),
    c("expiry on earned day", { expiry_date: "2021-05-01" }, "expiry_date"),
    c("earned_date missing", { earned_date: "" }, "earned_date"),
  ],
  training: [
    c("hours positive", { hours: "0.5" }, null),
    c("hours zero", { hours: "0" }, "hours"),
    c("cost zero", { cost: "0" }, null),
    c("cost negative", { cost: "-1" }, "cost"),
    c("hours not a number", { hours: "four" }, "hours"),
  ],
  pay: [
    c("annual", { amount: "72000", basis: "ANNUAL" }, null),
    c("amount zero", { amount: "0" }, "amount"),
    c("basis unlisted", { basis: "biweekly" }, "basis"),
    c("basis missing", { basis: "" }, "basis"),
    c("range_mid zero", { range_mid: "0" }, "range_mid"),
    c("range given", { range_min: "60000", range_mid: "72000", range_max: "84000" }, null),
  ],
  work_orders: [
    c("zero hours", { labor_hours: "0" }, null),
    c("negative hours", { labor_hours: "-0.5" }, "labor_hours"),
    c("vendor", { service_provider: "vendor", vendor_cost: "1200" }, null),
    c("service_provider unlisted", { service_provider: "contractor" }, "service_provider"),
    c("vendor_cost negative", { vendor_cost: "-10" }, "vendor_cost"),
    c("parts_cost negative", { parts_cost: "-10" }, "parts_cost"),
    c("completed after opened", { completed_date: "2022-02-03" }, null),
    c("completed before opened", { completed_date: "2022-01-31" }, "completed_date"),
    c("work_type missing", { work_type: "" }, "work_type"),
  ],
  assets: [
    c("networked 1/0", { networked: "1" }, null),
    c("networked Y", { networked: "Y" }, null),
    c("networked maybe", { networked: "maybe" }, "networked"),
    c("acquisition_cost negative", { acquisition_cost: "-1" }, "acquisition_cost"),
    c("retired after service", { retired_date: "2024-01-01" }, null),
    c("retired before service", { retired_date: "2018-01-01" }, "retired_date"),
  ],
};

function csvOf(columns: string[], rows: Row[]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return (
    [columns.join(","), ...rows.map((r) => columns.map((col) => cell(r[col] ?? "")).join(","))].join("\n") +
    "\n"
  );
}

describe("the data dictionary", () => {
  it("docs/data-dictionary.md is the one generated from src/contract (run `htm-workforce dictionary`)", () => {
    expect(readFileSync("docs/data-dictionary.md", "utf8")).toBe(renderDataDictionary());
  });
});

describe("contract rules: zod and the bulk path agree", () => {
  let dbPath: string;
  beforeAll(async () => {
    // One folder, one file per source, one row per case; keys are made unique per case.
    const dir = mkdtempSync(path.join(tmpdir(), "htm-contract-"));
    for (const source of SOURCES as readonly SourceContract[]) {
      const keyColumn = source.key[0]!;
      const rows = CASES[source.name]!.map((k, i) => {
        const row = { ...VALID[source.name]!, ...k.row };
        if (row[keyColumn] && !(keyColumn in k.row)) row[keyColumn] = `${row[keyColumn]}-${i}`;
        return row;
      });
      writeFileSync(path.join(dir, source.file), csvOf(Object.keys(source.columns), rows));
    }
    dbPath = path.join(dir, "w.duckdb");
    // most cases are rejections on purpose: far over max_rejected_share
    await ingest({ inputDir: dir, dbPath, quiet: true, acceptRejects: true });
  }, 120_000);

  for (const source of SOURCES as readonly SourceContract[]) {
    describe(source.file, () => {
      it("the valid base row passes zod", () => {
        expect(
          ROW_SCHEMAS[source.name as keyof typeof ROW_SCHEMAS].safeParse(VALID[source.name]).success,
        ).toBe(true);
      });
      CASES[source.name]!.forEach((k, i) => {
        it(`${k.name}: ${k.rejectedOn ? `rejected on ${k.rejectedOn}` : "loads"}`, async () => {
          const row = { ...VALID[source.name]!, ...k.row };
          const parsed = ROW_SCHEMAS[source.name as keyof typeof ROW_SCHEMAS].safeParse(row);
          const zodColumns = parsed.success ? [] : parsed.error.issues.map((x) => String(x.path[0]));
          const line = i + 2;
          const sqlColumns = (
            await queryWarehouse(
              dbPath,
              `select column_name from meta.rejected_rows where source_file = '${source.file}' and line = ${line}`,
            )
          ).map((r) => String(r.column_name));
          if (k.rejectedOn === null) {
            expect(zodColumns).toEqual([]);
            expect(sqlColumns).toEqual([]);
          } else {
            expect(zodColumns).toContain(k.rejectedOn);
            expect(sqlColumns).toContain(k.rejectedOn);
          }
        });
      });
    });
  }
});
