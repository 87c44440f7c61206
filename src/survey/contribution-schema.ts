/**
 * The survey contribution format (docs/architecture.md, privacy, docs/survey.md): one Parquet file per organisation
 * and period. Every table of the contribution is a set of rows in one wide table, told apart by
 * `table_name`, so a directory of contributions is one table for DuckDB, Spark or Trino. The
 * manifest (schema version, profile, period, checksum) travels in the file's key-value metadata.
 * This module is the one declaration of both; writer, reader and docs read it.
 */
import { createHash } from "node:crypto";
import { readFileSync, renameSync, rmSync } from "node:fs";
import { quotedString as str, type DuckDBConnection } from "@duckdb/node-api";
import { z } from "zod";
import { FACILITY_TYPES as CONTRACT_FACILITY_TYPES } from "../contract/organizations.ts";

/**
 * Bumped whenever a column, a table, a definition behind a count or the checksum changes meaning.
 * Version 3 checksums the file's row-group bytes (rowGroupsDigest) where version 2 hashed every
 * row's cells as text: the same protection for a fraction of the work (docs/survey.md).
 */
export const SCHEMA_VERSION = 3;

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
 * The checksum over the manifest (without its checksum) and the digest of the file's row groups:
 * editing a count, a profile field or the period of a file breaks it.
 */
export function contributionChecksum(manifest: Omit<Manifest, "checksum">, digest: string): string {
  const { checksum: _ignored, ...rest } = manifest as Manifest;
  return createHash("sha256").update(canonicalJson(rest)).update("\n").update(digest).digest("hex");
}

/**
 * The digest of a Parquet file's rows, schema version 3: the SHA-256 of its bytes before the footer
 * (the magic number and every row group: each column's pages as written). A Parquet file ends with
 * its footer (the schema and the key-value metadata where the manifest travels), the footer's length
 * as 4 little-endian bytes and "PAR1", so the rows' bytes are known before the manifest is written
 * and any change to a value, even one that keeps the same encoding length, changes the digest. Any
 * language can compute it with a SHA-256 and four bytes of arithmetic; reading the file again with
 * another writer's settings (compression, row-group size) gives another digest, which is the point:
 * the society pools the bytes the contributor signed. Null when the bytes are not a Parquet file.
 */
export function rowGroupsDigest(bytes: Uint8Array): string | null {
  const n = bytes.length;
  if (n < 12) return null;
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, n);
  if (tail.toString("latin1", 0, 4) !== "PAR1" || tail.toString("latin1", n - 4) !== "PAR1") return null;
  const footerLength = tail.readUInt32LE(n - 8);
  const rowGroupsEnd = n - 8 - footerLength;
  if (footerLength === 0 || rowGroupsEnd < 4) return null;
  return createHash("sha256").update(tail.subarray(0, rowGroupsEnd)).digest("hex");
}

/** rowGroupsDigest of a file on disk, or null when it cannot be read as Parquet. */
export function fileRowGroupsDigest(file: string): string | null {
  try {
    return rowGroupsDigest(readFileSync(file));
  } catch {
    return null;
  }
}

/**
 * Writes `relation` (every CONTRIBUTION_COLUMNS column, in order) to `out` as a signed contribution:
 * once without the manifest to learn the row groups' digest, then again with the manifest and its
 * checksum in the key-value metadata. DuckDB writes the same rows to the same bytes; the second
 * file's row groups are checked against the first (an error rather than a file that can never pool).
 * It signs what it is given (the tests forge files with it): contribute validates the manifest first.
 */
export async function writeSignedContribution(
  conn: DuckDBConnection,
  relation: string,
  unsigned: Omit<Manifest, "checksum">,
  out: string,
): Promise<Manifest> {
  const probe = `${out}.unsigned`;
  try {
    await conn.run(`copy ${relation} to ${str(probe)} (format parquet)`);
    const digest = fileRowGroupsDigest(probe);
    const manifest = { ...unsigned, checksum: contributionChecksum(unsigned, digest ?? "") } as Manifest;
    const writing = `${out}.writing`;
    await conn.run(
      `copy ${relation} to ${str(writing)} (format parquet, kv_metadata {${MANIFEST_KEY}: ${str(JSON.stringify(manifest))}})`,
    );
    if (digest === null || fileRowGroupsDigest(writing) !== digest) {
      rmSync(writing, { force: true });
      throw new Error(`writing ${out}: the row groups came out different on the second write; not signed`);
    }
    renameSync(writing, out);
    return manifest;
  } finally {
    rmSync(probe, { force: true });
  }
}
