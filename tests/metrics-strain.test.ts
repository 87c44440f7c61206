/**
 * Evidence of strain from the work orders (marts.cm_backlog, marts.turnaround, marts.scheduled_on_time) on
 * tests/fixtures/strain, worked out by hand here. as_of 2024-03-31. The fixture's export calls the due date
 * "PM Due" and mapping.json maps it to due_date.
 *
 * Organisation A, corrective work (repairs; the incoming inspection I1 is not):
 *   C1 pump   opened 01-10, completed 01-12 (2 days)
 *   C2 pump   opened 01-20, completed 02-10 (21 days)
 *   C3 CT     opened 01-25, completed 03-05 (40 days), vendor
 *   C4 pump   opened 02-15, still open
 *   C5 pump   opened 03-01, completed 03-01 (0 days)
 * Scheduled work with a due date: P1 due 01-10 done 01-06 (on time), P2 due 02-15 done 02-20 (late),
 * P3 due 03-15 still open (late), P4 due 04-10 (after as_of: not yet due).
 * Organisation B: one repair, 02-01 to 02-03; no due dates.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureWarehouse, type FixtureWarehouse } from "./support/warehouse.ts";

let w: FixtureWarehouse;
beforeAll(async () => {
  w = await buildFixtureWarehouse(path.join(import.meta.dirname, "fixtures/strain"));
});
afterAll(() => w?.close());

describe("corrective-maintenance backlog at month end", () => {
  it("counts open repairs and their age at each month end", async () => {
    const rows = await w.rows(`select month_end, open_work_orders, open_over_30_days, median_age_days,
        oldest_age_days, opened, completed
      from marts.cm_backlog where org_id = 'A' and domain = 'all' order by month_end`);
    expect(rows).toEqual([
      // Jan 31: C2 open 11 days, C3 6 days
      {
        month_end: "2024-01-31",
        open_work_orders: 2,
        open_over_30_days: 0,
        median_age_days: 8.5,
        oldest_age_days: 11,
        opened: 3,
        completed: 1,
      },
      // Feb 29: C3 35 days, C4 14 days
      {
        month_end: "2024-02-29",
        open_work_orders: 2,
        open_over_30_days: 1,
        median_age_days: 24.5,
        oldest_age_days: 35,
        opened: 1,
        completed: 1,
      },
      // Mar 31: C4 45 days
      {
        month_end: "2024-03-31",
        open_work_orders: 1,
        open_over_30_days: 1,
        median_age_days: 45,
        oldest_age_days: 45,
        opened: 1,
        completed: 2,
      },
    ]);
  });

  it("splits by domain and shows a month with nothing open as 0", async () => {
    const imaging = await w.rows(`select month_end, open_work_orders from marts.cm_backlog
      where org_id = 'A' and domain = 'imaging' order by month_end`);
    expect(imaging).toEqual([
      { month_end: "2024-01-31", open_work_orders: 1 },
      { month_end: "2024-02-29", open_work_orders: 1 },
      { month_end: "2024-03-31", open_work_orders: 0 },
    ]);
    const b = await w.rows(`select month_end, open_work_orders, opened, completed from marts.cm_backlog
      where org_id = 'B' and domain = 'all' order by month_end`);
    expect(b).toEqual([
      { month_end: "2024-02-29", open_work_orders: 0, opened: 1, completed: 1 },
      { month_end: "2024-03-31", open_work_orders: 0, opened: 0, completed: 0 },
    ]);
  });
});

describe("turnaround of repairs", () => {
  it("gives the median and 90th percentile of days to complete", async () => {
    const [a] = await w.rows(
      `select * from marts.turnaround where org_id = 'A' and year = 2024 and domain = 'all'`,
    );
    // days 0, 2, 21, 40: median (2 + 21) / 2; p90 at position 0.9 × 3 = 2.7: 21 + 0.7 × (40 − 21)
    expect(a).toMatchObject({ completed_work_orders: 4, median_days: 11.5, in_house_median_days: 2 });
    expect(a!.p90_days).toBeCloseTo(34.3, 10);
    const [img] = await w.rows(
      `select * from marts.turnaround where org_id = 'A' and year = 2024 and domain = 'imaging'`,
    );
    expect(img).toMatchObject({ completed_work_orders: 1, median_days: 40, in_house_median_days: null });
  });
});

describe("scheduled maintenance completed by its due date", () => {
  it("scores work due by as_of; open past due is late", async () => {
    const [a] = await w.rows(
      `select * from marts.scheduled_on_time where org_id = 'A' and year = 2024 and domain = 'all'`,
    );
    expect(a).toMatchObject({ due_work_orders: 3, on_time: 1, late: 2 });
    expect(a!.on_time_share).toBeCloseTo(1 / 3, 12);
  });
  it("has no row where work orders carry no due date: unavailable, not 0%", async () => {
    expect(await w.rows(`select * from marts.scheduled_on_time where org_id = 'B'`)).toEqual([]);
  });
});
