/**
 * Pools survey contributions into a society warehouse (docs/architecture.md, privacy, docs/survey.md): every file is
 * checked (readable, schema version, checksum, rows that agree with the manifest, impossible totals,
 * data age, duplicate or overlapping periods of one contributor); the bad ones are logged with
 * their reason and left out, the rest are summed by the portable SQL of src/sql/survey/pool/.
 */
import { existsSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance, quotedString as str, type DuckDBConnection } from "@duckdb/node-api";
import type { Settings } from "../config/settings.ts";
import { createSharedMacros, runSqlFiles, sqlFileRows, SQL_DIR } from "../warehouse/sql-runner.ts";
import {
  CONTRIBUTION_COLUMNS,
  MANIFEST_KEY,
  SCHEMA_VERSION,
  contributionChecksum,
  fileRowGroupsDigest,
  manifestSchema,
  type Manifest,
} from "./contribution-schema.ts";

/** A pooling that cannot run at all (not one file's fault): exit 2 with this message. */
export class PoolError extends Error {}

export const POOL_SQL_DIR = path.join(SQL_DIR, "survey/pool");
const VALIDATE_SQL_DIR = path.join(SQL_DIR, "survey/validate");

/** The pooling SQL in run order: peer groups first, then every pooled mart. */
export const POOL_STEPS = [
  "peer_members",
  "peer_groups",
  "pooled_members",
  "pooled_profiles",
  "pooled_group_ids",
  "contribution_units",
  "pooled_units",
  "pooled_headcount_monthly",
  "pooled_turnover_annual",
  "pooled_workload_cells",
  "pooled_workload_domain_quarterly",
  "pooled_retention_curve",
  "pay_cell_ids",
  "pay_unit_bins",
  "pooled_pay_cell_orgs",
  "pooled_pay_cells",
  "pooled_pay_percentiles",
  "pooled_requisitions",
  "pooled_inventory_yearly",
  "pooled_benchmark_bands",
  "pooled_composition",
  "pooled_certification_prevalence",
  "pooled_workload_domain_yearly",
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
  "release_cells",
  "release_withheld",
  "pooled_benchmark_bands",
  "pooled_turnover_annual",
  "pooled_retention_curve",
  "pooled_pay_percentiles",
  "pooled_pay_change",
  "pooled_time_to_fill",
  "pooled_composition",
  "pooled_certification_prevalence",
  "workload_share_cells",
  "pooled_workload_share",
  "contributors",
  "survey_about",
  "pooled_workload_share_yearly",
  "pooled_specialist_roles",
] as const;

export interface PoolRequest {
  inputDir: string;
  dbPath: string;
  settings: Settings;
  /** The pooling date the data-age rule counts back from (YYYY-MM-DD); default today. */
  poolDate?: string;
  /**
   * The release log (Parquet): who stood behind every cell each earlier release published, so a
   * new release withholds what would differ from them by a few organisations. Default
   * survey-release-log.parquet beside the warehouse; this pooling is recorded in it as a release of
   * its pooling date. Every pooling is a release: pooling again, on the same date or an earlier one,
   * is compared with every release in the log (the tool cannot know which poolings were published).
   */
  releaseLog?: string;
}

/** Salary-survey participation rules for pay cells (reference practice: Empsight; docs/survey.md). */
export const PAY_RULES = { orgs: 5, people: 5, tailOrgs: 10, tailPeople: 10 } as const;

export function defaultReleaseLog(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), "survey-release-log.parquet");
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
  /** Size and modification time when its checksum was verified (fileStamp). */
  stamp?: string;
  /** The pooled file with the same checksum (the same bytes), when this one is a copy of it. */
  copyOf?: Candidate;
  /** Its rows passed the checks and are in survey.contribution_rows. */
  kept?: boolean;
  manifest?: Manifest;
  reason?: string;
}

/**
 * Every .parquet file under a folder (Hive-partitioned layouts included), sorted, and the entries
 * that cannot be read as one (a symlink loop, a broken link, a folder that cannot be listed) with
 * their reason, for the pool log: a bad entry never stops the others.
 */
