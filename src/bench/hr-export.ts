/**
 * A synthetic organisation-wide HR export for the scale bench (issue 10): N employees across every
 * department of four organisations, most of them not HTM staff (nurses, pharmacists, accountants…),
 * with two job rows and up to three pay rows each, hired over 30 years, 40% of them gone. Written
 * by DuckDB's COPY so 200,000 employees take a second, not the sample generator's minutes.
 * Every row names its department, as such exports do; with `scoped` the folder also gets the
 * mapping.json an HTM department would use (`scope`: Clinical Engineering only).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance, quotedString as str } from "@duckdb/node-api";

/** The department the HTM staff of the export work in; the scope keeps only it. */
export const HTM_DEPARTMENT = "Clinical Engineering";

export async function writeHrExport(
  dir: string,
  employees: number,
  options: { scoped?: boolean } = {},
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (options.scoped) {
    const scope = { department: [HTM_DEPARTMENT] };
    const sources = Object.fromEntries(["employees", "job_history", "pay"].map((s) => [s, { scope }]));
    writeFileSync(path.join(dir, "mapping.json"), `${JSON.stringify({ sources }, null, 2)}\n`);
  }
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const out = (f: string) => str(path.join(dir, f));
  try {
    await conn.run(`copy (select 'O' || i as org_id, 'Organisation ' || i as org_name from range(4) t(i))
      to ${out("organizations.csv")} (header)`);
    await conn.run(`create table e as select i, 'E' || lpad(i::varchar, 7, '0') as employee_id,
        date '1995-01-01' + (hash(i) % 10900)::integer as hire_date, 'O' || (i % 4) as org_id,
        1950 + (hash(i * 7) % 50)::integer as birth_year, hash(i * 3) % 100 as r,
        -- 1% HTM staff (BMETs, imaging specialists) in Clinical Engineering; the rest elsewhere
        case when hash(i * 3) % 100 < 1 then ${str(HTM_DEPARTMENT)} else 'Department ' || (i % 40) end as department
      from range(${Number(employees)}) t(i)`);
    await conn.run(`copy (select employee_id, hire_date, org_id,
        case when r < 40 then least(hire_date + 30 + (hash(i * 11) % 4000)::integer, date '2025-06-30') end as termination_date,
        case when r < 40 then (case when r < 30 then 'voluntary' when r < 35 then 'involuntary' else 'retirement' end) end as termination_type,
        birth_year, department
      from e) to ${out("employees.csv")} (header)`);
    await conn.run(`copy (select employee_id, hire_date + (k * 700)::integer as effective_date,
        case when r < 1 then (case (i + k) % 3 when 0 then 'BMET II' when 1 then 'BMET III' else 'Imaging Specialist' end)
          else (case (i + k) % 6 when 0 then 'Registered Nurse' when 1 then 'Accountant' when 2 then 'Patient Care Technician'
            when 3 then 'Environmental Services Aide' when 4 then 'Pharmacist' else 'Medical Assistant' end) end as job_title,
        department, 1 as fte
      from e, range(2) t(k) where hire_date + (k * 700)::integer < date '2025-06-30') to ${out("job_history.csv")} (header)`);
    await conn.run(`copy (select employee_id, hire_date + (k * 365)::integer as effective_date,
        40000 + (hash(i) % 60000) + k * 1500 as amount, 'annual' as basis, department
      from e, range(3) t(k) where hire_date + (k * 365)::integer < date '2025-06-30') to ${out("pay.csv")} (header)`);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
