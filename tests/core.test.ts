import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transformFiles, transformSteps } from "../src/warehouse/transform.ts";
import { buildFixtureWarehouse, type FixtureWarehouse } from "./support/warehouse.ts";
import { duplicateKeys, nullValues, orphans } from "./support/key_checks.ts";

const FIXTURES = path.join(import.meta.dirname, "fixtures/metrics");

/** Key tests per core table: each query must return no rows on the fixture. */
const KEY_TESTS: Record<string, string[]> = {
  "meta.as_of": [
    "select * from meta.as_of where as_of is null",
    "select 1 from meta.as_of having count(*) <> 1",
  ],
  "meta.history_start": [
    "select * from meta.history_start where history_start is null",
    "select 1 from meta.history_start having count(*) <> 1",
  ],
  "core.orgs": [duplicateKeys("core.orgs", ["org_id"]), nullValues("core.orgs", ["org_id", "org_name"])],
  "core.employees": [
    duplicateKeys("core.employees", ["employee_id", "hire_on"]),
    duplicateKeys("core.employees", ["employee_id", "employment_seq"]),
    nullValues("core.employees", ["employee_id", "hire_on", "employment_seq", "org_id", "is_voluntary"]),
    orphans("core.employees", ["org_id"], "core.orgs"),
    "select * from core.employees where termination_on < hire_on",
  ],
  "core.employment_windows": [duplicateKeys("core.employment_windows", ["employee_id", "hire_on"])],
  "core.headcount_changes": [
    duplicateKeys("core.headcount_changes", ["org_id", "role_family", "on_date"]),
    nullValues("core.headcount_changes", ["org_id", "role_family", "on_date", "people"]),
    "select * from core.headcount_changes where people = 0",
    // no group ever has fewer than nobody
    `select * from (select sum(people) over (partition by org_id, role_family order by on_date) as n
       from core.headcount_changes) where n < 0`,
  ],
  "core.headcount_spans": [
    duplicateKeys("core.headcount_spans", ["employee_id", "org_id", "role_family", "start_on"]),
    nullValues("core.headcount_spans", ["employee_id", "org_id", "role_family", "start_on"]),
    "select * from core.headcount_spans where end_on <= start_on",
    // spans of one person in one group never overlap, else headcount would count them twice
    `select * from core.headcount_spans as a join core.headcount_spans as b
       on a.employee_id = b.employee_id and a.org_id = b.org_id and a.role_family = b.role_family
       and a.start_on < b.start_on and (a.end_on is null or a.end_on > b.start_on)`,
    // the first day of every staffed spell is in exactly one span of each of its four groups
    `select * from core.staffed_spells as s
       where (select count(*) from core.headcount_spans as i
              where i.employee_id = s.employee_id and i.org_id in (s.org_id, 'all') and i.role_family in (s.role_family, 'all')
                and i.start_on <= s.start_on and (i.end_on is null or s.start_on < i.end_on)) <> 4`,
  ],
  "core.pay_snapshots": [
    duplicateKeys("core.pay_snapshots", ["year", "employee_id", "hire_on"]),
    nullValues("core.pay_snapshots", ["year", "on_date", "employee_id", "hire_on", "org_id", "role"]),
    "select * from core.pay_snapshots where year <> year(on_date)",
  ],
  "core.turnover_monthly": [
    duplicateKeys("core.turnover_monthly", ["org_id", "month_start", "role_family"]),
    nullValues("core.turnover_monthly", [
      "org_id",
      "month_start",
      "role_family",
      "headcount_start",
      "headcount_end",
    ]),
    "select * from core.turnover_monthly where voluntary_separations > separations or headcount_start < 0",
    // the last counted day's headcount is the month's headcount in marts.headcount_monthly (one count of people)
    `select * from core.turnover_monthly as t join marts.headcount_monthly as h
       on h.org_id = t.org_id and h.role_family = t.role_family and h.month_end = last_day(t.month_start)
       where h.headcount <> t.headcount_end`,
    // every month of every report group, once
    `select * from (select org_id, role_family, count(*) as n from core.turnover_monthly group by all)
       where n <> (select count(*) from core.months)`,
  ],
  "core.role_market": [
    duplicateKeys("core.role_market", ["org_id", "year", "role", "comparison"]),
    nullValues("core.role_market", [
      "org_id",
      "year",
      "role",
      "comparison",
      "market_year",
      "market_value",
      "market_basis",
      "market_area",
    ]),
    // never a later survey; aged exactly by the factor
    "select * from core.role_market where market_year > year",
    "select * from core.role_market where market_value_aged is not null and abs(market_value_aged - market_value * wage_index_factor) > 1e-6",
  ],
  "core.action_pay_below": [
    duplicateKeys("core.action_pay_below", ["org_id", "employee_id"]),
    "select * from core.action_pay_below where not below_range_min and not far_below_market",
  ],
  "core.action_certifications_expiring": [
    duplicateKeys("core.action_certifications_expiring", ["employee_id", "certification"]),
    "select * from core.action_certifications_expiring where days_left <= 0 or days_left > (select expiring_window_days from meta.settings)",
  ],
  "core.action_single_incumbents": [
    duplicateKeys("core.action_single_incumbents", ["org_id", "role"]),
    nullValues("core.action_single_incumbents", ["org_id", "role", "employee_id", "age"]),
  ],
  "core.year_snapshots": [
    duplicateKeys("core.year_snapshots", ["year"]),
    nullValues("core.year_snapshots", ["year", "on_date", "year_fraction", "is_as_of_year"]),
    "select * from core.year_snapshots where year(on_date) <> year or on_date > (select as_of from meta.as_of)",
    "select * from core.year_snapshots where year_fraction <= 0 or year_fraction > 1 or (year_fraction < 1 and not is_as_of_year)",
  ],
  "core.technical_fte_snapshots": [
    duplicateKeys("core.technical_fte_snapshots", ["org_id", "year"]),
    nullValues("core.technical_fte_snapshots", ["org_id", "year", "technical_fte"]),
    // 'all' is the sum of the organisations
    `select a.year from core.technical_fte_snapshots a
       join (select year, sum(technical_fte) as fte from core.technical_fte_snapshots where org_id <> 'all' group by year) o using (year)
       where a.org_id = 'all' and a.technical_fte <> o.fte`,
  ],
  "core.asset_snapshots": [
    duplicateKeys("core.asset_snapshots", ["org_id", "year"]),
    nullValues("core.asset_snapshots", ["org_id", "year", "on_date", "active_assets", "networked_assets"]),
    "select * from core.asset_snapshots where networked_assets > assets_with_networked_flag or assets_with_networked_flag > active_assets or assets_without_cost > active_assets",
    `select a.year from core.asset_snapshots a
       join (select year, sum(active_assets) as n from core.asset_snapshots where org_id <> 'all' group by year) o using (year)
       where a.org_id = 'all' and a.active_assets <> o.n`,
  ],
  "core.technician_domain_fte": [
    duplicateKeys("core.technician_domain_fte", [
      "org_id",
      "year",
      "employee_id",
      "role_family",
      "domain",
      "basis",
    ]),
    nullValues("core.technician_domain_fte", [
      "org_id",
      "year",
      "employee_id",
      "role_family",
      "domain",
      "basis",
      "fte",
    ]),
    orphans("core.technician_domain_fte", ["org_id"], "core.orgs"),
    // a person's FTE is split, never created: no negative share, and their rows add up to at most one FTE
    "select * from core.technician_domain_fte where fte < 0",
    "select org_id, year, employee_id from core.technician_domain_fte group by all having sum(fte) > 1 + 1e-9",
  ],
  "core.work_type_kinds": [
    duplicateKeys("core.work_type_kinds", ["work_type"]),
    "select * from core.work_type_kinds where kind not in ('corrective', 'scheduled', 'other')",
  ],
  "core.work_order_quarters": [
    duplicateKeys("core.work_order_quarters", [
      "org_id",
      "quarter_start",
      "domain",
      "is_in_house",
      "has_hours",
    ]),
    nullValues("core.work_order_quarters", [
      "org_id",
      "quarter_start",
      "year",
      "domain",
      "work_orders",
      "labor_hours",
    ]),
    "select * from core.work_order_quarters where year <> year(quarter_start) or (not has_hours and labor_hours <> 0)",
    // every work order opened up to as_of counted once
    `select 1 from core.work_order_quarters having sum(work_orders) <>
       (select count(*) from core.work_orders where opened_on <= (select as_of from meta.as_of))`,
  ],
  "core.job_title_roles": [
    duplicateKeys("core.job_title_roles", ["raw_job_title"]),
    nullValues("core.job_title_roles", ["raw_job_title", "role", "role_family"]),
  ],
  "core.position_spells": [
    duplicateKeys("core.position_spells", ["employee_id", "hire_on", "spell_seq"]),
    duplicateKeys("core.position_spells", ["employee_id", "hire_on", "start_on"]),
    nullValues("core.position_spells", [
      "employee_id",
      "hire_on",
      "org_id",
      "role",
      "role_family",
      "fte",
      "employment_type",
      "start_on",
    ]),
    orphans("core.position_spells", ["employee_id", "hire_on"], "core.employees"),
    // every employment has spells, the first starts at hire, they tile the employment without gaps
    "select * from core.employees e where not exists (select 1 from core.position_spells s where s.employee_id = e.employee_id and s.hire_on = e.hire_on and s.spell_seq = 1 and s.start_on = e.hire_on)",
    "select * from core.position_spells where end_on is not null and end_on <= start_on",
    `select s.* from (select *, lead(start_on) over (partition by employee_id, hire_on order by spell_seq) as next_start from core.position_spells) as s
     join core.employees as e using (employee_id, hire_on)
     where (s.next_start is not null and s.next_start <> s.end_on) or (s.next_start is null and s.end_on is distinct from e.termination_on + 1)`,
  ],
  "core.staffed_spells": [
    duplicateKeys("core.staffed_spells", ["employee_id", "hire_on", "start_on"]),
    orphans("core.staffed_spells", ["employee_id", "hire_on"], "core.employees"),
  ],
  "core.report_groups": [
    duplicateKeys("core.report_groups", ["org_id", "role_family"]),
    nullValues("core.report_groups", ["org_id", "role_family"]),
    "select 1 from core.report_groups having count(*) filter (where org_id = 'all' and role_family = 'all') <> 1",
  ],
  "core.pay_spells": [
    duplicateKeys("core.pay_spells", ["employee_id", "hire_on", "start_on"]),
    nullValues("core.pay_spells", ["employee_id", "hire_on", "start_on", "basis", "annual_pay_usd"]),
    orphans("core.pay_spells", ["employee_id", "hire_on"], "core.employees"),
    "select * from core.pay_spells where end_on is not null and end_on <= start_on",
    // one person's spells never overlap (marts look up "the" spell in force on a day)
    `select * from core.pay_spells a join core.pay_spells b on a.employee_id = b.employee_id
       and (a.hire_on, a.start_on) < (b.hire_on, b.start_on)
       and b.start_on < coalesce(a.end_on, date '9999-12-31') and a.start_on < coalesce(b.end_on, date '9999-12-31')`,
  ],
  "core.separations": [
    duplicateKeys("core.separations", ["employee_id", "hire_on"]),
    nullValues("core.separations", [
      "employee_id",
      "termination_on",
      "termination_type",
      "role_family",
      "employment_type",
    ]),
    orphans("core.separations", ["employee_id", "hire_on"], "core.employees"),
  ],
  "core.certifications": [
    duplicateKeys("core.certifications", ["employee_id", "raw_certification", "valid_from"]),
    nullValues("core.certifications", [
      "employee_id",
      "certification_code",
      "raw_certification",
      "valid_from",
    ]),
    orphans("core.certifications", ["employee_id"], "core.employees"),
    "select * from core.certifications where valid_to <= valid_from",
  ],
  "core.domain_roles": [
    duplicateKeys("core.domain_roles", ["domain", "role"]),
    nullValues("core.domain_roles", ["domain", "role", "role_family", "is_own_role"]),
    // every taxonomy domain has at least one role to price and hire into
    "select d.domain from taxonomy.domains d where d.domain not in (select domain from core.domain_roles)",
  ],
  "core.training": [
    duplicateKeys("core.training", ["employee_id", "course", "completed_on"]),
    nullValues("core.training", ["employee_id", "course", "completed_on", "hours"]),
    orphans("core.training", ["employee_id"], "core.employees"),
  ],
  "core.requisitions": [
    duplicateKeys("core.requisitions", ["requisition_id"]),
    nullValues("core.requisitions", [
      "requisition_id",
      "org_id",
      "role",
      "role_family",
      "opened_on",
      "status",
    ]),
    orphans("core.requisitions", ["org_id"], "core.orgs"),
    "select * from core.requisitions where status not in ('open', 'filled', 'cancelled')",
  ],
  "core.device_type_domains": [duplicateKeys("core.device_type_domains", ["device_type"])],
  "core.work_order_domains": [
    duplicateKeys("core.work_order_domains", ["work_type", "device_type"]),
    nullValues("core.work_order_domains", ["work_type", "domain", "work_orders"]),
  ],
  "core.work_orders": [
    duplicateKeys("core.work_orders", ["work_order_id"]),
    nullValues("core.work_orders", [
      "work_order_id",
      "org_id",
      "opened_on",
      "quarter_start",
      "year",
      "domain",
      "is_in_house",
      "labor_hours",
    ]),
    orphans("core.work_orders", ["org_id"], "core.orgs"),
    "select 1 from core.work_orders having count(*) <> (select count(*) from raw.work_orders)",
  ],
  "core.assets": [
    duplicateKeys("core.assets", ["asset_id"]),
    nullValues("core.assets", ["asset_id", "org_id", "device_type", "domain", "in_service_on"]),
    orphans("core.assets", ["org_id"], "core.orgs"),
  ],
  "core.months": [
    duplicateKeys("core.months", ["month_start"]),
    nullValues("core.months", ["month_start", "month_end"]),
    "select * from (select *, lead(month_start) over (order by month_start) as next from core.months) where next is not null and next <> month_end + 1",
    "select 1 from core.months having max(month_end) < (select as_of from meta.as_of) or max(month_start) > (select as_of from meta.as_of)",
    "select 1 from core.months having min(month_start) <> date_trunc('month', (select history_start from meta.history_start))",
  ],
  "core.retention_subjects": [
    nullValues("core.retention_subjects", [
      "org_id",
      "group_kind",
      "group_value",
      "event_kind",
      "entry_days",
      "time_days",
      "is_event",
    ]),
    "select * from core.retention_subjects where entry_days < 0 or time_days < entry_days",
  ],
  "core.role_moves": [
    duplicateKeys("core.role_moves", ["employee_id", "hire_on", "moved_on"]),
    nullValues("core.role_moves", [
      "org_id",
      "employee_id",
      "hire_on",
      "from_role",
      "from_start_on",
      "to_role",
      "moved_on",
      "employment_type",
      "is_promotion",
    ]),
    // a move changes role, after the role left started, within the employment
    "select * from core.role_moves where from_role = to_role or moved_on <= from_start_on or from_start_on < hire_on",
    // every change of known role between consecutive spells is one move, and nothing else is
    `select 1 having (select count(*) from core.role_moves) <> (
       select count(*) from (
         select role, lag(role) over (partition by employee_id, hire_on order by start_on) as previous
         from core.position_spells
         where role not in ('unmapped', 'unknown') and start_on <= (select as_of from meta.as_of)
       ) where previous is not null and previous <> role)`,
  ],
  "core.retention_landmark_subjects": [
    nullValues("core.retention_landmark_subjects", [
      "org_id",
      "landmark_months",
      "path",
      "status",
      "time_days",
      "is_event",
    ]),
    // followed from the landmark: never before it
    "select * from core.retention_landmark_subjects where time_days < 0 or landmark_months not in (12, 24)",
    // each employment has both paths at a landmark: the same people, grouped two ways
    "select org_id, landmark_months from core.retention_landmark_subjects group by all having count(*) filter (where path = 'certified') <> count(*) filter (where path = 'moved_role')",
  ],
  "core.retention_km_steps": [
    duplicateKeys("core.retention_km_steps", [
      "org_id",
      "group_kind",
      "group_value",
      "event_kind",
      "time_days",
    ]),
    "select * from core.retention_km_steps where survival < 0 or survival > 1 or events > at_risk",
  ],
  "meta.rows_outside_employment": [
    duplicateKeys("meta.rows_outside_employment", ["source_file", "source", "line"]),
    nullValues("meta.rows_outside_employment", [
      "source",
      "source_file",
      "line",
      "effective_date",
      "position",
    ]),
  ],
  "meta.unmapped_values": [
    duplicateKeys("meta.unmapped_values", ["source", "column_name", "value"]),
    nullValues("meta.unmapped_values", ["source", "column_name", "value", "rows"]),
  ],
};

