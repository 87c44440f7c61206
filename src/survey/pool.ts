/**
 * Pools survey contributions into a society warehouse (DESIGN §8, docs/survey.md): every file is
 * checked (readable, schema version, checksum, rows that agree with the manifest, impossible totals,
 * data age, duplicate or overlapping periods of one contributor); the bad ones are logged with
 * their reason and left out, the rest are summed by the portable SQL of src/sql/survey/pool/.
 */
import { readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance, quotedString as str, type DuckDBConnection } from "@duckdb/node-api";
import type { Settings } from "../config/settings.ts";
import { PROJECT_ROOT } from "../warehouse/paths.ts";
import { SQL_DIR } from "../warehouse/transform.ts";
import {
  CONTRIBUTION_COLUMNS,
  MANIFEST_KEY,
  SCHEMA_VERSION,
  contributionChecksum,
  manifestSchema,
  rowsDigestSql,
  type Manifest,
} from "./contribution-schema.ts";

export const POOL_SQL_DIR = path.join(SQL_DIR, "survey/pool");

/** The pooling SQL in run order: peer groups first, then every pooled mart. */
export const POOL_STEPS = [
  "peer_members",
  "peer_groups",
  "pooled_members",
  "pooled_headcount_monthly",
  "pooled_turnover_annual",
  "pooled_workload_domain_quarterly",
  "pooled_retention_curve",
  "pooled_pay_percentiles",
  "pooled_requisitions",
  "pooled_inventory_yearly",
  "pooled_benchmark_bands",
  "pooled_workload_domain_yearly",
  "pooled_certification_prevalence",
  "pooled_specialist_roles",
] as const;

export const PUBLISH_SQL_DIR = path.join(SQL_DIR, "survey/publish");

/**
 * What a society may publish (`build --audience public` on the pooled warehouse): peer groups
 * under the safety-zone and complementary rules, then rates, shares, survival and percentiles
 * only, each cell null with its rule when it fails.
 */
export const PUBLISH_STEPS = [
  "publication_groups",
  "pooled_benchmark_bands",
  "pooled_turnover_annual",
  "pooled_retention_curve",
  "pooled_pay_percentiles",
  "pooled_workload_share",
  "contributors",
  "survey_about",
  "pooled_workload_share_yearly",
  "pooled_certification_prevalence",
  "pooled_specialist_roles",
] as const;

export interface PoolRequest {
  inputDir: string;
  dbPath: string;
  settings: Settings;
  /** The pooling date the data-age rule counts back from (YYYY-MM-DD); default today. */
  poolDate?: string;
}

export interface PoolLogEntry {
  file: string;
  status: "pooled" | "rejected";
  reason: string | null;
  contributor_id: string | null;
  period_start: string | null;
  period_end: string | null;
}

export interface PoolReport {
  log: PoolLogEntry[];
  pooled: number;
  rejected: number;
  peerGroups: number;
  publishablePeerGroups: number;
  /** Seconds per phase: check (manifests and footers), stage (rows), validate, pool (the SQL steps by name). */
  timings: Record<string, number>;
}

interface Candidate {
  file: string;
  manifest?: Manifest;
  reason?: string;
}

/** Every .parquet file under a folder (Hive-partitioned layouts included), sorted. */
export function contributionFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".parquet")) found.push(p);
    }
  };
  walk(dir);
  return found;
}

