/**
 * marts.forecast_backtest on the demand fixture (tests/fixtures/metrics-m2/demand, described in
 * metrics-demand.test.ts): org A's cybersecurity hours a quarter
 *   2021: 100 120 90 130 | 2022: 160 200 180 240 | 2023: 260 250 300 320 | 2024: 310 360 350 400
 * at 1,600 productive hours per FTE (quarterly demand FTE = hours × 4 / 1,600). The forecast for a year is
 * re-run from the quarters before it, by hand below.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureWarehouse, type FixtureWarehouse } from "./support/warehouse.ts";

let w: FixtureWarehouse;
beforeAll(async () => {
  w = await buildFixtureWarehouse(path.join(import.meta.dirname, "fixtures/metrics-m2/demand"));
});
afterAll(() => w?.close());

const hours = [100, 120, 90, 130, 160, 200, 180, 240, 260, 250, 300, 320, 310, 360, 350, 400];
const fte = hours.map((h) => (h * 4) / 1600);

/** Least squares of y on x = 1..n, the year's forecast (x = n + 2.5) and its 80% half-width. */
function byHand(y: number[], t: number) {
  const n = y.length;
  const xs = y.map((_, i) => i + 1);
  const xm = xs.reduce((a, b) => a + b) / n;
  const ym = y.reduce((a, b) => a + b) / n;
  const sxx = xs.reduce((a, x) => a + (x - xm) ** 2, 0);
  const sxy = xs.reduce((a, x, i) => a + (x - xm) * (y[i]! - ym), 0);
  const slope = sxy / sxx;
  const intercept = ym - slope * xm;
  const sse = xs.reduce((a, x, i) => a + (y[i]! - intercept - slope * x) ** 2, 0);
  const s = Math.sqrt(sse / (n - 2));
  const forecast = intercept + slope * (n + 2.5);
  return { forecast, half: t * s * Math.sqrt(1 / 4 + 1 / n + (n + 2.5 - xm) ** 2 / sxx) };
}

describe("marts.forecast_backtest", () => {
  it("re-runs last year's forecast from the 12 quarters before it and sets it against what happened", async () => {
    const [r] = await w.rows(`select * from marts.forecast_backtest
      where org_id = 'A' and domain = 'cybersecurity' and year = 2024`);
    // 2021Q1–2023Q4: 12 quarters, 10 degrees of freedom, t(0.9, 10) = 1.372183641110
    const h = byHand(fte.slice(0, 12), 1.37218364111);
    expect(r!.n_quarters).toBe(12);
    expect(r!.forecast_fte).toBeCloseTo(h.forecast, 10);
    expect(r!.lower_80).toBeCloseTo(h.forecast - h.half, 10);
    expect(r!.upper_80).toBeCloseTo(h.forecast + h.half, 10);
    // what happened in 2024: 1,420 hours / 1,600
    expect(r!.actual_fte).toBeCloseTo(0.8875, 12);
    expect(r!.error_fte).toBeCloseTo(0.8875 - h.forecast, 10);
    expect(r!.within_80).toBe(0.8875 >= h.forecast - h.half && 0.8875 <= h.forecast + h.half);
  });

  it("uses the quarters there are (at least 4) and skips a year with none before it", async () => {
    const rows = await w.rows(`select year, n_quarters, forecast_fte, actual_fte from marts.forecast_backtest
      where org_id = 'A' and domain = 'cybersecurity' order by year`);
    expect(rows.map((r) => r.year)).toEqual([2022, 2023, 2024]);
    // 2022 from the four quarters of 2021 (t(0.9, 2) = 1.885618083164)
    expect(rows[0]!.n_quarters).toBe(4);
    expect(rows[0]!.forecast_fte).toBeCloseTo(byHand(fte.slice(0, 4), 1.885618083164).forecast, 10);
    expect(rows[0]!.actual_fte).toBeCloseTo((160 + 200 + 180 + 240) / 1600, 12);
  });
});