let w: FixtureWarehouse;
beforeAll(async () => {
  w = await buildFixtureWarehouse(path.join(FIXTURES, "core"));
});
afterAll(() => w?.close());

describe("core key tests on the core fixture", () => {
  it("covers every core and meta table built from SQL", () => {
    const built = transformFiles()
      .map((s) => s.table)
      .filter((t) => !t.startsWith("marts."));
    expect(Object.keys(KEY_TESTS).sort()).toEqual(built.sort());
  });

  for (const [table, queries] of Object.entries(KEY_TESTS)) {
    it.each(queries.map((q, i) => [i + 1, q] as const))(`${table} #%i returns no rows`, async (_i, sql) => {
      expect(await w.rows(sql)).toEqual([]);
    });
  }
});

describe("core conforming rules", () => {
  it("applies defaults: org 'default', fte 1, employment_type employee, in-house service", async () => {
    expect(await w.rows("select org_id from core.employees where employee_id = 'E005'")).toEqual([
      { org_id: "default" },
    ]);
    // E004's job history row has no fte
    expect(
      await w.rows("select fte, employment_type from core.position_spells where employee_id = 'E004'"),
    ).toEqual([{ fte: 1, employment_type: "employee" }]);
    expect(await w.rows("select is_in_house from core.work_orders where work_order_id = 'W1'")).toEqual([
      { is_in_house: true },
    ]);
  });

  it("keeps declared, referenced-only and default organisations", async () => {
    expect(await w.rows("select org_id, org_name from core.orgs order by org_id")).toEqual([
      { org_id: "default", org_name: "Default organisation" },
      { org_id: "north", org_name: "North General" },
      { org_id: "south", org_name: "South Medical Center" },
      { org_id: "west", org_name: "west" },
    ]);
  });

  it("splits a rehire into two employments with their own spells", async () => {
    const spells = await w.rows(
      "select strftime(hire_on, '%Y-%m-%d') as hire_on, spell_seq, role, fte, strftime(start_on, '%Y-%m-%d') as start_on, strftime(end_on, '%Y-%m-%d') as end_on from core.position_spells where employee_id = 'E002' order by hire_on, spell_seq",
    );
    // first employment ends the day after its last day worked (2021-01-31)
    expect(spells).toEqual([
      {
        hire_on: "2019-06-15",
        spell_seq: 1,
        role: "BMET I",
        fte: 0.5,
        start_on: "2019-06-15",
        end_on: "2020-06-15",
      },
      {
        hire_on: "2019-06-15",
        spell_seq: 2,
        role: "BMET II",
        fte: 1,
        start_on: "2020-06-15",
        end_on: "2021-02-01",
      },
      {
        hire_on: "2022-02-01",
        spell_seq: 1,
        role: "Medical Device Cybersecurity Specialist",
        fte: 1,
        start_on: "2022-02-01",
        end_on: null,
      },
    ]);
  });

  it("starts the first spell at hire when the HRIS dated it earlier, and gives an employment without history an 'unknown' spell", async () => {
    expect(
      await w.rows(
        "select employee_id, role, role_family, strftime(start_on, '%Y-%m-%d') as start_on from core.position_spells where employee_id in ('E004', 'E007') order by employee_id",
      ),
    ).toEqual([
      { employee_id: "E004", role: "Clinical Engineer", role_family: "engineering", start_on: "2020-07-01" },
      { employee_id: "E007", role: "unknown", role_family: "unknown", start_on: "2023-01-09" },
    ]);
  });

  it("annualises hourly pay at 2080 hours times the fte held when the rate started", async () => {
    // E002 first employment: $24/h at fte 0.5 → 24 × 2080 × 0.5; E006: $45/h at fte 0.8
    expect(
      await w.rows(
        "select employee_id, annual_pay_usd from core.pay_spells where basis = 'hourly' order by employee_id, start_on",
      ),
    ).toEqual([
      { employee_id: "E001", annual_pay_usd: 62400 },
      { employee_id: "E002", annual_pay_usd: 24960 },
      { employee_id: "E006", annual_pay_usd: 74880 },
    ]);
  });

  it("derives certification expiry from renewal years and keeps CCE without expiry", async () => {
    expect(
      await w.rows(
        "select certification_code, strftime(valid_to, '%Y-%m-%d') as valid_to from core.certifications order by employee_id",
      ),
    ).toEqual([
      { certification_code: "CBET", valid_to: "2023-05-01" },
      { certification_code: "COMPTIA_SECURITY_PLUS", valid_to: "2025-06-01" },
      { certification_code: "CRES", valid_to: "2023-09-01" },
      { certification_code: "CCE", valid_to: null },
      { certification_code: "unmapped", valid_to: null },
    ]);
  });

  it("maps work to a domain by work type, or by device type when the work type is generic", async () => {
    expect(await w.rows("select work_order_id, domain from core.work_orders order by work_order_id")).toEqual(
      [
        { work_order_id: "W1", domain: "general_biomed" },
        { work_order_id: "W2", domain: "imaging" },
        { work_order_id: "W3", domain: "cybersecurity" },
        { work_order_id: "W4", domain: "unmapped" },
        { work_order_id: "W5", domain: "dental" },
        { work_order_id: "W6", domain: "unmapped" },
        { work_order_id: "W7", domain: "general_biomed" },
      ],
    );
  });

  it("lists every unmapped raw value with its row count", async () => {
    expect(await w.rows("select * from meta.unmapped_values")).toEqual([
      { source: "assets", column_name: "device_type", value: "Unknown Device", rows: 1 },
      { source: "certifications", column_name: "certification", value: "Vendor Cert XYZ", rows: 1 },
      { source: "job_history", column_name: "job_title", value: "Equipment Coordinator", rows: 1 },
      { source: "requisitions", column_name: "job_title", value: "Special Projects", rows: 1 },
      { source: "work_orders", column_name: "device_type", value: "Unknown Device", rows: 1 },
      { source: "work_orders", column_name: "work_type", value: "Misc", rows: 1 },
      { source: "work_orders", column_name: "work_type", value: "Other Work", rows: 1 },
    ]);
  });

  it("takes as_of from the latest event date when settings do not set it", async () => {
    // W7 opened 2023-07-02 is the latest dated event; expiry 2025-06-01 is not an event
    expect(await w.rows("select strftime(as_of, '%Y-%m-%d') as as_of from meta.as_of")).toEqual([
      { as_of: "2023-07-02" },
    ]);
  });
});

