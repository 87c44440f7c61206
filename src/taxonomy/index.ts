/** The taxonomy and reference data (docs/architecture.md, taxonomy): load, validate, match, write to the warehouse. */
export * from "./taxonomy.ts";
export * from "./market_pay.ts";
export * from "./wage_index.ts";
export * from "./market_pay_state.ts";
export * from "./staffing_benchmarks.ts";
export * from "./warehouse.ts";
export * from "./taxonomy_error.ts";
export { UNMAPPED, LEGACY_DOMAINS, IT_DOMAINS } from "./domains.ts";
export { BY_DEVICE } from "./work_domains.ts";
export { ROLE_FAMILIES, type Role, type RoleFamily } from "./roles.ts";
export type { JobTitleMatch } from "./job_titles.ts";
export type { Located, LoadedTable } from "./taxonomy_table.ts";
export type { Certification } from "./certifications.ts";
export type { Domain } from "./domains.ts";
