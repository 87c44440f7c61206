/**
 * What the attacker knows without the site: the staff list — who worked where, in which role, role
 * family and domain, on which dates, who left when — but not pay. It is read from the warehouse's
 * person-level core tables (the insider's HR list in conformed form), pay columns excluded. The true
 * pay is read separately and used only to check that an attack's bounds are right, never by an attack.
 */
import { DuckDBInstance } from "@duckdb/node-api";

export interface Member {
  employee: string;
  org: string;
  year: number;
  role: string;
  family: string;
  domain: string | null;
}

export interface Knowledge {
  /** people with pay on each year's snapshot date (31 December or as_of), as the staff list shows them */
  paid: Member[];
  /** leavers by year of leaving */
  leavers: Member[];
  /** headcount on each month end, per real organisation, role family `all` */
  headcountByMonth: Map<string, Map<string, number>>;
  orgs: { org: string; name: string; beds: number | null }[];
  /** role → family/domain, for reading published labels */
  roles: Map<string, { family: string; domain: string | null }>;
}

export interface Truth {
  /** `${org}|${year}|${employee}` → annual pay on the snapshot */
  pay: Map<string, number>;
}

async function query(db: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(db, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

export async function readKnowledge(db: string): Promise<Knowledge> {
  const roleRows = await query(
    db,
    "SELECT DISTINCT role, role_family, primary_domain FROM core.job_title_roles",
  );
  const roles = new Map(
    roleRows.map((r) => [
      String(r.role),
      { family: String(r.role_family), domain: (r.primary_domain as string) ?? null },
    ]),
  );
  const member = (r: Record<string, unknown>): Member => ({
    employee: `${r.employee_id}|${r.hire_on}`,
    org: String(r.org_id),
    year: Number(r.year),
    role: String(r.role),
    family: String(r.role_family),
    domain: roles.get(String(r.role))?.domain ?? null,
  });
  // who is paid on a snapshot is on the staff list (everyone in post is paid); the amount is not read
  const paid = (
    await query(db, "SELECT year, employee_id, hire_on, org_id, role, role_family FROM core.pay_snapshots")
  ).map(member);
  const leavers = (
    await query(
      db,
      "SELECT year, employee_id, hire_on, org_id, role, role_family FROM core.separations WHERE annual_pay_usd IS NOT NULL",
    )
  ).map(member);
  const hc = await query(
    db,
    `SELECT s.org_id, m.month_end::VARCHAR AS month_end, count(DISTINCT s.employee_id) AS n
       FROM core.headcount_spans s JOIN core.months m ON s.start_on <= m.month_end AND (s.end_on IS NULL OR s.end_on > m.month_end)
      GROUP BY ALL`,
  );
  const headcountByMonth = new Map<string, Map<string, number>>();
  for (const r of hc) {
    const org = String(r.org_id);
    if (!headcountByMonth.has(org)) headcountByMonth.set(org, new Map());
    headcountByMonth.get(org)!.set(String(r.month_end), Number(r.n));
  }
  const orgs = (await query(db, "SELECT org_id, org_name, staffed_beds FROM core.orgs")).map((r) => ({
    org: String(r.org_id),
    name: String(r.org_name),
    beds: r.staffed_beds === null ? null : Number(r.staffed_beds),
  }));
  return { paid, leavers, headcountByMonth, orgs, roles };
}

export async function readTruth(db: string): Promise<Truth> {
  const rows = await query(
    db,
    "SELECT year, employee_id, hire_on, org_id, annual_pay_usd FROM core.pay_snapshots",
  );
  return {
    pay: new Map(
      rows.map((r) => [`${r.org_id}|${r.year}|${r.employee_id}|${r.hire_on}`, Number(r.annual_pay_usd)]),
    ),
  };
}