function monthsBefore(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

async function rows(conn: DuckDBConnection, sql: string, values?: Record<string, unknown>) {
  return (await conn.runAndReadAll(sql, values as never)).getRowObjectsJson() as Record<string, unknown>[];
}

/** Footer-level checks of one file: readable, a manifest of this schema version, the declared columns. */
async function readCandidate(conn: DuckDBConnection, file: string): Promise<Candidate> {
  let raw: string | undefined;
  try {
    const kv = await rows(
      conn,
      `select decode(key) as k, decode(value) as v from parquet_kv_metadata(${str(file)})`,
    );
    raw = kv.find((r) => r.k === MANIFEST_KEY)?.v as string | undefined;
  } catch (e) {
    return { file, reason: `unreadable Parquet (${(e as Error).message.split("\n")[0]})` };
  }
  if (!raw) return { file, reason: `no ${MANIFEST_KEY} metadata: not a survey contribution` };
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return { file, reason: "the manifest is not valid JSON" };
  }
  if (json.schema_version !== SCHEMA_VERSION)
    return {
      file,
      reason: `schema version ${JSON.stringify(json.schema_version)}; this pool reads version ${SCHEMA_VERSION}`,
    };
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success)
    return {
      file,
      reason: `manifest: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    };
  const described = await rows(
    conn,
    `describe select * from read_parquet(${str(file)}, hive_partitioning = false)`,
  );
  // folder names like batch=07 are the society's filing, not columns: read with hive_partitioning off
  const got = described.map(
    (d) => `${d.column_name} ${String(d.column_type).toLowerCase().replace(/\s/g, "")}`,
  );
  const expected = CONTRIBUTION_COLUMNS.map((c) => `${c.name} ${c.type.replace(/\s/g, "")}`);
  if (got.join(",") !== expected.join(",")) {
    const missing = expected.filter((c) => !got.includes(c));
    const extra = got.filter((c) => !expected.includes(c));
    return {
      file,
      reason: `columns differ from schema version ${SCHEMA_VERSION}: ${[
        missing.length ? `missing ${missing.join(", ")}` : "",
        extra.length ? `unexpected ${extra.join(", ")}` : "",
        !missing.length && !extra.length ? "same columns in another order" : "",
      ]
        .filter(Boolean)
        .join("; ")}`,
    };
  }
  return { file, manifest: parsed.data };
}

/**
 * The tables the pooling SQL reads, empty: survey.settings (the publication rules),
 * survey.contributions (one row per pooled file) and survey.contribution_rows (their rows, with
 * the contribution's id). On Spark or Trino these are the external tables over the Parquet files.
 */
export async function createInputTables(conn: DuckDBConnection, settings: Settings): Promise<void> {
  for (const schema of ["survey", "marts", "publish"])
    await conn.run(`create schema if not exists ${schema}`);
  await conn.run(`create or replace table survey.contributions (
      contribution_id varchar, contributor_id varchar, facility_type varchar, bed_band varchar, region varchar,
      period_start date, period_end date, as_of date, schema_version integer, tool_version varchar,
      checksum varchar, file varchar)`);
  await conn.run(
    `create or replace table survey.contribution_rows (contribution_id varchar, ${CONTRIBUTION_COLUMNS.map((c) => `"${c.name}" ${c.type}`).join(", ")})`,
  );
  await writeSettingsTable(conn, settings);
}

async function writeSettingsTable(conn: DuckDBConnection, settings: Settings): Promise<void> {
  await conn.run(
    `create or replace table survey.settings as select
      cast($min_orgs_benchmark as integer) as min_orgs_benchmark,
      cast($max_org_share_benchmark as double) as max_org_share_benchmark,
      cast($min_cell_public as integer) as min_cell_public,
      cast($min_data_age_months as integer) as min_data_age_months,
      cast($publish_names as boolean) as publish_contributor_names`,
    {
      min_orgs_benchmark: settings.min_orgs_benchmark,
      max_org_share_benchmark: settings.max_org_share_benchmark,
      min_cell_public: settings.min_cell_public,
      min_data_age_months: settings.survey_min_data_age_months,
      publish_names: settings.survey_publish_contributor_names,
    },
  );
}

/** Loads the files' rows into staged_rows (one batch; file by file when one breaks the batch). */
async function stageRows(conn: DuckDBConnection, candidates: Candidate[]): Promise<void> {
  const columns = CONTRIBUTION_COLUMNS.map((c) => `"${c.name}"`).join(", ");
  await conn.run(
    `create or replace temp table staged_rows as select ${columns}, cast(null as varchar) as filename
     from read_parquet(${str(candidates[0]!.file)}, hive_partitioning = false) limit 0`,
  );
  const list = (files: string[]) => `[${files.map(str).join(", ")}]`;
  try {
    await conn.run(
      `insert into staged_rows select ${columns}, filename from read_parquet(${list(candidates.map((c) => c.file))}, filename = true, hive_partitioning = false)`,
    );
    return;
  } catch {
    // a damaged data page: find it file by file
  }
  await conn.run("delete from staged_rows");
  for (const c of candidates) {
    try {
      await conn.run(
        `insert into staged_rows select ${columns}, filename from read_parquet(${str(c.file)}, filename = true, hive_partitioning = false)`,
      );
    } catch (e) {
      c.reason = `unreadable Parquet data (${(e as Error).message.split("\n")[0]})`;
    }
  }
}

/** Validates and pools every contribution under `inputDir` into a new warehouse at `dbPath`. */
export async function poolContributions(req: PoolRequest): Promise<PoolReport> {
  const poolDate = req.poolDate ?? new Date().toISOString().slice(0, 10);
  const newestEnd = monthsBefore(poolDate, req.settings.survey_min_data_age_months);
  const files = contributionFiles(req.inputDir);
  const building = `${req.dbPath}.pooling`;
  rmSync(building, { force: true });
  rmSync(`${building}.wal`, { force: true });
  const instance = await DuckDBInstance.create(building);
  const conn = await instance.connect();
  const log: PoolLogEntry[] = [];
  const timings: Record<string, number> = {};
  let phaseStart = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    timings[name] = (now - phaseStart) / 1000;
    phaseStart = now;
  };
  try {
    await createInputTables(conn, req.settings);
    const candidates: Candidate[] = [];
    for (const f of files) candidates.push(await readCandidate(conn, f));

    // manifest-level rules before reading any rows
    for (const c of candidates) {
      const m = c.manifest;
      if (c.reason || !m) continue;
      if (m.period_start > m.period_end)
        c.reason = `the period starts (${m.period_start}) after it ends (${m.period_end})`;
      else if (m.period_end > m.as_of)
        c.reason = `the period ends (${m.period_end}) after the data's as-of date (${m.as_of})`;
      else if (m.period_end > newestEnd)
        c.reason = `too recent: the period ends ${m.period_end}, less than ${req.settings.survey_min_data_age_months} months before the pooling date ${poolDate} (data must be at least ${req.settings.survey_min_data_age_months} months old)`;
    }

    phase("check");
    const readable = candidates.filter((c) => !c.reason);
    if (readable.length > 0) {
      await stageRows(conn, readable);
      phase("stage");
      const digests = new Map(
        (await rows(conn, rowsDigestSql("staged_rows", "filename"))).map((r) => [
          String(r.filename),
          String(r.digest),
        ]),
      );
      const identity = new Map(
        (
          await rows(
            conn,
            `select filename,
              list(distinct contributor_id) as contributors,
              list(distinct cast(period_start as varchar)) as starts,
              list(distinct cast(period_end as varchar)) as ends
             from staged_rows group by filename`,
          )
        ).map((r) => [String(r.filename), r]),
      );
      const counts = new Map<string, Record<string, number>>();
      for (const r of await rows(
        conn,
        "select filename, table_name, cast(count(*) as integer) as n from staged_rows group by all",
      )) {
        const m = counts.get(String(r.filename)) ?? {};
        m[String(r.table_name)] = Number(r.n);
        counts.set(String(r.filename), m);
      }
      const failures = new Map<string, string[]>();
      for (const r of await rows(
        conn,
        readFileSync(path.join(SQL_DIR, "survey/validate/contribution_checks.sql"), "utf8"),
      )) {
        const list = failures.get(String(r.filename)) ?? [];
        list.push(`${r.check_name} (${r.failing_rows} rows)`);
        failures.set(String(r.filename), list);
      }
      for (const c of readable) {
        if (c.reason) continue;
        const m = c.manifest!;
        const digest =
          digests.get(c.file) ?? (await rows(conn, rowsDigestSql("staged_rows where false")))[0]!.digest;
        if (contributionChecksum(m, String(digest)) !== m.checksum) {
          c.reason = "checksum mismatch: the file's rows or manifest changed after contribute wrote it";
          continue;
        }
        const id = identity.get(c.file);
        const contributors = (id?.contributors as string[] | undefined) ?? [];
        if (
          contributors.some((x) => x !== m.contributor_id) ||
          ((id?.starts as string[]) ?? []).some((x) => x !== m.period_start) ||
          ((id?.ends as string[]) ?? []).some((x) => x !== m.period_end)
        ) {
          c.reason = "rows name another contributor or period than the manifest";
          continue;
        }
        const got = counts.get(c.file) ?? {};
        const mismatch = Object.entries(m.tables).filter(([t, n]) => (got[t] ?? 0) !== n);
        if (mismatch.length) {
          c.reason = `row counts differ from the manifest: ${mismatch.map(([t, n]) => `${t} ${got[t] ?? 0} (manifest ${n})`).join(", ")}`;
          continue;
        }
        const failed = failures.get(c.file);
        if (failed) c.reason = `impossible values: ${failed.join("; ")}`;
      }
    }

    phase("validate");
    // one contributor, one count per month: a repeated or overlapping period is left out
    const accepted: Candidate[] = [];
    for (const c of candidates) {
      if (c.reason) continue;
      const m = c.manifest!;
      const clash = accepted.find(
        (a) =>
          a.manifest!.contributor_id === m.contributor_id &&
          a.manifest!.period_start <= m.period_end &&
          m.period_start <= a.manifest!.period_end,
      );
      if (clash) {
        const same =
          clash.manifest!.period_start === m.period_start && clash.manifest!.period_end === m.period_end;
        c.reason = `${same ? "duplicate of" : "period overlaps"} ${path.relative(req.inputDir, clash.file)} (contributor ${m.contributor_id}, ${clash.manifest!.period_start} to ${clash.manifest!.period_end})`;
        continue;
      }
      accepted.push(c);
    }

    // one transaction for the row-by-row inserts: a commit per row would sync the file each time
    await conn.run("begin transaction");
    for (const c of accepted) {
      const m = c.manifest!;
      await conn.run(
        `insert into survey.contributions values ($id, $contributor, $facility, $beds, $region, cast($start as date),
          cast($end as date), cast($as_of as date), $version, $tool, $checksum, $file)`,
        {
          id: m.checksum.slice(0, 16),
          contributor: m.contributor_id,
          facility: m.profile.facility_type,
          beds: m.profile.bed_band,
          region: m.profile.region,
          start: m.period_start,
          end: m.period_end,
          as_of: m.as_of,
          version: m.schema_version,
          tool: m.tool_version,
          checksum: m.checksum,
          file: path.relative(req.inputDir, c.file),
        },
      );
    }
    await conn.run("create temp table accepted_files (filename varchar, contribution_id varchar)");
    for (const c of accepted)
      await conn.run("insert into accepted_files values ($file, $id)", {
        file: c.file,
        id: c.manifest!.checksum.slice(0, 16),
      });
    if (accepted.length > 0) {
      const columns = CONTRIBUTION_COLUMNS.map((c) => `s."${c.name}"`).join(", ");
      await conn.run(`insert into survey.contribution_rows
        select a.contribution_id, ${columns}
        from staged_rows as s
        join accepted_files as a on a.filename = s.filename`);
    }

    for (const c of candidates) {
      const m = c.manifest;
      log.push({
        file: path.relative(req.inputDir, c.file),
        status: c.reason ? "rejected" : "pooled",
        reason: c.reason ?? null,
        contributor_id: m?.contributor_id ?? null,
        period_start: m?.period_start ?? null,
        period_end: m?.period_end ?? null,
      });
    }
    await conn.run(`create table survey.pool_log (file varchar, status varchar, reason varchar,
      contributor_id varchar, period_start date, period_end date, pooled_on date)`);
    for (const e of log)
      await conn.run(
        `insert into survey.pool_log values ($file, $status, $reason, $contributor, cast($start as date), cast($end as date), cast($on as date))`,
        {
          file: e.file,
          status: e.status,
          reason: e.reason,
          contributor: e.contributor_id,
          start: e.period_start,
          end: e.period_end,
          on: poolDate,
        },
      );

    await conn.run("commit");
    phase("load");
    const steps = [
      ...POOL_STEPS.map((s) => path.join(POOL_SQL_DIR, `${s}.sql`)),
      ...PUBLISH_STEPS.map((s) => path.join(PUBLISH_SQL_DIR, `${s}.sql`)),
    ];
    for (const file of steps) {
      const step = path.basename(path.dirname(file)) + "." + path.basename(file, ".sql");
      try {
        await conn.run(readFileSync(file, "utf8"));
        phase(step);
      } catch (e) {
        throw new Error(`${path.relative(PROJECT_ROOT, file)}: ${(e as Error).message}`);
      }
    }
    const [groups] = await rows(
      conn,
      `select cast(count(*) as integer) as n, cast(count(*) filter (where suppressed_reason is null) as integer) as ok
       from survey.peer_groups`,
    );
    conn.closeSync();
    instance.closeSync();
    renameSync(building, req.dbPath);
    rmSync(`${building}.wal`, { force: true });
    const pooled = log.filter((e) => e.status === "pooled").length;
    return {
      log,
      pooled,
      rejected: log.length - pooled,
      peerGroups: Number(groups!.n),
      publishablePeerGroups: Number(groups!.ok),
      timings,
    };
  } catch (e) {
    conn.closeSync();
    instance.closeSync();
    rmSync(building, { force: true });
    throw e;
  }
}
