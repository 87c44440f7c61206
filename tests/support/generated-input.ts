/**
 * A valid input folder of a chosen size, written by DuckDB's COPY so tests can make large inputs
 * in a fraction of a second. Values are simple and deterministic; the story is the sample's job.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, quotedString as str } from "@duckdb/node-api";

export async function writeGeneratedInput(opts: {
  employees: number;
  workOrders: number;
  dir?: string;
}): Promise<string> {
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), "htm-gen-"));
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const out = (f: string) => str(path.join(dir, f));
  try {
    await conn.run(`copy (select 'O' || (i % 3) as org_id, 'Org ' || (i % 3) as org_name from range(3) t(i))
      to ${out("organizations.csv")} (header)`);
    await conn.run(`copy (select 'E' || lpad(i::varchar, 5, '0') as employee_id, date '2012-01-01' + (i * 7 % 3000)::integer as hire_date,
        'O' || (i % 3) as org_id,
        case when i % 5 = 0 then date '2012-01-01' + (i * 7 % 3000)::integer + 400 end as termination_date,
        case when i % 5 = 0 then 'voluntary' end as termination_type, 1960 + i % 35 as birth_year
      from range(${opts.employees}) t(i)) to ${out("employees.csv")} (header)`);
    await conn.run(`copy (select 'E' || lpad(i::varchar, 5, '0') as employee_id, date '2012-01-01' + (i * 7 % 3000)::integer as effective_date,
        case i % 4 when 0 then 'BMET I' when 1 then 'BMET II' when 2 then 'BMET III' else 'Imaging Specialist' end as job_title
      from range(${opts.employees}) t(i)) to ${out("job_history.csv")} (header)`);
    await conn.run(`copy (select 'E' || lpad(i::varchar, 5, '0') as employee_id, date '2012-01-01' + (i * 7 % 3000)::integer as effective_date,
        50000 + i * 10 as amount, 'annual' as basis
      from range(${opts.employees}) t(i)) to ${out("pay.csv")} (header)`);
    await conn.run(`copy (select 'A' || i as asset_id, case i % 3 when 0 then 'Infusion Pump' when 1 then 'CT Scanner' else 'Patient Monitor' end as device_type,
        date '2010-01-01' + (i % 2000)::integer as in_service_date, 'O' || (i % 3) as org_id, 1000.0 + i % 5000 as acquisition_cost,
        case when i % 2 = 0 then 'yes' else 'no' end as networked
      from range(2000) t(i)) to ${out("assets.csv")} (header)`);
    await conn.run(`copy (select 'WO' || i as work_order_id, date '2015-01-01' + (i % 3650)::integer as opened_date,
        case i % 5 when 0 then 'PM' when 1 then 'Repair' when 2 then 'Security Patch' when 3 then 'HL7 Interface' else 'Sterilizer PM' end as work_type,
        round((i % 17) / 4.0, 2) as labor_hours, 'O' || (i % 3) as org_id, 'A' || (i % 2000) as asset_id,
        'E' || lpad((i % ${opts.employees})::varchar, 5, '0') as technician_id, 'in_house' as service_provider
      from range(${opts.workOrders}) t(i)) to ${out("work_orders.csv")} (header)`);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return dir;
}
