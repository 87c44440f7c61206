/**
 * marts.retention_landmark on tests/fixtures/metrics/landmark, worked out by hand below and checked
 * against R's survival::survfit (tests/r/landmark.R, output committed as tests/r/landmark_expected.csv).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureWarehouse, type FixtureWarehouse } from "./support/warehouse.ts";
import { duplicateKeys } from "./support/key_checks.ts";

/*
 * as_of 2024-12-31, history_start 2015-01-01; everyone hired 2020-01-01 as BMET II (L11 as BMET I,
 * BMET II from 2020-07-01), except L12 (hired 2024-06-01: no landmark before as_of). The 12-month
 * landmark is 2020-12-31 (hire + 365 days), the 24-month one 2021-12-31.
 *   L01 CBET from 2020-06-01   left 2021-06-30   L07 no cert   left 2021-03-31
 *   L02 CBET from 2020-03-01   left 2022-12-31   L08 no cert   left 2021-12-31 (on the 24-month landmark)
 *   L03 CBET 2019-05-01..2022-05-01, stays      L09 no cert   stays
 *   L04 CBET from 2020-11-01   stays             L10 no cert   left 2023-06-30
 *   L05 CBET from 2021-03-01   stays             L11 no cert, moved role 2020-07-01, left 2022-03-31
 *   L06 no cert                left 2020-10-01 (before any landmark: in no group)
 * 12-month landmark, certified on 2020-12-31: L01 L02 L03 L04. Days from the landmark: L01 181
 *   (left), L02 730 (left), L03 and L04 1461 (still there). S(12 months) = 3/4 (one of 4 gone at
 *   day 181); S(24 months) = 3/4 × 2/3 = 1/2. Greenwood var(log S) at 12 months = 1/(4·3) = 1/12, so
 *   the 95% CI's lower end is 0.75·exp(−1.96·√(1/12)) = 0.4259; at 24 months 1/12 + 1/(3·2) = 1/4,
 *   lower 0.5·exp(−1.96·0.5) = 0.1877.
 * Not certified then: L05 (certified later: stays in this group), L07 90, L08 365, L09 1461, L10
 *   911, L11 455 days. S(12) = 5/6 × 4/5 = 2/3, S(24) = 2/3 × 3/4 = 1/2.
 * A "certified within the first year, ever" split would have put L05 with the certified and L06
 * (who left before anyone could certify) with the uncertified: survivors favoured by construction.
 */
const FIXTURE = path.join(import.meta.dirname, "fixtures/metrics/landmark");
const R_EXPECTED = path.join(import.meta.dirname, "r/landmark_expected.csv");

let w: FixtureWarehouse;
beforeAll(async () => {
  w = await buildFixtureWarehouse(FIXTURE);
});
afterAll(() => w?.close());

const row = async (landmark: number, p: string, status: string) =>
  (
    await w.rows(
      `select * from marts.retention_landmark where org_id = 'all' and landmark_months = ${landmark} and path = '${p}' and status = '${status}'`,
    )
  )[0]!;

describe("marts.retention_landmark", () => {
  it("groups by status on the landmark day and follows survival from it (hand-worked)", async () => {
    const yes = await row(12, "certified", "yes");
    expect(yes).toMatchObject({ people: 4, separations: 2 });
    expect(yes.survival_12).toBeCloseTo(0.75, 10);
    expect(yes.survival_24).toBeCloseTo(0.5, 10);
    expect(yes.ci_lower_12).toBeCloseTo(0.75 * Math.exp(-1.959963984540054 * Math.sqrt(1 / 12)), 10);
    expect(yes.ci_lower_24).toBeCloseTo(0.5 * Math.exp(-1.959963984540054 * 0.5), 10);
    expect(yes.ci_upper_12).toBe(1);
    const no = await row(12, "certified", "no");
    expect(no).toMatchObject({ people: 6, separations: 4 });
    expect(no.survival_12).toBeCloseTo(2 / 3, 10);
    expect(no.survival_24).toBeCloseTo(1 / 2, 10);
  });

  it("never moves anyone to a better group for a status gained after the landmark", async () => {
    // L05 certified in March 2021: not certified at 12 months, certified at 24
    const at12 = await row(12, "certified", "yes");
    const at24 = await row(24, "certified", "yes");
    expect(at12.people).toBe(4); // L01–L04
    expect(at24.people).toBe(4); // L02 L03 L04 L05 (L01 had left)
    // L08 left on the 24-month landmark day: not employed at it
    expect((await row(24, "certified", "no")).people).toBe(3); // L09 L10 L11
  });

  it("headlines nothing from a handful of people", async () => {
    const flags = await w.rows("select distinct has_enough_people from marts.retention_landmark");
    expect(flags).toEqual([{ has_enough_people: false }]);
  });

  it("matches R survival::survfit from the landmark", async () => {
    const [header, ...lines] = readFileSync(R_EXPECTED, "utf8").trim().split("\n");
    const names = header!.split(",").map((h) => h.replaceAll('"', ""));
    for (const line of lines) {
      const cells = line.split(",").map((c) => c.replaceAll('"', ""));
      const r = Object.fromEntries(names.map((n, i) => [n, cells[i]]));
      const got = await row(Number(r.landmark_months), r.path!, r.status!);
      expect(got.people, line).toBe(Number(r.people));
      expect(got.separations, line).toBe(Number(r.separations));
      for (const col of [
        "survival_12",
        "ci_lower_12",
        "ci_upper_12",
        "survival_24",
        "ci_lower_24",
        "ci_upper_24",
      ]) {
        if (r[col] === "NA") expect(got[col], `${line} ${col}`).toBeNull();
        else expect(got[col] as number, `${line} ${col}`).toBeCloseTo(Number(r[col]), 9);
      }
    }
  });

  it("has one row per org, landmark, path and status", async () => {
    expect(
      await w.rows(
        duplicateKeys("marts.retention_landmark", ["org_id", "landmark_months", "path", "status"]),
      ),
    ).toEqual([]);
  });
});
