/**
 * Writes one organisation's survey contribution from its warehouse (docs/architecture.md, privacy): the tables of
 * src/sql/survey/contribution/, each a set of counts and sums, in one Parquet file whose
 * key-value metadata holds the manifest. The warehouse is opened read-only; nothing person-level
 * leaves the temp tables of this connection.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, quotedString as str, type DuckDBConnection } from "@duckdb/node-api";
import type { Settings } from "../config/settings.ts";
import { PROJECT_ROOT } from "../warehouse/paths.ts";
import { runSqlFile, SQL_DIR } from "../warehouse/sql-runner.ts";
import {
  CONTRIBUTION_COLUMNS,
  CONTRIBUTION_TABLES,
  PAY_BIN_USD,
  SCHEMA_VERSION,
  manifestSchema,
  writeSignedContribution,
  type Manifest,
} from "./contribution-schema.ts";

const CONTRIBUTION_SQL_DIR = path.join(SQL_DIR, "survey/contribution");

export class ContributionError extends Error {}

export interface ContributionRequest {
  dbPath: string;
  /** Parquet file to write; omitted: build and explain only. */
  out?: string;
  /** Organisation in the warehouse; may be omitted when it holds one. */
  orgId?: string;
  /** The society's id for the contributor; default the org id. */
  contributorId?: string;
  periodStart?: string;
  periodEnd?: string;
  /** Calendar years ending with as_of's year (instead of an explicit period). */
  years?: number;
  settings: Settings;
}

/** One pay group of the file (year × title, family or all × breakdown) and its people, for --explain. */
export interface PayGroup {
  year: number;
  group_kind: string;
  group_value: string;
  breakdown_kind: string;
  breakdown_value: string;
  people: number;
}

export interface Contribution {
  manifest: Manifest;
  /** Every pay group the file carries, however small: the society applies the publication rules after pooling. */
  payGroups: PayGroup[];
  /** Columns that carry values in each table (the rest are null there). */
  columns: Record<string, string[]>;
}

export function toolVersion(): string {
  return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string })
    .version;
}

