/**
 * `htm-workforce sample`: writes the nine input-contract files and manifest.json for a synthetic
 * multi-organisation HTM department. Everything is derived from the seed and the options, never
 * from the clock, so the same options give byte-identical files.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  assets as assetsContract,
  certifications as certificationsContract,
  employees as employeesContract,
  jobHistory as jobHistoryContract,
  organizations as organizationsContract,
  pay as payContract,
  requisitions as requisitionsContract,
  training as trainingContract,
  workOrders as workOrdersContract,
  type SourceContract,
} from "../contract/index.ts";
import { DateFormatter, isoDate, periodOf } from "./calendar.ts";
import { technicalFteByMonth } from "./capacity.ts";
import { CsvFile } from "./csv_file.ts";
import { makeInventory, NEVER } from "./inventory.ts";
import { UnmappedCounter, type Manifest, type ManifestDefect } from "./manifest.ts";
import { makeOrganizations, type Org } from "./organizations.ts";
import {
  DEVICE_TYPES,
  JOB_TITLES,
  SPECIAL_PROJECTS_TITLE,
  UNKNOWN_DEVICE,
  UNMAPPED_CERTIFICATION,
  styled,
} from "./vocabulary.ts";
import { writeWorkOrders } from "./work_orders.ts";
import { simulateWorkforce, type JobRow, type Workforce } from "./workforce.ts";

export interface SampleOptions {
  out: string;
  orgs: number;
  years: number;
  seed: number;
  workOrders: number;
  endYear: number;
}

/** The default sample (`htm-workforce sample` without options, and `start` on a fresh clone). */
export const DEFAULT_SAMPLE_OPTIONS: Omit<SampleOptions, "out"> = {
  orgs: 12,
  years: 10,
  endYear: 2025,
  seed: 1,
  workOrders: 300_000,
};

/**
 * Active devices per technical FTE over the period: a little under the field's rule of thumb of about
 * 1,000 devices per BMET, so the site's devices per technical FTE lands in a realistic 500–1,200. The
 * inventory follows the staff, not --work-orders: a small sample has fewer orders per device, not a
 * department with a tenth of its devices.
 */
const DEVICES_PER_TECHNICAL_FTE = 780;

type Row = Record<string, string>;

/** Rows of one small file, with the deliberate defects placed in them before writing. */
class Table {
  readonly rows: Row[] = [];
  readonly defects: { row: Row; column: string; value: string; reason: string }[] = [];
  constructor(readonly contract: SourceContract) {}

  mutate(index: number, column: string, value: string, reason: string): void {
    const row = this.rows[index];
    row[column] = value;
    this.defects.push({ row, column, value, reason });
  }

  insert(index: number, row: Row, column: string, reason: string): void {
    this.rows.splice(index, 0, row);
    this.defects.push({ row, column, value: row[column] ?? "", reason });
  }

  isDefect(row: Row): boolean {
    return this.defects.some((d) => d.row === row);
  }

  /** First row index at or after `from` (wrapping) that satisfies `test`. */
  find(from: number, test: (row: Row, index: number) => boolean): number {
    for (let k = 0; k < this.rows.length; k++) {
      const i = (from + k) % this.rows.length;
      if (!this.isDefect(this.rows[i]) && test(this.rows[i], i)) return i;
    }
    throw new Error(`sample: no row in ${this.contract.file} to place a defect in`);
  }

  async write(dir: string): Promise<{ rows: number; sha256: string; defects: ManifestDefect[] }> {
    const columns = Object.keys(this.contract.columns);
    const file = new CsvFile(join(dir, this.contract.file), columns);
    const lines = new Map<Row, number>();
    for (const row of this.rows) {
      lines.set(row, file.nextLine);
      if (file.pushRow(columns.map((c) => row[c] ?? ""))) await file.drained();
    }
    const sha256 = await file.close();
    const defects = this.defects.map((d) => ({
      file: this.contract.file,
      line: lines.get(d.row)!,
      column: d.column,
      value: d.value,
      reason: d.reason,
    }));
    return { rows: file.rows, sha256, defects };
  }
}

