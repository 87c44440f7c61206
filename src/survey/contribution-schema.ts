/**
 * The survey contribution format (docs/architecture.md, privacy, docs/survey.md): one Parquet file per organisation
 * and period. Every table of the contribution is a set of rows in one wide table, told apart by
 * `table_name`, so a directory of contributions is one table for DuckDB, Spark or Trino. The
 * manifest (schema version, profile, period, checksum) travels in the file's key-value metadata.
 * This module is the one declaration of both; writer, reader and docs read it.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { FACILITY_TYPES as CONTRACT_FACILITY_TYPES } from "../contract/organizations.ts";

/** Bumped whenever a column, a table or a definition behind a count changes meaning. */
export const SCHEMA_VERSION = 2;

/**
 * The one pay bin width of every contribution (schema version 2): bins are [k × 1,000, (k + 1) × 1,000).
 * Fixed by the schema, not a setting, so that every contributor's histograms add up bin by bin and
 * a pooled percentile's interval is always whole $1,000 bins (version 1 let each hospital choose,
 * and mixed widths pooled into percentiles that depended on file order).
 */
export const PAY_BIN_USD = 1000;

/** Years with the employer on the snapshot date, the experience breakdown of pay. */
export const EXPERIENCE_BANDS = ["under_2", "2_to_5", "5_to_10", "10_plus"] as const;

/** Parquet key-value metadata key holding the manifest as JSON. */
export const MANIFEST_KEY = "htm_survey_manifest";

export interface ContributionColumn {
  readonly name: string;
  /** Portable SQL type (DuckDB, Spark and Trino spell these the same). */
  readonly type: "varchar" | "integer" | "double" | "boolean" | "date" | "decimal(38, 6)";
  readonly description: string;
}

/** Every column of a contribution's rows, in file order. Measures are counts and sums only. */
export const CONTRIBUTION_COLUMNS: readonly ContributionColumn[] = [
  { name: "contributor_id", type: "varchar", description: "the contributing organisation's survey id" },
  { name: "period_start", type: "date", description: "first day of the contribution's period" },
  { name: "period_end", type: "date", description: "last day of the contribution's period" },
  { name: "table_name", type: "varchar", description: "which contribution table the row belongs to" },
  { name: "month_start", type: "date", description: "calendar month (its first day)" },
  { name: "quarter_start", type: "date", description: "calendar quarter (its first day)" },
  { name: "year", type: "integer", description: "calendar year of the month, quarter or snapshot" },
  { name: "role_family", type: "varchar", description: "role family, or 'all'" },
  { name: "domain", type: "varchar", description: "competency domain of work or of an asset" },
  { name: "is_networked", type: "boolean", description: "asset is networked" },
  { name: "separation_type", type: "varchar", description: "voluntary, involuntary, retirement, other" },
  { name: "group_kind", type: "varchar", description: "retention or pay group: all, role_family, role" },
  { name: "group_value", type: "varchar", description: "the group's value ('all' for group_kind all)" },
  {
    name: "breakdown_kind",
    type: "varchar",
    description: "pay breakdown: all, experience_band or certification",
  },
  {
    name: "breakdown_value",
    type: "varchar",
    description: "the breakdown's value ('all'; under_2, 2_to_5, 5_to_10, 10_plus; certified, not_certified)",
  },
  { name: "event_kind", type: "varchar", description: "retention event: any separation or voluntary only" },
  { name: "tenure_month", type: "integer", description: "whole months of tenure (30.4375 days each)" },
  { name: "pay_lower_usd", type: "double", description: "pay bin's lower edge (included)" },
  { name: "pay_upper_usd", type: "double", description: "pay bin's upper edge (excluded)" },
  { name: "requisition_status", type: "varchar", description: "filled in the period, or open at its end" },
  { name: "days_lower", type: "integer", description: "day bin's lower edge (included)" },
  {
    name: "days_upper",
    type: "integer",
    description: "day bin's upper edge (excluded; null = no upper edge)",
  },
  { name: "headcount", type: "integer", description: "employees counted on the month's last day" },
  { name: "fte", type: "decimal(38, 6)", description: "their FTE" },
  { name: "headcount_start", type: "integer", description: "employees on the month's first day" },
  { name: "headcount_end", type: "integer", description: "employees on the month's last day" },
  { name: "separations", type: "integer", description: "employments ended" },
  { name: "voluntary_separations", type: "integer", description: "of which voluntary" },
  { name: "at_risk", type: "integer", description: "employments at risk in the tenure month" },
  { name: "events", type: "integer", description: "of which ended in that month (the event kind)" },
  { name: "hours", type: "decimal(38, 6)", description: "in-house labor hours" },
  { name: "vendor_cost_usd", type: "decimal(38, 6)", description: "vendor cost of work orders" },
  { name: "parts_cost_usd", type: "decimal(38, 6)", description: "parts cost of work orders" },
  { name: "assets", type: "integer", description: "assets in service" },
  { name: "acquisition_cost_usd", type: "decimal(38, 6)", description: "their acquisition cost" },
  { name: "requisitions", type: "integer", description: "requisitions" },
  { name: "people", type: "integer", description: "employees in the pay bin" },
];

