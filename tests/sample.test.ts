import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/cli/sample.ts";
import { main } from "../src/cli/main.ts";
import {
  SOURCES,
  assetsRow,
  certificationsRow,
  employeesRow,
  jobHistoryRow,
  organizationsRow,
  payRow,
  requisitionsRow,
  trainingRow,
  workOrdersRow,
} from "../src/contract/index.ts";
import type { Manifest } from "../src/sample/manifest.ts";
import { isoDate, periodOf } from "../src/sample/calendar.ts";
import { makeOrganizations } from "../src/sample/organizations.ts";
import { simulateWorkforce } from "../src/sample/workforce.ts";

const SCHEMAS = {
  organizations: organizationsRow,
  employees: employeesRow,
  job_history: jobHistoryRow,
  requisitions: requisitionsRow,
  certifications: certificationsRow,
  training: trainingRow,
  pay: payRow,
  assets: assetsRow,
  work_orders: workOrdersRow,
} as const;
const FILES = SOURCES.map((s) => s.file);

const root = mkdtempSync(join(tmpdir(), "htm-sample-"));
const dirA = join(root, "a");
const dirB = join(root, "b");
const dirC = join(root, "c");
const options = ["--work-orders", "5000", "--orgs", "6", "--years", "6", "--end-year", "2024"];

function readRows(dir: string, file: string): { line: number; row: Record<string, string> }[] {
  const records: { info: { lines: number }; record: Record<string, string> }[] = parse(
    readFileSync(join(dir, file)),
    { columns: true, info: true },
  );
  // info.lines is the line the record ends on; no sample field holds a newline.
  return records.map((r) => ({ line: r.info.lines, row: r.record }));
}
function sha256(dir: string, file: string): string {
  return createHash("sha256")
    .update(readFileSync(join(dir, file)))
    .digest("hex");
}
function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
}