async function rows(conn: DuckDBConnection, sql: string, values?: Record<string, unknown>) {
  const reader = await conn.runAndReadAll(sql, values as never);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

async function resolveScope(conn: DuckDBConnection, req: ContributionRequest) {
  const orgs = (await rows(conn, "select org_id from core.orgs order by org_id")).map((r) =>
    String(r.org_id),
  );
  // --org is matched ignoring case (org01 is ORG01), as everywhere on the command line
  const orgId = req.orgId
    ? (orgs.find((o) => o.toLowerCase() === req.orgId!.toLowerCase()) ?? req.orgId)
    : orgs.length === 1
      ? orgs[0]!
      : undefined;
  if (!orgId)
    throw new ContributionError(
      `the warehouse holds ${orgs.length} organisations; choose one with --org (${orgs.join(", ")})`,
    );
  if (!orgs.includes(orgId))
    throw new ContributionError(`--org: no organisation '${orgId}'; organisations: ${orgs.join(", ")}`);
  const [bounds] = await rows(
    conn,
    "select cast(h.history_start as varchar) as history_start, cast(a.as_of as varchar) as as_of from meta.history_start h, meta.as_of a",
  );
  const historyStart = String(bounds!.history_start);
  const asOf = String(bounds!.as_of);
  let periodStart = req.periodStart ?? historyStart;
  const periodEnd = req.periodEnd ?? asOf;
  if (req.years !== undefined) {
    if (req.periodStart) throw new ContributionError("give --years or --period-start, not both");
    const first = `${Number(periodEnd.slice(0, 4)) - req.years + 1}-01-01`;
    periodStart = first < historyStart ? historyStart : first;
  }
  for (const [flag, d] of [
    ["--period-start", periodStart],
    ["--period-end", periodEnd],
  ] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new ContributionError(`${flag} ${d}: expected YYYY-MM-DD`);
    if (Number.isNaN(Date.parse(d)) || new Date(d).toISOString().slice(0, 10) !== d)
      throw new ContributionError(`${flag} ${d}: not a calendar date`);
  }
  if (periodStart < historyStart)
    throw new ContributionError(
      `--period-start ${periodStart} is before history_start ${historyStart}: separations before it are incomplete`,
    );
  if (periodEnd > asOf)
    throw new ContributionError(`--period-end ${periodEnd} is after the warehouse's as_of ${asOf}`);
  if (periodStart > periodEnd)
    throw new ContributionError(`the period starts (${periodStart}) after it ends (${periodEnd})`);
  // whole months (or the warehouse's own first and last day), so the contribution's monthly rows are the
  // hospital's own (core.turnover_monthly, marts.headcount_monthly), not a second count of them
  if (periodStart !== historyStart && !periodStart.endsWith("-01"))
    throw new ContributionError(
      `--period-start ${periodStart}: a period starts on the first of a month (or on history_start, ${historyStart})`,
    );
  if (periodEnd !== asOf && periodEnd !== lastDayOfMonth(periodEnd))
    throw new ContributionError(
      `--period-end ${periodEnd}: a period ends on the last day of a month (${lastDayOfMonth(periodEnd)}) or on as_of (${asOf})`,
    );
  return { orgId, periodStart, periodEnd, asOf };
}

/** The last day of the month of an ISO date (YYYY-MM-DD). */
function lastDayOfMonth(isoDate: string): string {
  const [y, m] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

/** Builds the contribution tables on an open read-only connection and returns its manifest. */
export async function buildContribution(req: ContributionRequest): Promise<Contribution> {
  const instance = await DuckDBInstance.create(req.dbPath, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    // one width for every contributor, or histograms would not add up bin by bin at the society
    if (req.settings.survey_pay_bin_usd !== PAY_BIN_USD)
      throw new ContributionError(
        `survey_pay_bin_usd is ${req.settings.survey_pay_bin_usd}: contribution schema version ${SCHEMA_VERSION} fixes pay bins at $${PAY_BIN_USD.toLocaleString("en-US")}`,
      );
    const scope = await resolveScope(conn, req);
    const contributorId = req.contributorId ?? scope.orgId;
    await conn.run(
      `create temp table contribution_scope as select
        cast($org_id as varchar) as org_id,
        cast($contributor_id as varchar) as contributor_id,
        cast($period_start as date) as period_start,
        cast($period_end as date) as period_end,
        cast($pay_bin_usd as double) as pay_bin_usd`,
      {
        org_id: scope.orgId,
        contributor_id: contributorId,
        period_start: scope.periodStart,
        period_end: scope.periodEnd,
        pay_bin_usd: PAY_BIN_USD,
      },
    );
    for (const name of ["profile", ...CONTRIBUTION_TABLES]) {
      await runSqlFile(conn, path.join(CONTRIBUTION_SQL_DIR, `${name}.sql`));
    }
    const [profile] = await rows(conn, "select * from contribution_profile");
    const unioned = CONTRIBUTION_TABLES.map(
      (t) => `select '${t}' as table_name, * from contribution_${t}`,
    ).join("\nunion all by name\n");
    const casts = CONTRIBUTION_COLUMNS.map((c) =>
      ["contributor_id", "period_start", "period_end"].includes(c.name)
        ? `cast(s.${c.name} as ${c.type}) as ${c.name}`
        : `cast(u.${c.name} as ${c.type}) as ${c.name}`,
    ).join(",\n  ");
    await conn.run(`create temp table contribution_rows as
      select ${casts}
      from (${unioned}) as u, contribution_scope as s
      order by table_name, year, month_start, quarter_start, role_family, domain, group_kind, group_value,
        breakdown_kind, breakdown_value, event_kind, tenure_month, pay_lower_usd, requisition_status, days_lower, separation_type, is_networked`);

    const counts = await rows(
      conn,
      "select table_name, cast(count(*) as integer) as n from contribution_rows group by table_name",
    );
    const tables: Record<string, number> = Object.fromEntries(CONTRIBUTION_TABLES.map((t) => [t, 0]));
    for (const c of counts) tables[String(c.table_name)] = Number(c.n);
    const columns: Record<string, string[]> = {};
    for (const t of CONTRIBUTION_TABLES) {
      const probe = await rows(
        conn,
        `select ${CONTRIBUTION_COLUMNS.map((c) => `count("${c.name}") as "${c.name}"`).join(", ")}
         from contribution_rows where table_name = $t`,
        { t },
      );
      columns[t] = CONTRIBUTION_COLUMNS.filter(
        (c) =>
          Number(probe[0]![c.name]) > 0 &&
          !["contributor_id", "period_start", "period_end", "table_name"].includes(c.name),
      ).map((c) => c.name);
    }
    const payGroups = (await rows(
      conn,
      `select year, group_kind, group_value, breakdown_kind, breakdown_value, cast(sum(people) as integer) as people
       from contribution_pay_histogram group by all
       order by year, group_kind, group_value, breakdown_kind, breakdown_value`,
    )) as unknown as PayGroup[];
    const unsigned = {
      schema_version: SCHEMA_VERSION,
      contributor_id: contributorId,
      profile: {
        facility_type: String(profile?.facility_type ?? "unknown"),
        bed_band: String(profile?.bed_band ?? "unknown"),
        region: String(profile?.region ?? "unknown"),
      },
      period_start: scope.periodStart,
      period_end: scope.periodEnd,
      as_of: scope.asOf,
      tool_version: toolVersion(),
      pay_bin_usd: PAY_BIN_USD,
      tables,
    };
    manifestSchema.omit({ checksum: true }).parse(unsigned);
    // the checksum covers the file's bytes: without --out the file is written to a scratch folder
    const scratch = req.out ? null : mkdtempSync(path.join(tmpdir(), "htm-contribution-"));
    try {
      const manifest = await writeSignedContribution(
        conn,
        "contribution_rows",
        unsigned as Omit<Manifest, "checksum">,
        req.out ? path.resolve(req.out) : path.join(scratch!, "contribution.parquet"),
      );
      return { manifest, payGroups, columns };
    } finally {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