describe("history_start", () => {
  it("is January 1 of the year of the earliest termination, and the months start there", async () => {
    // E002 left on 2021-01-31, the earliest termination; E001 was hired in 2019 but 2019 and 2020
    // have no recorded leavers, so they are not reported
    expect(await w.rows("select history_start from meta.history_start")).toEqual([
      { history_start: "2021-01-01" },
    ]);
    expect(await w.rows("select min(month_start) as first_month from core.months")).toEqual([
      { first_month: "2021-01-01" },
    ]);
  });

  it("is January 1 of the year of the earliest hire when nobody has left", async () => {
    // L1 hired 1987-06-01 and L2 2011-02-14, both still employed; as_of 2012-03-31
    const hires = await buildFixtureWarehouse(path.join(FIXTURES, "history-hires-only"));
    try {
      expect(await hires.rows("select history_start from meta.history_start")).toEqual([
        { history_start: "1987-01-01" },
      ]);
      // January 1987 to March 2012: 25 × 12 + 3 months
      expect(
        await hires.rows(
          "select min(month_start) as first_month, max(month_start) as last_month, count(*) as months from core.months",
        ),
      ).toEqual([{ first_month: "1987-01-01", last_month: "2012-03-01", months: 303 }]);
    } finally {
      hires.close();
    }
  });
});