/** The contribution's tables: the SQL file that builds each (src/sql/survey/contribution/) and its grain. */
export const CONTRIBUTION_TABLES = [
  "headcount_monthly",
  "turnover_monthly",
  "separations_by_type",
  "workload_quarterly",
  "inventory_yearly",
  "requisitions",
  "retention_km",
  "pay_histogram",
  "certifications_yearly",
  "specialist_roles_yearly",
] as const;
export type ContributionTable = (typeof CONTRIBUTION_TABLES)[number];

/** The contract's facility types (organizations.csv), and "unknown" for a profile that states none. */
export const FACILITY_TYPES = [...CONTRACT_FACILITY_TYPES, "unknown"] as const;
export const BED_BANDS = ["no_beds", "under_100", "100_299", "300_499", "500_plus", "unknown"] as const;

const isoDate = z.iso.date();

export const manifestSchema = z
  .object({
    schema_version: z.number().int(),
    contributor_id: z.string().min(1),
    profile: z
      .object({
        facility_type: z.enum(FACILITY_TYPES),
        bed_band: z.enum(BED_BANDS),
        region: z.string().min(1),
      })
      .strict(),
    period_start: isoDate,
    period_end: isoDate,
    as_of: isoDate,
    tool_version: z.string(),
    pay_bin_usd: z.literal(PAY_BIN_USD),
    tables: z.record(z.string(), z.number().int().nonnegative()),
    checksum: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

/** JSON with keys sorted at every level, so the same manifest always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The checksum over the manifest (without its checksum) and the digest of the rows: editing a
 * count, a profile field or the period of a file breaks it.
 */
export function contributionChecksum(manifest: Omit<Manifest, "checksum">, rowsDigest: string): string {
  const { checksum: _ignored, ...rest } = manifest as Manifest;
  return createHash("sha256").update(canonicalJson(rest)).update("\n").update(rowsDigest).digest("hex");
}

/**
 * SQL giving one digest over every row of `relation`: the row count and the sums of each row's
 * 128-bit MD5 (its cells as text joined by '|', null as \N), so the same rows in any order give
 * the same digest without sorting millions of strings. It detects a damaged or edited file; like
 * any checksum without a key it is no signature (DuckDB computes it; pooling on Spark or Trino
 * starts from files this tool validated). With `groupBy`, one digest per value of that column.
 */
export function rowsDigestSql(relation: string, groupBy?: string): string {
  const key = groupBy ? `"${groupBy}"` : "";
  return `select ${key ? `${key}, ` : ""}${digestOfHashesSql("h")} as digest
    from (select ${key ? `${key}, ` : ""}md5_number(${rowTextSql()}) as h from ${relation})${key ? ` group by ${key}` : ""}`;
}

/** One row's cells as text joined by '|' (null as \N): the text the digest hashes. */
export function rowTextSql(): string {
  return `concat(${CONTRIBUTION_COLUMNS.map((c) => `coalesce(cast("${c.name}" as varchar), '\\N')`).join(", '|', ")})`;
}

/**
 * The digest (an aggregate) of rows whose MD5 of rowTextSql() is the UHUGEINT column `hash`: the row
 * count, then the sums of DuckDB's md5_number_upper and md5_number_lower, which are the low and the
 * high 64 bits of md5_number. One MD5 per row instead of two, and a pool can hash each row once as it
 * stages it.
 */
export function digestOfHashesSql(hash: string): string {
  return `count(*) || ':' || coalesce(sum(cast(${hash} & cast(18446744073709551615 as uhugeint) as ubigint)), 0) || ':' || coalesce(sum(cast(${hash} >> 64 as ubigint)), 0)`;
}