export function contributionEntries(dir: string): { files: string[]; problems: Candidate[] } {
  const files: string[] = [];
  const problems: Candidate[] = [];
  const seen = new Set<string>();
  const walk = (d: string) => {
    let real: string;
    try {
      real = realpathSync(d);
    } catch (e) {
      problems.push({ file: d, reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})` });
      return;
    }
    // a link back to a folder above is a loop: each folder is listed once
    if (seen.has(real)) {
      problems.push({ file: d, reason: "a symbolic link loop (this folder was already read)" });
      return;
    }
    seen.add(real);
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch (e) {
      problems.push({
        file: d,
        reason: `folder cannot be listed (${(e as NodeJS.ErrnoException).code ?? "error"})`,
      });
      return;
    }
    for (const name of names) {
      const p = path.join(d, name);
      let isDir: boolean;
      try {
        isDir = statSync(p).isDirectory();
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "ELOOP") problems.push({ file: p, reason: "a symbolic link loop" });
        else if (name.endsWith(".parquet") || code !== "ENOENT")
          problems.push({ file: p, reason: `cannot be read (${code ?? "error"}: a broken link?)` });
        continue;
      }
      if (isDir) walk(p);
      else if (name.endsWith(".parquet")) files.push(p);
    }
  };
  walk(dir);
  return { files, problems };
}

/** A file's size and modification time: what changes when it is rewritten. */
function fileStamp(file: string): string {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return "gone";
  }
}

/** Every readable .parquet file under a folder, sorted. */
export function contributionFiles(dir: string): string[] {
  return contributionEntries(dir).files;
}

/** A real calendar date written YYYY-MM-DD (2026-13-45 and 2026-02-30 are not). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function monthsBefore(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

async function rows(conn: DuckDBConnection, sql: string, values?: Record<string, unknown>) {
  return (await conn.runAndReadAll(sql, values as never)).getRowObjectsJson() as Record<string, unknown>[];
}

/** The manifest checks of one file: valid JSON of this schema version with every field as declared. */
function checkManifest(file: string, raw: string | undefined): Candidate {
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
  return { file, manifest: parsed.data };
}

const EXPECTED_COLUMNS = CONTRIBUTION_COLUMNS.map((c) => `${c.name} ${c.type.replace(/\s/g, "")}`);

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
  const checked = checkManifest(file, raw);
  if (checked.reason) return checked;
  const described = await rows(
    conn,
    `describe select * from read_parquet(${str(file)}, hive_partitioning = false)`,
  );
  // folder names like batch=07 are the society's filing, not columns: read with hive_partitioning off
  const got = described.map(
    (d) => `${d.column_name} ${String(d.column_type).toLowerCase().replace(/\s/g, "")}`,
  );
  if (got.join(",") !== EXPECTED_COLUMNS.join(",")) {
    const missing = EXPECTED_COLUMNS.filter((c) => !got.includes(c));
    const extra = got.filter((c) => !EXPECTED_COLUMNS.includes(c));
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
  return checked;
}

/** Files whose footers are read by one query: a query per file was slow, one over 10,000 held them all. */
const FOOTER_BATCH_FILES = 1000;

/**
 * The footer checks of every file in two queries per FOOTER_BATCH_FILES files (manifests, then
 * column lists), not two per file; a file either query cannot read, or whose columns differ, is
 * looked at alone for its reason.
 */
async function readCandidates(conn: DuckDBConnection, files: string[]): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (let i = 0; i < files.length; i += FOOTER_BATCH_FILES)
    out.push(...(await readCandidateBatch(conn, files.slice(i, i + FOOTER_BATCH_FILES))));
  return out;
}

async function readCandidateBatch(conn: DuckDBConnection, files: string[]): Promise<Candidate[]> {
  if (files.length === 0) return [];
  const list = `[${files.map(str).join(", ")}]`;
  let manifests: Map<string, string>;
  let columns: Map<string, string>;
  try {
    manifests = new Map(
      (
        await rows(
          conn,
          `select file_name, decode(value) as v
           from (select file_name, value from parquet_kv_metadata(${list}) where decode(key) = ${str(MANIFEST_KEY)})`,
        )
      ).map((r) => [String(r.file_name), String(r.v)]),
    );
    columns = new Map(
      (
        await rows(
          conn,
          `select file_name, string_agg(name || ' ' || lower(replace(duckdb_type, ' ', '')), ',' order by column_id) as cols
           from parquet_schema(${list}) where column_id > 0 group by file_name`,
        )
      ).map((r) => [String(r.file_name), String(r.cols)]),
    );
  } catch {
    const one: Candidate[] = [];
    for (const f of files) one.push(await readCandidate(conn, f));
    return one;
  }
  const out: Candidate[] = [];
  for (const f of files) {
    const checked = checkManifest(f, manifests.get(f));
    if (!checked.reason && columns.get(f) !== EXPECTED_COLUMNS.join(","))
      out.push(await readCandidate(conn, f));
    else out.push(checked);
  }
  return out;
}

/**
 * Inserts rows given as SQL tuples, 500 per statement: a statement per row was most of the time at
 * 1,000 files, and one statement of 10,000 rows made DuckDB parse and bind 10,000 tuples at once.
 */
async function insertValues(conn: DuckDBConnection, table: string, tuples: string[]): Promise<void> {
  for (let i = 0; i < tuples.length; i += 500)
    await conn.run(`insert into ${table} values ${tuples.slice(i, i + 500).join(",\n")}`);
}

/** A value as a SQL literal, for the multi-row inserts. */
function literal(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "null";
  return typeof v === "number" ? String(v) : str(v);
}

/**
 * The tables the pooling SQL reads, empty: survey.settings (the publication rules),
 * survey.contributions (one row per pooled file), survey.contribution_rows (their rows, with
 * the contribution's id) and survey.release_history (the earlier releases' cells). On Spark or Trino these are the external tables over the Parquet files.
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
  // who stood behind each cell of the earlier releases (the release log), empty for a first release
  await conn.run(
    "create or replace table survey.release_history (released_on date, measure varchar, cell varchar, contributor_id varchar, release_no integer)",
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
      cast($publish_names as boolean) as publish_contributor_names,
      cast($min_pay_orgs as integer) as min_pay_orgs,
      cast($min_pay_people as integer) as min_pay_people,
      cast($min_pay_tail_orgs as integer) as min_pay_tail_orgs,
      cast($min_pay_tail_people as integer) as min_pay_tail_people`,
    {
      min_orgs_benchmark: settings.min_orgs_benchmark,
      max_org_share_benchmark: settings.max_org_share_benchmark,
      min_cell_public: settings.min_cell_public,
      min_data_age_months: settings.survey_min_data_age_months,
      publish_names: settings.survey_publish_contributor_names,
      // never fewer organisations than the peer-group rule asks
      min_pay_orgs: Math.max(PAY_RULES.orgs, settings.min_orgs_benchmark),
      min_pay_people: PAY_RULES.people,
      min_pay_tail_orgs: Math.max(PAY_RULES.tailOrgs, settings.min_orgs_benchmark),
      min_pay_tail_people: PAY_RULES.tailPeople,
    },
  );
}

/** The id a pooled file's rows carry: the first 16 hex digits of its checksum (its bytes'). */
function contributionId(c: Candidate): string {
  return c.manifest!.checksum.slice(0, 16);
}

/** DuckDB's memory limit while the pooling SQL runs (staging runs under the instance's 448 MB). */
const POOL_STEPS_MEMORY_LIMIT = "320MB";

/**
 * Rows staged and checked at a time. The files are read in batches of about this many rows (the
 * manifests say how many each holds): one read_parquet of 10,000 files held every file's metadata
 * at once and took the pool past 1 GiB, and checks over a batch in memory are cheaper than over
 * the whole warehouse table. At 1,000 contributions (4 million rows) that is about eight batches.
 */
const STAGE_BATCH_ROWS = 500_000;

/** The candidates in batches of about STAGE_BATCH_ROWS rows by their manifests' row counts. */
function stageBatches(files: Candidate[]): Candidate[][] {
  const batches: Candidate[][] = [];
  let rowsInBatch = Infinity;
  for (const c of files) {
    const n = Object.values(c.manifest!.tables).reduce((x, y) => x + y, 0);
    if (rowsInBatch + n > STAGE_BATCH_ROWS) {
      batches.push([]);
      rowsInBatch = 0;
    }
    batches.at(-1)!.push(c);
    rowsInBatch += n;
  }
  return batches;
}

/**
 * Stages the rows of a batch of files as the temporary table staged_rows, each under its
 * contribution_id, in one read_parquet of them all. The files have passed their checksum, so their
 * pages are the ones contribute wrote; should one still not read, it is found file by file, given
 * its reason, and left out.
 */
async function stageRows(conn: DuckDBConnection, files: Candidate[]): Promise<void> {
  const columns = CONTRIBUTION_COLUMNS.map((c) => `"${c.name}"`).join(", ");
  const read = (batch: Candidate[]) =>
    `select list_extract([${batch.map((c) => str(contributionId(c))).join(", ")}], cast(file_index as integer) + 1)
       as contribution_id, ${columns}
     from read_parquet([${batch.map((c) => str(c.file)).join(", ")}], hive_partitioning = false)`;
  try {
    await conn.run(`create or replace temp table staged_rows as ${read(files)}`);
    return;
  } catch {
    // a damaged data page: found file by file below
  }
  await conn.run(
    "create or replace temp table staged_rows as select * from survey.contribution_rows where false",
  );
  for (const c of files) {
    try {
      await conn.run(`insert into staged_rows ${read([c])}`);
    } catch (e) {
      c.reason = `unreadable Parquet data (${(e as Error).message.split("\n")[0]})`;
    }
  }
}

/**
 * The checks of the staged rows (validate/*.sql): each file's rows against its manifest (the
 * contributors and periods they name, rows per table), impossible values and broken structure.
 * Sets the reason of every file that fails.
 */
async function checkStagedRows(conn: DuckDBConnection, files: Candidate[]): Promise<void> {
  const failures = new Map<string, string[]>();
  for (const check of ["contribution_checks", "contribution_structure"])
    for (const r of await sqlFileRows(conn, path.join(VALIDATE_SQL_DIR, `${check}.sql`))) {
      const list = failures.get(String(r.contribution_id)) ?? [];
      list.push(`${r.check_name} (${r.failing_rows} rows)`);
      failures.set(String(r.contribution_id), list);
    }
  const summaries = new Map(
    (await sqlFileRows(conn, path.join(VALIDATE_SQL_DIR, "contribution_summary.sql"))).map((r) => [
      String(r.contribution_id),
      r,
    ]),
  );
  for (const c of files) {
    if (c.reason) continue;
    const m = c.manifest!;
    const summary = summaries.get(contributionId(c));
    if (
      ((summary?.contributors as string[] | undefined) ?? []).some((x) => x !== m.contributor_id) ||
      ((summary?.starts as string[] | undefined) ?? []).some((x) => x !== m.period_start) ||
      ((summary?.ends as string[] | undefined) ?? []).some((x) => x !== m.period_end)
    ) {
      c.reason = "rows name another contributor or period than the manifest";
      continue;
    }
    const got: Record<string, number> = Object.fromEntries(
      ((summary?.tables as { table_name: string; n: number }[] | undefined) ?? []).map((t) => [
        t.table_name,
        Number(t.n),
      ]),
    );
    const mismatch = Object.entries(m.tables).filter(([t, n]) => (got[t] ?? 0) !== n);
    if (mismatch.length) {
      c.reason = `row counts differ from the manifest: ${mismatch.map(([t, n]) => `${t} ${got[t] ?? 0} (manifest ${n})`).join(", ")}`;
      continue;
    }
    const failed = failures.get(contributionId(c));
    if (failed) c.reason = `impossible values: ${failed.join("; ")}`;
  }
}

/** Validates and pools every contribution under `inputDir` into a new warehouse at `dbPath`. */
export async function poolContributions(req: PoolRequest): Promise<PoolReport> {
  const poolDate = req.poolDate ?? new Date().toISOString().slice(0, 10);
  if (!isCalendarDate(poolDate))
    throw new PoolError(`pool date ${poolDate}: expected a calendar date YYYY-MM-DD`);
  const newestEnd = monthsBefore(poolDate, req.settings.survey_min_data_age_months);
  const { files, problems } = contributionEntries(req.inputDir);
  const building = `${req.dbPath}.pooling`;
  rmSync(building, { force: true });
  rmSync(`${building}.wal`, { force: true });
  // a memory limit: DuckDB spills to disk instead of growing past it. The process holds Node and
  // memory the allocator keeps after DuckDB frees it, outside the limit: at 640 MB, 1,000
  // contributions peaked at 1,002-1,021 MiB; at 512 MB, 798 to 945 MiB between runs of the same
  // code; at 448 MB, 767 to 840 MiB and no slower. The allocator hands freed memory back after
  // every task over 32 MB (default 128 MB) and in the background, and Parquet pages read once are
  // not cached: staging 10,000 files in 83 batches then peaked at 872 MiB, not 1,092, and ended at
  // 378 MiB, not 1,009.
  const instance = await DuckDBInstance.create(building, {
    memory_limit: "448MB",
    preserve_insertion_order: "false",
    allocator_flush_threshold: "32MB",
    allocator_background_threads: "true",
    enable_external_file_cache: "false",
  });
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
    const candidates: Candidate[] = [...problems];
    candidates.push(...(await readCandidates(conn, files)));

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
    // the checksum (schema version 3) covers the file's bytes: verified before any row is read
    const seen = new Map<string, Candidate>();
    for (const c of candidates) {
      if (c.reason) continue;
      // the rows are read again by the load: a file that changes after its checksum was
      // verified must not pool unverified rows (checked against this stamp before the end)
      c.stamp = fileStamp(c.file);
      const digest = fileRowGroupsDigest(c.file);
      if (digest === null) c.reason = "unreadable Parquet (no row groups before a footer)";
      else if (contributionChecksum(c.manifest!, digest) !== c.manifest!.checksum)
        c.reason = "checksum mismatch: the file's rows or manifest changed after contribute wrote it";
      else if (seen.has(c.manifest!.checksum)) c.copyOf = seen.get(c.manifest!.checksum);
      else seen.set(c.manifest!.checksum, c);
    }
    phase("checksum");
    // a copy of a file (the same bytes) is not read twice: it pools or fails as its original.
    // Batch by batch: stage, check, and keep the rows of the files that pass.
    const readable = candidates.filter((c) => !c.reason && !c.copyOf);
    timings.stage = 0;
    timings.validate = 0;
    for (const batch of stageBatches(readable)) {
      let t = performance.now();
      await stageRows(conn, batch);
      timings.stage += (performance.now() - t) / 1000;
      t = performance.now();
      await checkStagedRows(conn, batch);
      timings.validate += (performance.now() - t) / 1000;
      t = performance.now();
      const failed = batch.filter((c) => c.reason).map(contributionId);
      await conn.run(
        `insert into survey.contribution_rows select * from staged_rows
         ${failed.length ? `where contribution_id not in (${failed.map(literal).join(", ")})` : ""}`,
      );
      for (const c of batch) c.kept = !c.reason;
      timings.load = (timings.load ?? 0) + (performance.now() - t) / 1000;
    }
    await conn.run("drop table if exists staged_rows");
    phaseStart = performance.now();
    for (const c of candidates) if (c.copyOf?.reason) c.reason = c.copyOf.reason;

    // One contributor, one count per month. The rule for overlapping periods, whatever the files
    // are called: the newest data (latest as_of) wins, then the longer period; the same file twice
    // pools once; two different files for the same period and as_of contradict each other and
    // neither pools (the society cannot tell which is right).
    const order = (c: Candidate) => c.manifest!;
    const valid = candidates
      .filter((c) => !c.reason)
      .sort((x, y) => {
        const a = order(x);
        const b = order(y);
        const days = (m: Manifest) => Date.parse(m.period_end) - Date.parse(m.period_start);
        return b.as_of.localeCompare(a.as_of) || days(b) - days(a) || a.checksum.localeCompare(b.checksum);
      });
    const accepted: Candidate[] = [];
    const conflicted = new Set<Candidate>();
    for (const c of valid) {
      const m = c.manifest!;
      const clash = accepted.find(
        (a) =>
          a.manifest!.contributor_id === m.contributor_id &&
          a.manifest!.period_start <= m.period_end &&
          m.period_start <= a.manifest!.period_end,
      );
      if (!clash) {
        accepted.push(c);
        continue;
      }
      const k = clash.manifest!;
      const where = `${path.relative(req.inputDir, clash.file)} (contributor ${m.contributor_id}, ${k.period_start} to ${k.period_end}, as of ${k.as_of})`;
      if (k.checksum === m.checksum) c.reason = `duplicate of ${where}`;
      else if (k.period_start === m.period_start && k.period_end === m.period_end && k.as_of === m.as_of) {
        c.reason = `contradicts ${where}: the same period and as-of date with other figures; neither pools`;
        conflicted.add(clash);
        clash.reason = `contradicts ${path.relative(req.inputDir, c.file)}: the same period and as-of date with other figures; neither pools`;
      } else
        c.reason = `period overlaps ${where}, which pools instead (of one contributor's overlapping files the newest data, then the longer period, pools)`;
    }
    accepted.splice(0, accepted.length, ...accepted.filter((c) => !conflicted.has(c)));
    // the log and the warehouse list files in path order
    accepted.sort((a, b) => a.file.localeCompare(b.file));

    await conn.run("begin transaction");
    await insertValues(
      conn,
      "survey.contributions",
      accepted.map((c) => {
        const m = c.manifest!;
        return `(${[
          m.checksum.slice(0, 16),
          m.contributor_id,
          m.profile.facility_type,
          m.profile.bed_band,
          m.profile.region,
        ]
          .map(literal)
          .join(", ")}, cast(${str(m.period_start)} as date), cast(${str(m.period_end)} as date),
              cast(${str(m.as_of)} as date), ${m.schema_version}, ${literal(m.tool_version)}, ${literal(m.checksum)},
              ${literal(path.relative(req.inputDir, c.file))})`;
      }),
    );
    // the rows of the files another file pools instead go (those that failed were never kept)
    const pooling = new Set(accepted);
    const dropped = readable.filter((c) => c.kept && !pooling.has(c));
    if (dropped.length > 0)
      await conn.run(
        `delete from survey.contribution_rows where contribution_id in (${dropped.map((c) => literal(contributionId(c))).join(", ")})`,
      );

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
    await insertValues(
      conn,
      "survey.pool_log",
      log.map(
        (e) =>
          `(${[e.file, e.status, e.reason, e.contributor_id].map(literal).join(", ")}, cast(${literal(e.period_start)} as date), cast(${literal(e.period_end)} as date), cast(${str(poolDate)} as date))`,
      ),
    );

    const changed = accepted.filter((c) => fileStamp(c.file) !== c.stamp);
    if (changed.length)
      throw new PoolError(
        `${changed.map((c) => path.relative(req.inputDir, c.file)).join(", ")} changed while being pooled: pool again`,
      );
    await conn.run("commit");
    const releaseLog = req.releaseLog ?? defaultReleaseLog(req.dbPath);
    if (existsSync(releaseLog))
      try {
        // every release in the log, whatever its date: a pooling published in the morning and
        // another one in the afternoon differ by the files added in between. A log written before
        // releases were numbered holds one release per date.
        const [numbered] = await rows(
          conn,
          `select count(*) as n from (describe select * from read_parquet(${str(releaseLog)})) where column_name = 'release_no'`,
        );
        await conn.run(
          `insert into survey.release_history select cast(released_on as date), measure, cell, contributor_id,
             ${Number(numbered!.n) > 0 ? "release_no" : "dense_rank() over (order by cast(released_on as date))"}
           from read_parquet(${str(releaseLog)})`,
        );
      } catch (e) {
        throw new PoolError(`release log ${releaseLog}: ${(e as Error).message.split("\n")[0]}`);
      }
    phase("record");
    // the formulas the hospital's marts use (SHRM turnover, …), so pooled figures are computed alike
    await createSharedMacros(conn);
    // The pooling SQL runs under a lower limit than staging. At 10,000 contributions its aggregations
    // outgrow any limit and spill, and what DuckDB holds outside the limit while they spill grows
    // with it: under 448 MB the steps peaked at 860-990 MiB, under 320 MB at 690-790 MiB, in the same
    // time; at 1,000 contributions they cost about a second more. Staging stays at 448 MB: each batch
    // of rows is an in-memory table of about 200 MB, checked while it is held.
    await conn.run(`set memory_limit = '${POOL_STEPS_MEMORY_LIMIT}'`);
    const steps = [
      ...POOL_STEPS.map((s) => path.join(POOL_SQL_DIR, `${s}.sql`)),
      ...PUBLISH_STEPS.map((s) => path.join(PUBLISH_SQL_DIR, `${s}.sql`)),
    ];
    Object.assign(
      timings,
      await runSqlFiles(conn, steps, { prefix: (file) => `${path.basename(path.dirname(file))}.` }),
    );
    phaseStart = performance.now();
    // this release joins the log (written beside it, then swapped in). Unsorted: the log is read
    // back as a set, and sorting its millions of rows by their text took four times the writing
    const logDir = path.dirname(path.resolve(releaseLog));
    if (existsSync(logDir)) {
      const next = `${releaseLog}.writing`;
      await conn.run(`copy (
          select released_on, measure, cell, contributor_id, release_no from survey.release_history
          union all
          select cast(${str(poolDate)} as date), measure, cell, contributor_id,
            cast((select coalesce(max(release_no), 0) + 1 from survey.release_history) as integer)
          from survey.release_cells
        ) to ${str(next)} (format parquet)`);
      renameSync(next, releaseLog);
      phase("release_log");
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