beforeAll(async () => {
  expect(await run(["--out", dirA, "--seed", "7", ...options])).toBe(0);
  expect(await run(["--out", dirB, "--seed", "7", ...options])).toBe(0);
  expect(await run(["--out", dirC, "--seed", "8", ...options])).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("htm-workforce sample", () => {
  it("writes all nine contract files and a manifest whose row counts and checksums match", () => {
    const manifest = manifestOf(dirA);
    expect(Object.keys(manifest.files)).toEqual(FILES);
    for (const file of FILES) {
      expect(manifest.files[file].data_rows).toBe(readRows(dirA, file).length);
      expect(manifest.files[file].sha256).toBe(sha256(dirA, file));
    }
    expect(manifest.files["work_orders.csv"].data_rows).toBe(5000);
    expect(manifest.period).toEqual({ start: "2019-01-01", end: "2024-12-31" });
  });

  it("every row conforms to the contract except exactly the rows the manifest names, which really fail", () => {
    const manifest = manifestOf(dirA);
    expect(manifest.defects.length).toBeGreaterThanOrEqual(8);
    expect(manifest.defects.length).toBeLessThanOrEqual(15);
    for (const source of SOURCES) {
      const named = new Map(manifest.defects.filter((d) => d.file === source.file).map((d) => [d.line, d]));
      const seen = new Set<string>();
      const failing = new Set<number>();
      for (const { line, row } of readRows(dirA, source.file)) {
        const result = SCHEMAS[source.name].safeParse(row);
        const key = source.key.map((k) => row[k]).join("\u0000");
        const duplicate = seen.has(key);
        seen.add(key);
        if (!result.success || duplicate) failing.add(line);
        const defect = named.get(line);
        if (defect) expect(row[defect.column], `${source.file}:${line}`).toBe(defect.value);
      }
      expect(
        [...failing].sort((a, b) => a - b),
        source.file,
      ).toEqual([...named.keys()].sort((a, b) => a - b));
    }
  });

  it("lists orphans that point at keys that do not exist, and unmapped values with their row counts", () => {
    const manifest = manifestOf(dirA);
    const employeeIds = new Set(readRows(dirA, "employees.csv").map((r) => r.row.employee_id));
    const assetIds = new Set(readRows(dirA, "assets.csv").map((r) => r.row.asset_id));
    const workOrders = readRows(dirA, "work_orders.csv");
    const byLine = new Map(workOrders.map((r) => [r.line, r.row]));
    expect(manifest.orphans.length).toBeGreaterThan(0);
    for (const o of manifest.orphans) {
      const row = byLine.get(o.line)!;
      expect(row[o.column]).toBe(o.value);
      expect(o.column === "technician_id" ? employeeIds.has(o.value) : assetIds.has(o.value)).toBe(false);
    }
    // No other work order references a missing technician or asset.
    const orphanLines = new Set(manifest.orphans.map((o) => o.line));
    for (const { line, row } of workOrders) {
      if (orphanLines.has(line)) continue;
      if (row.technician_id) expect(employeeIds.has(row.technician_id), `line ${line}`).toBe(true);
      if (row.asset_id) expect(assetIds.has(row.asset_id), `line ${line}`).toBe(true);
    }
    const defectLines = new Set(manifest.defects.map((d) => `${d.file}:${d.line}`));
    for (const u of manifest.unmapped) {
      const rows = readRows(dirA, u.file).filter(
        (r) => r.row[u.column] === u.value && !defectLines.has(`${u.file}:${r.line}`),
      );
      expect(rows.length, `${u.file} ${u.column} ${u.value}`).toBe(u.rows);
    }
    const values = new Set(manifest.unmapped.map((u) => u.value.toLowerCase()));
    for (const v of ["equipment coordinator", "misc", "other work", "unknown device"])
      expect(values).toContain(v);
  });

  it("is deterministic: same seed gives identical files, another seed different data", () => {
    for (const file of [...FILES, "manifest.json"]) expect(sha256(dirB, file), file).toBe(sha256(dirA, file));
    for (const file of ["employees.csv", "work_orders.csv", "assets.csv"])
      expect(sha256(dirC, file), file).not.toBe(sha256(dirA, file));
  });

  it("tells the field's story", () => {
    const networkingOrCyber =
      /security|vulnerab|patch|risk assessment|mds2|network|hl7|dicom|pacs|integration|vlan|cow setup/i;
    const shareByYear = new Map<string, { part: number; total: number }>();
    for (const { row } of readRows(dirA, "work_orders.csv")) {
      const hours = Number(row.labor_hours);
      if (row.service_provider !== "in_house" || !(hours > 0)) continue;
      const s = shareByYear.get(row.opened_date.slice(0, 4)) ?? { part: 0, total: 0 };
      s.total += hours;
      if (networkingOrCyber.test(row.work_type)) s.part += hours;
      shareByYear.set(row.opened_date.slice(0, 4), s);
    }
    const share = (y: string) => shareByYear.get(y)!.part / shareByYear.get(y)!.total;
    expect(share("2024")).toBeGreaterThan(share("2019") + 0.05);

    // Final-year pay: some networking or cybersecurity specialist earns more than some HTM manager.
    const titles = new Map<string, string>();
    for (const { row } of readRows(dirA, "job_history.csv")) titles.set(row.employee_id, row.job_title);
    const pay = new Map<string, number>();
    for (const { row } of readRows(dirA, "pay.csv"))
      if (row.effective_date.startsWith("2024") && payRow.safeParse(row).success)
        pay.set(row.employee_id, Number(row.amount) * (row.basis === "hourly" ? 2080 : 1));
    const payOf = (pattern: RegExp) =>
      [...pay].filter(([id]) => pattern.test(titles.get(id) ?? "")).map(([, amount]) => amount);
    const specialists = payOf(/network|integration|security|cyber/i);
    const managers = payOf(/manager/i);
    expect(specialists.length).toBeGreaterThan(0);
    expect(managers.length).toBeGreaterThan(0);
    expect(Math.max(...specialists)).toBeGreaterThan(Math.min(...managers));

    // Specialist requisitions take longer to fill than generalist ones.
    const days = (pattern: RegExp) => {
      const d = readRows(dirA, "requisitions.csv")
        .filter((r) => pattern.test(r.row.job_title) && r.row.filled_date && !r.row.cancelled_date)
        .map((r) => (Date.parse(r.row.filled_date) - Date.parse(r.row.opened_date)) / 86_400_000);
      return d.reduce((a, b) => a + b, 0) / d.length;
    };
    expect(days(/network|integration|security|cyber/i)).toBeGreaterThan(days(/bmet|biomed/i));

    // Rehires: someone has two employment rows.
    const ids = readRows(dirA, "employees.csv").map((r) => r.row.employee_id);
    expect(new Set(ids).size).toBeLessThan(ids.length);
  });

  it("dates every requisition inside the period, even a backfill for a leaver in its last weeks", () => {
    // the default sample (12 organisations, 10 years to 2025, seed 1) once opened a backfill on
    // 2026-01-03, which moved as_of past the period
    const period = periodOf(10, 2025);
    const workforce = simulateWorkforce(makeOrganizations(12, period, 1), period, 1);
    const outside = workforce.requisitions.filter(
      (r) => r.openedDay < period.startDay || r.openedDay > period.endDay,
    );
    expect(outside.map((r) => isoDate(r.openedDay))).toEqual([]);
  });

  it("rejects an unknown option with exit code 2", async () => {
    expect(await main(["sample", "--bogus"])).toBe(2);
    expect(await main(["sample", "--work-orders", "many"])).toBe(2);
  });
});
