/**
 * The input contract (docs/input.md): every source the product reads, in load order (referenced
 * sources before the sources that reference them).
 */
import type { SourceContract } from "./columns.ts";
import { organizations } from "./organizations.ts";
import { employees } from "./employees.ts";
import { jobHistory } from "./job_history.ts";
import { requisitions } from "./requisitions.ts";
import { certifications } from "./certifications.ts";
import { training } from "./training.ts";
import { pay } from "./pay.ts";
import { assets } from "./assets.ts";
import { workOrders } from "./work_orders.ts";

export * from "./columns.ts";
export * from "./organizations.ts";
export * from "./employees.ts";
export * from "./job_history.ts";
export * from "./requisitions.ts";
export * from "./certifications.ts";
export * from "./training.ts";
export * from "./pay.ts";
export * from "./assets.ts";
export * from "./work_orders.ts";

export const SOURCES = [
  organizations,
  employees,
  jobHistory,
  requisitions,
  certifications,
  training,
  pay,
  assets,
  workOrders,
] as const satisfies readonly SourceContract[];

export type SourceName = (typeof SOURCES)[number]["name"];

/** The only file an input folder must contain. */
export const REQUIRED_SOURCES: readonly SourceName[] = ["employees"];

export function sourceByName(name: string): SourceContract | undefined {
  return SOURCES.find((s) => s.name === name);
}

export function requiredColumns(s: SourceContract): string[] {
  return Object.entries(s.columns)
    .filter(([, c]) => c.required)
    .map(([n]) => n);
}

import { organizationsRow } from "./organizations.ts";
import { employeesRow } from "./employees.ts";
import { jobHistoryRow } from "./job_history.ts";
import { requisitionsRow } from "./requisitions.ts";
import { certificationsRow } from "./certifications.ts";
import { trainingRow } from "./training.ts";
import { payRow } from "./pay.ts";
import { assetsRow } from "./assets.ts";
import { workOrdersRow } from "./work_orders.ts";

/** Each source's zod row schema (CSV text in, typed values out), by source name. */
export const ROW_SCHEMAS = {
  organizations: organizationsRow,
  employees: employeesRow,
  job_history: jobHistoryRow,
  requisitions: requisitionsRow,
  certifications: certificationsRow,
  training: trainingRow,
  pay: payRow,
  assets: assetsRow,
  work_orders: workOrdersRow,
} as const satisfies Record<SourceName, unknown>;
