/**
 * Process work, equipment systems and new specialist roles on tests/fixtures/metrics/field-story,
 * worked out by hand below.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureWarehouse, type FixtureWarehouse } from "./support/warehouse.ts";
import { duplicateKeys } from "./support/key_checks.ts";

/*
 * as_of 2024-12-31, history_start 2022-01-01. Organisation A's work orders, one labor hour each, all
 * in-house (B has none):
 *   2022 (10): 8 PM on infusion pumps; 1 Recall Response opened 03-01, completed 03-11 (10 days);
 *              1 Sterilizer PM on a sterilizer.
 *   2024 (15): 5 PM; 3 recall/alert responses in CMMS wording (Recall Response 2 days, FDA Recall
 *              4 days, Hazard Alert Review 6 days); 1 Security Risk Assessment (8 days); 1 Generator
 *              Test logged without a device; 5 Bed Repair on hospital beds.
 * Recall & alert response: 1/10 = 10% of work orders in 2022, 3/15 = 20% in 2024; median days 10,
 * then 4 (the middle of 2, 4, 6). Any process work: 1/10, then 4/15; the lower median of 2, 4, 6, 8
 * is 4. Recall alone: 1 + 3 = 4 work orders, fewer than 5: no finding; any process: 1 + 4 = 5.
 * Systems: Sterilizers 1 → 0 (1 work order: no trend); Generators 0 → 1 (the work type names it);
 * Beds & stretchers 0 → 5: rising, first work in 2024.
 * Roles: E1 (A) BMET II from 2022, Networking Specialist from 2023-07-01 (moved internally); E2 (A)
 * hired 2024-03-01 as "HL7 Integration Analyst" (Clinical Integration Specialist); F2 (B) hired
 * 2023-02-01 as "Medical Device Security Analyst" (cybersecurity).
 */
const FIXTURE = path.join(import.meta.dirname, "fixtures/metrics/field-story");

let w: FixtureWarehouse;
beforeAll(async () => {
  w = await buildFixtureWarehouse(FIXTURE);
});
afterAll(() => w?.close());

describe("marts.process_work_yearly and process_work_change", () => {
  it("counts each process's share of all work orders and its days, by year", async () => {
    const rows = await w.rows(
      `select year, process, work_orders, all_work_orders, share_of_work_orders, completed_orders, median_days
       from marts.process_work_yearly where org_id = 'A' and process in ('recall_alert', 'risk_assessment', 'all')
       order by process, year`,
    );
    expect(rows).toEqual([
      {
        year: 2022,
        process: "all",
        work_orders: 1,
        all_work_orders: 10,
        share_of_work_orders: 0.1,
        completed_orders: 1,
        median_days: 10,
      },
      {
        year: 2024,
        process: "all",
        work_orders: 4,
        all_work_orders: 15,
        share_of_work_orders: 4 / 15,
        completed_orders: 4,
        median_days: 4,
      },
      {
        year: 2022,
        process: "recall_alert",
        work_orders: 1,
        all_work_orders: 10,
        share_of_work_orders: 0.1,
        completed_orders: 1,
        median_days: 10,
      },
      {
        year: 2024,
        process: "recall_alert",
        work_orders: 3,
        all_work_orders: 15,
        share_of_work_orders: 0.2,
        completed_orders: 3,
        median_days: 4,
      },
      {
        year: 2022,
        process: "risk_assessment",
        work_orders: 0,
        all_work_orders: 10,
        share_of_work_orders: 0,
        completed_orders: 0,
        median_days: null,
      },
      {
        year: 2024,
        process: "risk_assessment",
        work_orders: 1,
        all_work_orders: 15,
        share_of_work_orders: 1 / 15,
        completed_orders: 1,
        median_days: 8,
      },
    ]);
  });

  it("compares the first and last complete years, and flags what rests on too few events", async () => {
    const rows = await w.rows(
      `select process, first_year, last_year, work_orders_first, work_orders_last, has_enough_events, has_enough_days
       from marts.process_work_change where org_id = 'A' and process in ('recall_alert', 'all') order by process`,
    );
    expect(rows).toEqual([
      {
        process: "all",
        first_year: 2022,
        last_year: 2024,
        work_orders_first: 1,
        work_orders_last: 4,
        has_enough_events: true,
        has_enough_days: false,
      },
      {
        process: "recall_alert",
        first_year: 2022,
        last_year: 2024,
        work_orders_first: 1,
        work_orders_last: 3,
        has_enough_events: false,
        has_enough_days: false,
      },
    ]);
  });

  it("keeps every work order in its domain: a security risk assessment is cybersecurity work", async () => {
    expect(
      await w.rows(
        "select domain, process from core.work_orders where work_type = 'Security Risk Assessment'",
      ),
    ).toEqual([{ domain: "cybersecurity", process: "risk_assessment" }]);
  });
});