describe("every SQL file", () => {
  it("runs in an order where each table is built after what it reads", () => {
    const order = transformSteps().map((s) => s.table);
    for (const step of transformSteps())
      for (const dep of step.dependsOn) expect(order.indexOf(dep)).toBeLessThan(order.indexOf(step.table));
  });

  it.each(transformSteps().map((s) => [path.relative(process.cwd(), s.file), s.sql] as const))(
    "%s EXPLAINs cleanly and starts with a grain comment",
    async (_file, sql) => {
      expect(sql.startsWith("--")).toBe(true);
      await expect(w.conn.run(`explain ${sql.trim().replace(/;\s*$/, "")}`)).resolves.toBeDefined();
    },
  );
});

describe("a warehouse with only employees.csv", () => {
  it("still has every core table and mart, with the same columns", async () => {
    const small = await buildFixtureWarehouse(path.join(FIXTURES, "employees-only"));
    try {
      const columnsOf = async (x: FixtureWarehouse) =>
        await x.rows(
          "select table_schema, table_name, column_name, data_type from information_schema.columns where table_schema in ('core', 'marts', 'meta') order by all",
        );
      expect(await columnsOf(small)).toEqual(await columnsOf(w));
      expect(await small.rows("select count(*) as n from core.work_orders")).toEqual([{ n: 0 }]);
    } finally {
      small.close();
    }
  });
});
