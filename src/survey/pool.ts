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
  manifestSchema,
  digestOfHashesSql,
  rowTextSql,
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
  /** Its `filename` in staged_rows (its index among the staged files). */
  staged?: number;
  /** Size and modification time when it was staged (fileStamp). */
  stamp?: string;
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

/**
 * The footer checks of every file in two queries (manifests, then column lists), not two per file;
 * a file either query cannot read, or whose columns differ, is looked at alone for its reason.
 */
async function readCandidates(conn: DuckDBConnection, files: string[]): Promise<Candidate[]> {
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

/**
 * Stages the files' rows as the view staged_rows over one read_parquet of every file, not a copy:
 * the per-file summary, the checks and the final insert into survey.contribution_rows each scan the
 * Parquet files again, which costs less than holding millions of rows under the memory limit (a
 * temporary table of 1,000 contributions spilled to disk). Each row carries its file's index in
 * `candidates` as `filename` (an integer: the checks group by it millions of times, a path is a long
 * string). A file with a damaged data page is found file by file, given its reason, and left out of
 * the view. Returns the per-file summary (STAGED_SUMMARY_SQL) by index.
 */
async function stageRows(
  conn: DuckDBConnection,
  candidates: Candidate[],
): Promise<Map<number, Record<string, unknown>>> {
  const columns = CONTRIBUTION_COLUMNS.map((c) => `"${c.name}"`).join(", ");
  for (const [i, c] of candidates.entries()) c.staged = i;
  const view = (good: Candidate[]) =>
    good.length === 0
      ? `create or replace temp view staged_rows as select * from (select ${CONTRIBUTION_COLUMNS.map((c) => `cast(null as ${c.type}) as "${c.name}"`).join(", ")}, cast(null as integer) as filename) where false`
      : `create or replace temp view staged_rows as
         select ${columns}, cast(list_extract([${good.map((c) => c.staged).join(", ")}], cast(file_index as integer) + 1) as integer) as filename
         from read_parquet([${good.map((c) => str(c.file)).join(", ")}], hive_partitioning = false)`;
  const summary = async () =>
    new Map((await rows(conn, STAGED_SUMMARY_SQL)).map((r) => [Number(r.filename), r]));
  await conn.run(view(candidates));
  try {
    return await summary();
  } catch {
    // a damaged data page: find it file by file (a file's digest reads every page of it)
  }
  const good: Candidate[] = [];
  for (const c of candidates) {
    try {
      await rows(
        conn,
        `select ${digestOfHashesSql(`md5_number(${rowTextSql()})`)} as digest from read_parquet(${str(c.file)}, hive_partitioning = false)`,
      );
      good.push(c);
    } catch (e) {
      c.reason = `unreadable Parquet data (${(e as Error).message.split("\n")[0]})`;
    }
  }
  await conn.run(view(good));
  return summary();
}

/**
 * Per staged file, in one scan: its rows' digest (each row hashed once, digestOfHashesSql summed per
 * table first), the contributors and periods its rows name, and its rows per table.
 */
const STAGED_SUMMARY_SQL = `with per_table as (
    select filename, table_name, count(*) as n,
      sum(cast(row_md5 & cast(18446744073709551615 as uhugeint) as ubigint)) as low,
      sum(cast(row_md5 >> 64 as ubigint)) as high,
      list(distinct contributor_id) as contributors,
      list(distinct cast(period_start as varchar)) as starts,
      list(distinct cast(period_end as varchar)) as ends
    from (select *, md5_number(${rowTextSql()}) as row_md5 from staged_rows)
    group by filename, table_name
  )
  select filename,
    sum(n) || ':' || coalesce(sum(low), 0) || ':' || coalesce(sum(high), 0) as digest,
    list_distinct(flatten(list(contributors))) as contributors,
    list_distinct(flatten(list(starts))) as starts,
    list_distinct(flatten(list(ends))) as ends,
    list({table_name: coalesce(table_name, 'null'), n: cast(n as integer)}) as tables
  from per_table group by filename`;

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
  // DuckDB's own allocations outside the limit too: at 640 MB, 1,000 contributions peaked at
  // 1,002-1,021 MiB; 512 MB leaves room under 1 GiB.
  const instance = await DuckDBInstance.create(building, {
    memory_limit: "512MB",
    preserve_insertion_order: "false",
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
    const readable = candidates.filter((c) => !c.reason);
    if (readable.length > 0) {
      // staged_rows reads the files again for the insert: a file that changes after its checksum
      // was verified must not pool unverified rows (checked against these before the commit)
      for (const c of readable) c.stamp = fileStamp(c.file);
      const staged = await stageRows(conn, readable);
      phase("stage");
      const failures = new Map<string, string[]>();
      const checks = ["contribution_checks", "contribution_structure"].map((f) =>
        path.join(VALIDATE_SQL_DIR, `${f}.sql`),
      );
      for (const r of [...(await sqlFileRows(conn, checks[0]!)), ...(await sqlFileRows(conn, checks[1]!))]) {
        const list = failures.get(String(r.filename)) ?? [];
        list.push(`${r.check_name} (${r.failing_rows} rows)`);
        failures.set(String(r.filename), list);
      }
      for (const [i, c] of readable.entries()) {
        if (c.reason) continue;
        const m = c.manifest!;
        const summary = staged.get(i);
        if (contributionChecksum(m, String(summary?.digest ?? "0:0:0")) !== m.checksum) {
          c.reason = "checksum mismatch: the file's rows or manifest changed after contribute wrote it";
          continue;
        }
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
        const failed = failures.get(String(i));
        if (failed) c.reason = `impossible values: ${failed.join("; ")}`;
      }
    }

    phase("validate");
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

    // one multi-row insert per table (a statement per row was most of the time at 1,000 files)
    await conn.run("begin transaction");
    if (accepted.length > 0)
      await conn.run(
        `insert into survey.contributions values ${accepted
          .map((c) => {
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
          })
          .join(",\n")}`,
      );
    await conn.run("create temp table accepted_files (filename integer, contribution_id varchar)");
    if (accepted.length > 0)
      await conn.run(
        `insert into accepted_files values ${accepted.map((c) => `(${c.staged!}, ${literal(c.manifest!.checksum.slice(0, 16))})`).join(", ")}`,
      );
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
    if (log.length > 0)
      await conn.run(
        `insert into survey.pool_log values ${log
          .map(
            (e) =>
              `(${[e.file, e.status, e.reason, e.contributor_id].map(literal).join(", ")}, cast(${literal(e.period_start)} as date), cast(${literal(e.period_end)} as date), cast(${str(poolDate)} as date))`,
          )
          .join(",\n")}`,
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
    phase("load");
    // the formulas the hospital's marts use (SHRM turnover, …), so pooled figures are computed alike
    await createSharedMacros(conn);
    const steps = [
      ...POOL_STEPS.map((s) => path.join(POOL_SQL_DIR, `${s}.sql`)),
      ...PUBLISH_STEPS.map((s) => path.join(PUBLISH_SQL_DIR, `${s}.sql`)),
    ];
    Object.assign(
      timings,
      await runSqlFiles(conn, steps, { prefix: (file) => `${path.basename(path.dirname(file))}.` }),
    );
    phaseStart = performance.now();
    // this release joins the log (written beside it, then swapped in)
    const logDir = path.dirname(path.resolve(releaseLog));
    if (existsSync(logDir)) {
      const next = `${releaseLog}.writing`;
      await conn.run(`copy (
          select released_on, measure, cell, contributor_id, release_no from survey.release_history
          union all
          select cast(${str(poolDate)} as date), measure, cell, contributor_id,
            cast((select coalesce(max(release_no), 0) + 1 from survey.release_history) as integer)
          from survey.release_cells
          order by release_no, measure, cell, contributor_id
        ) to ${str(next)} (format parquet)`);
      renameSync(next, releaseLog);
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