describe("marts.system_work_yearly and system_work_change", () => {
  it("names the system by device type, else by work type, and states a trend only from 5 work orders", async () => {
    const rows = await w.rows(
      `select system, work_orders_first, work_orders_last, first_year_with_work, trend
       from marts.system_work_change where org_id = 'A' and system in ('Sterilizers', 'Generators', 'Beds & stretchers')
       order by system`,
    );
    expect(rows).toEqual([
      {
        system: "Beds & stretchers",
        work_orders_first: 0,
        work_orders_last: 5,
        first_year_with_work: 2024,
        trend: "rising",
      },
      {
        system: "Generators",
        work_orders_first: 0,
        work_orders_last: 1,
        first_year_with_work: 2024,
        trend: null,
      },
      {
        system: "Sterilizers",
        work_orders_first: 1,
        work_orders_last: 0,
        first_year_with_work: 2022,
        trend: null,
      },
    ]);
  });
});

describe("marts.specialist_role_firsts and specialist_roles_yearly", () => {
  it("gives the year each specialist role first appears per organisation and where its holder came from", async () => {
    expect(
      await w.rows(
        `select org_id, role, first_year, is_before_records, first_holder_origin, holders, holders_internal
         from marts.specialist_role_firsts order by org_id, role`,
      ),
    ).toEqual([
      {
        org_id: "A",
        role: "Clinical Integration Specialist",
        first_year: 2024,
        is_before_records: false,
        first_holder_origin: "hire",
        holders: 1,
        holders_internal: 0,
      },
      {
        org_id: "A",
        role: "Medical Device Networking Specialist",
        first_year: 2023,
        is_before_records: false,
        first_holder_origin: "internal move",
        holders: 1,
        holders_internal: 1,
      },
      {
        org_id: "B",
        role: "Medical Device Cybersecurity Specialist",
        first_year: 2023,
        is_before_records: false,
        first_holder_origin: "hire",
        holders: 1,
        holders_internal: 0,
      },
    ]);
  });

  it("counts organisations with each specialist domain by year, of those with staff", async () => {
    expect(
      await w.rows(
        "select year, domain, orgs_with_role, orgs_with_staff, holders_internal, holders_hired from marts.specialist_roles_yearly order by year, domain",
      ),
    ).toEqual([
      {
        year: 2023,
        domain: "cybersecurity",
        orgs_with_role: 1,
        orgs_with_staff: 2,
        holders_internal: 0,
        holders_hired: 1,
      },
      {
        year: 2023,
        domain: "networking",
        orgs_with_role: 1,
        orgs_with_staff: 2,
        holders_internal: 1,
        holders_hired: 0,
      },
      {
        year: 2024,
        domain: "cybersecurity",
        orgs_with_role: 1,
        orgs_with_staff: 2,
        holders_internal: 0,
        holders_hired: 1,
      },
      {
        year: 2024,
        domain: "integration",
        orgs_with_role: 1,
        orgs_with_staff: 2,
        holders_internal: 0,
        holders_hired: 1,
      },
      {
        year: 2024,
        domain: "networking",
        orgs_with_role: 1,
        orgs_with_staff: 2,
        holders_internal: 1,
        holders_hired: 0,
      },
    ]);
  });

  it("has one row per key", async () => {
    for (const [table, keys] of [
      ["marts.process_work_yearly", ["org_id", "year", "process"]],
      ["marts.process_work_change", ["org_id", "process"]],
      ["marts.system_work_yearly", ["org_id", "year", "system"]],
      ["marts.system_work_change", ["org_id", "system"]],
      ["marts.specialist_role_firsts", ["org_id", "role"]],
      ["marts.specialist_roles_yearly", ["year", "domain"]],
    ] as const)
      expect(await w.rows(duplicateKeys(table, keys)), table).toEqual([]);
  });
});