export async function writeSample(options: SampleOptions, log: (message: string) => void): Promise<Manifest> {
  const period = periodOf(options.years, options.endYear);
  const dates = new DateFormatter(period.startDay - 60 * 366, period.endDay + 10 * 366);
  const d = (day: number | undefined) => (day === undefined ? "" : dates.format(day));
  await mkdir(options.out, { recursive: true });

  const orgs = makeOrganizations(options.orgs, period, options.seed);
  log(`simulating the workforce of ${orgs.length} organisations, ${period.startYear}–${period.endYear}`);
  const workforce = simulateWorkforce(orgs, period, options.seed);
  const unmapped = new UnmappedCounter();
  const rowOfJob = new Map<JobRow, Row>();
  const tables = hrTables(orgs, workforce, d, rowOfJob);
  placeDefects(tables, d);
  // a job row ingest will reject never reaches the warehouse, so capacity is counted without it
  const rejectedJobs = new Set(
    [...rowOfJob].filter(([, row]) => tables.jobHistory.isDefect(row)).map(([job]) => job),
  );
  countUnmappedTitles(tables, unmapped);

  const manifest: Manifest = {
    generator: "htm-workforce sample",
    seed: options.seed,
    orgs: options.orgs,
    years: options.years,
    period: { start: isoDate(period.startDay), end: isoDate(period.endDay) },
    files: {},
    defects: [],
    unmapped: [],
    orphans: [],
  };
  for (const table of Object.values(tables)) {
    const result = await table.write(options.out);
    manifest.files[table.contract.file] = { data_rows: result.rows, sha256: result.sha256 };
    manifest.defects.push(...result.defects);
    log(`wrote ${table.contract.file}: ${result.rows} rows`);
  }

  const technicalFte = technicalFteByMonth(workforce.people, orgs, period, rejectedJobs);
  const months = technicalFte[0]?.length ?? 1;
  const averageTechnicalFte =
    technicalFte.reduce((s, perMonth) => s + perMonth.reduce((a, b) => a + b, 0), 0) / months;
  const inventory = makeInventory(
    orgs,
    period,
    averageTechnicalFte * DEVICES_PER_TECHNICAL_FTE,
    options.seed,
  );
  {
    const file = new CsvFile(join(options.out, assetsContract.file), Object.keys(assetsContract.columns));
    const duplicateAt = Math.floor(inventory.size * 0.5);
    for (let i = 0; i < inventory.size; i++) {
      const org = orgs[inventory.org[i]];
      const type = DEVICE_TYPES[inventory.deviceType[i]];
      const [manufacturer, model] = type.makes[inventory.make[i]];
      const deviceType = styled(type.name, org.cmmsCase);
      const fields = [
        `${org.code}-${inventory.seq[i]}`,
        deviceType,
        d(inventory.inServiceDay[i]),
        org.id,
        manufacturer,
        model,
        org.booleanStyle[inventory.networked[i] ? 0 : 1],
        String(inventory.acquisitionCost[i]),
        inventory.retiredDay[i] === NEVER ? "" : d(inventory.retiredDay[i]),
      ];
      if (inventory.deviceType[i] === UNKNOWN_DEVICE)
        unmapped.add(assetsContract.file, "device_type", deviceType);
      if (file.pushRow(fields)) await file.drained();
      if (i === duplicateAt) {
        // The same asset number entered twice in the CMMS, the second time with another date.
        const firstLine = file.nextLine - 1;
        fields[2] = d(inventory.inServiceDay[i] + 1);
        manifest.defects.push({
          file: assetsContract.file,
          line: file.nextLine,
          column: "asset_id",
          value: fields[0],
          reason: `duplicate asset_id (first at line ${firstLine})`,
        });
        file.pushRow(fields);
      }
    }
    manifest.files[assetsContract.file] = { data_rows: file.rows, sha256: await file.close() };
    log(`wrote ${assetsContract.file}: ${file.rows} rows`);
  }

  {
    const file = new CsvFile(
      join(options.out, workOrdersContract.file),
      Object.keys(workOrdersContract.columns),
    );
    const progress = progressReporter(options.workOrders, log);
    const result = await writeWorkOrders(
      file,
      options.workOrders,
      orgs,
      inventory,
      workforce.roster,
      technicalFte,
      period,
      options.seed,
      unmapped,
      progress,
    );
    manifest.files[workOrdersContract.file] = { data_rows: file.rows, sha256: await file.close() };
    manifest.defects.push(...result.defects);
    manifest.orphans.push(...result.orphans);
    log(`wrote ${workOrdersContract.file}: ${file.rows} rows`);
  }

  manifest.unmapped = unmapped.entries();
  const order = [
    organizationsContract,
    employeesContract,
    jobHistoryContract,
    requisitionsContract,
    certificationsContract,
    trainingContract,
    payContract,
    assetsContract,
    workOrdersContract,
  ].map((c) => c.file as string);
  manifest.defects.sort((a, b) => order.indexOf(a.file) - order.indexOf(b.file) || a.line - b.line);
  manifest.files = Object.fromEntries(order.map((f) => [f, manifest.files[f]]));
  await writeFile(join(options.out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

function progressReporter(total: number, log: (message: string) => void): (rows: number) => void {
  let nextReport = 0;
  const interactive = process.stderr.isTTY === true;
  return (rows) => {
    if (interactive) {
      process.stderr.write(
        `\rwork_orders.csv: ${rows.toLocaleString("en-US")} / ${total.toLocaleString("en-US")}`,
      );
      if (rows >= total) process.stderr.write("\n");
    } else if (rows >= nextReport && total >= 1_000_000) {
      log(`work_orders.csv: ${rows} of ${total} rows`);
      nextReport += Math.ceil(total / 10);
    }
  };
}

function hrTables(
  orgs: readonly Org[],
  workforce: Workforce,
  d: (day: number | undefined) => string,
  rowOfJob: Map<JobRow, Row>,
) {
  const tables = {
    organizations: new Table(organizationsContract),
    employees: new Table(employeesContract),
    jobHistory: new Table(jobHistoryContract),
    requisitions: new Table(requisitionsContract),
    certifications: new Table(certificationsContract),
    training: new Table(trainingContract),
    pay: new Table(payContract),
  };
  for (const o of orgs)
    tables.organizations.rows.push({
      org_id: o.id,
      org_name: o.name,
      region: o.region,
      facility_type: o.facilityType,
      staffed_beds: String(o.staffedBeds),
    });
  const people = [...workforce.people].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const p of people) {
    for (const e of p.employments) {
      tables.employees.rows.push({
        employee_id: p.id,
        hire_date: d(e.hireDay),
        org_id: e.org.id,
        termination_date: d(e.termDay),
        termination_type: e.termType ?? "",
        birth_year: String(p.birthYear),
        veteran: e.org.booleanStyle[p.veteran ? 0 : 1],
        education: p.education,
      });
      // Some HRIS exports leave employment type empty for ordinary employees (the default).
      const omitsEmployee = e.org.index % 4 === 3;
      for (const j of e.jobs) {
        const row = {
          employee_id: p.id,
          effective_date: d(j.day),
          job_title: j.title,
          department: j.department,
          fte: String(j.fte),
          employment_type: omitsEmployee && j.type === "employee" ? "" : j.type,
        };
        tables.jobHistory.rows.push(row);
        rowOfJob.set(j, row);
      }
      for (const r of e.pay)
        tables.pay.rows.push({
          employee_id: p.id,
          effective_date: d(r.day),
          amount: r.basis === "hourly" ? r.amount.toFixed(2) : String(r.amount),
          basis: r.basis,
          currency: "USD",
          pay_grade: r.grade,
          range_min: String(r.rangeMin),
          range_mid: String(r.rangeMid),
          range_max: String(r.rangeMax),
        });
    }
  }
  for (const r of workforce.requisitions)
    tables.requisitions.rows.push({
      requisition_id: r.id,
      job_title: r.title,
      opened_date: d(r.openedDay),
      org_id: r.org.id,
      filled_date: d(r.filledDay),
      cancelled_date: d(r.cancelledDay),
      hire_source: r.hireSource ?? "",
    });
  for (const c of workforce.certifications)
    tables.certifications.rows.push({
      employee_id: c.employeeId,
      certification: c.certification,
      earned_date: d(c.earnedDay),
      issuer: c.issuer,
      expiry_date: d(c.expiryDay),
    });
  for (const t of workforce.training)
    tables.training.rows.push({
      employee_id: t.employeeId,
      course: t.course,
      completed_date: d(t.day),
      hours: String(t.hours),
      cost: String(t.cost),
      provider: t.provider,
      domain: t.domain,
    });
  return tables;
}

type HrTables = ReturnType<typeof hrTables>;

/** A fixed handful of bad rows, at positions that do not depend on the number of work orders. */
function placeDefects(tables: HrTables, d: (day: number | undefined) => string): void {
  const at = (t: Table, f: number) => Math.floor(t.rows.length * f);
  const employees = tables.employees;
  const template = employees.rows[at(employees, 0.4)];
  employees.insert(
    at(employees, 0.4),
    {
      ...template,
      employee_id: "099901",
      hire_date: "2019-06-03",
      termination_date: "2019-05-20",
      termination_type: "voluntary",
    },
    "termination_date",
    "termination_date must be on or after hire_date",
  );
  employees.insert(
    at(employees, 0.6),
    {
      ...template,
      employee_id: "099902",
      hire_date: "2017-08-14",
      termination_date: "2021-03-05",
      termination_type: "laid off",
    },
    "termination_type",
    "termination_type must be one of voluntary, involuntary, retirement, other",
  );
  employees.insert(
    at(employees, 0.8),
    {
      ...template,
      employee_id: "099903",
      hire_date: "2018-02-30",
      termination_date: "",
      termination_type: "",
    },
    "hire_date",
    "hire_date must be a date YYYY-MM-DD",
  );

  const jobs = tables.jobHistory;
  const promotion = jobs.find(
    at(jobs, 0.5),
    (row, i) => i > 0 && jobs.rows[i - 1].employee_id === row.employee_id,
  );
  jobs.mutate(promotion, "fte", "1.5", "fte must be ≤ 1");

  const reqs = tables.requisitions;
  const filled = reqs.find(at(reqs, 0.5), (row) => row.filled_date !== "");
  const filledRow = reqs.rows[filled];
  reqs.mutate(
    filled,
    "cancelled_date",
    filledRow.filled_date,
    "cancelled_date and filled_date cannot both be given",
  );

  const certs = tables.certifications;
  const cert = certs.find(at(certs, 0.5), (row) => row.expiry_date !== "");
  const earned = certs.rows[cert].earned_date;
  certs.mutate(
    cert,
    "expiry_date",
    d(Date.UTC(+earned.slice(0, 4) - 1, 0, 1) / 86_400_000),
    "expiry_date must be after earned_date",
  );

  const training = tables.training;
  training.mutate(
    training.find(at(training, 0.5), () => true),
    "hours",
    "0",
    "hours must be > 0",
  );

  const pay = tables.pay;
  pay.mutate(
    pay.find(at(pay, 0.5), () => true),
    "basis",
    "biweekly",
    "basis must be one of annual, hourly",
  );
}

function countUnmappedTitles(tables: HrTables, unmapped: UnmappedCounter): void {
  const deliberate = new Set(
    [...JOB_TITLES["Equipment Coordinator"], SPECIAL_PROJECTS_TITLE].map((t) => t.toLowerCase()),
  );
  for (const table of [tables.jobHistory, tables.requisitions])
    for (const row of table.rows)
      if (!table.isDefect(row) && deliberate.has(row.job_title.toLowerCase()))
        unmapped.add(table.contract.file, "job_title", row.job_title);
  for (const row of tables.certifications.rows)
    if (!tables.certifications.isDefect(row) && row.certification === UNMAPPED_CERTIFICATION)
      unmapped.add(tables.certifications.contract.file, "certification", row.certification);
}
