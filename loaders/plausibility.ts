/**
 * Plausibility bounds (docs/input.md, "implausible values are rejected with a reason"): values that
 * parse but cannot be true of a hospital's workforce. One hire_date of 99999-01-01 would otherwise
 * become the as-of date and make millions of month rows; one cost of 1e12 overflows the
 * cost-of-service sums. The bounds are settings (settings.json) with defaults; each failing row is
 * rejected with the bound it broke and the setting that sets it.
 */
import { quotedString as str } from "@duckdb/node-api";
import type { SourceContract } from "../src/contract/index.ts";
import type { Settings } from "../src/config/settings.ts";
import type { Check } from "./contract-sql.ts";

export interface PlausibilityBounds {
  datesFrom: string;
  datesTo: string;
  annualPayMin: number;
  annualPayMax: number;
  maxLaborHoursPerWorkOrder: number;
  maxTrainingHours: number;
  maxCostUsd: number;
}

/** Hours a year of full-time pay stands for when an hourly rate is annualised (docs/input.md). */
const HOURS_PER_YEAR = 2080;

/** Numeric columns that are money: one plausible upper bound for all of them. */
const COST_COLUMNS: Record<string, readonly string[]> = {
  assets: ["acquisition_cost"],
  work_orders: ["vendor_cost", "parts_cost"],
  training: ["cost"],
};

/** Dates that may lie ahead of as_of by design: how many years beyond plausible_dates_to. */
const YEARS_AHEAD: Record<string, number> = {
  "certifications.expiry_date": 10,
  "assets.retired_date": 10,
};

export function plausibilityBounds(settings: Settings, today = new Date()): PlausibilityBounds {
  const year = settings.as_of ? Number(settings.as_of.slice(0, 4)) : today.getUTCFullYear();
  return {
    datesFrom: settings.plausible_dates_from,
    datesTo: settings.plausible_dates_to ?? `${year + 1}-12-31`,
    annualPayMin: settings.plausible_annual_pay_min,
    annualPayMax: settings.plausible_annual_pay_max,
    maxLaborHoursPerWorkOrder: settings.max_labor_hours_per_work_order,
    maxTrainingHours: settings.max_training_hours,
    maxCostUsd: settings.max_cost_usd,
  };
}

/**
 * Checks over the stage view (NaN and infinities have their own reason in contract-sql). `typed` gives each present column's typed expression (dates
 * already dates); columns the file lacks are not in `present` and get no check.
 */
export function plausibilityChecks(
  source: SourceContract,
  typed: ReadonlyMap<string, string>,
  present: ReadonlySet<string>,
  bounds: PlausibilityBounds,
): Check[] {
  const checks: Check[] = [];
  for (const [name, spec] of Object.entries(source.columns)) {
    if (!present.has(name)) continue;
    const t = typed.get(name)!;
    if (spec.kind === "date") {
      const ahead = YEARS_AHEAD[`${source.name}.${name}`];
      const to = ahead
        ? `${Number(bounds.datesTo.slice(0, 4)) + ahead}${bounds.datesTo.slice(4)}`
        : bounds.datesTo;
      checks.push({
        column: name,
        fails: `${t} < date ${str(bounds.datesFrom)} or ${t} > date ${str(to)}`,
        value: `cast(${t} as varchar)`,
        reason: `${name}: outside the plausible dates ${bounds.datesFrom} to ${to} (settings plausible_dates_from / plausible_dates_to${ahead ? `, + ${ahead} years for a date that may lie ahead` : ""})`,
      });
    }
  }
  // upper bounds: column → [bound, what the reason says it is]
  const n = (x: number) => x.toLocaleString("en-US");
  const ceilings: [string, number, string][] = [
    ...(COST_COLUMNS[source.name] ?? []).map((c): [string, number, string] => [
      c,
      bounds.maxCostUsd,
      `the plausible ${n(bounds.maxCostUsd)} USD (setting max_cost_usd)`,
    ]),
    ...(source.name === "work_orders"
      ? [
          [
            "labor_hours",
            bounds.maxLaborHoursPerWorkOrder,
            `${n(bounds.maxLaborHoursPerWorkOrder)} hours on one work order (setting max_labor_hours_per_work_order)`,
          ] as [string, number, string],
        ]
      : []),
    ...(source.name === "training"
      ? [
          [
            "hours",
            bounds.maxTrainingHours,
            `${n(bounds.maxTrainingHours)} contact hours on one training record (setting max_training_hours)`,
          ] as [string, number, string],
        ]
      : []),
    // a grade's range is annual whatever the basis of the pay row
    ...(source.name === "pay"
      ? ["range_min", "range_mid", "range_max"].map((c): [string, number, string] => [
          c,
          bounds.annualPayMax,
          `the plausible annual pay $${n(bounds.annualPayMax)} (setting plausible_annual_pay_max)`,
        ])
      : []),
  ];
  for (const [name, bound, what] of ceilings) {
    if (!present.has(name)) continue;
    const t = typed.get(name)!;
    checks.push({
      column: name,
      fails: `isfinite(${t}) and ${t} > ${bound}`,
      value: `cast(${t} as varchar)`,
      reason: `${name}: more than ${what}`,
    });
  }
  if (source.name === "pay" && present.has("amount") && present.has("basis")) {
    const annual = `(case when ${typed.get("basis")} = 'hourly' then ${typed.get("amount")} * ${HOURS_PER_YEAR} else ${typed.get("amount")} end)`;
    const usd = (n: number) => `$${n.toLocaleString("en-US")}`;
    checks.push({
      column: "amount",
      fails: `isfinite(${annual}) and (${annual} < ${bounds.annualPayMin} or ${annual} > ${bounds.annualPayMax})`,
      value: `cast(${typed.get("amount")} as varchar) || ' ' || coalesce(${typed.get("basis")}, '')`,
      reason: `amount: annual pay (hourly × ${HOURS_PER_YEAR}) outside the plausible ${usd(bounds.annualPayMin)} to ${usd(bounds.annualPayMax)} (settings plausible_annual_pay_min / _max)`,
    });
  }
  return checks;
}
