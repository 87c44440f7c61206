/**
 * Ingest (docs/architecture.md, data flow; docs/input.md): input folder → a complete new warehouse, swapped in atomically.
 * Sources are checked against the contract by DuckDB (types) and SQL (rules, keys); taxonomy and
 * reference data are loaded; core and marts are rebuilt; the site cache is invalidated.
 */
import { createHash } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  DuckDBInstance,
  LIST,
  VARCHAR,
  quotedIdentifier as id,
  quotedString as str,
  type DuckDBConnection,
} from "@duckdb/node-api";
import { REQUIRED_SOURCES, SOURCES, type SourceContract } from "../src/contract/index.ts";
import { readSettings, type Settings } from "../src/config/settings.ts";
import { buildCoreAndMarts } from "../src/warehouse/transform.ts";
import { runSqlFile } from "../src/warehouse/sql-runner.ts";
import { warehousePath } from "../src/warehouse/paths.ts";
import { loadReferenceData, referenceDigest } from "./reference-data.ts";
import { scanFile, type FileScan } from "./file-scan.ts";
import { sniffDialect, type Dialect } from "./dialect.ts";
import { discoverSources, type SourceFile } from "./discover.ts";
import { matchHeader, UnusableInputError, type HeaderColumn } from "./header.ts";
import { compileSource } from "./contract-sql.ts";
import type { SourceLoadResult } from "./load-source.ts";
import { LOADERS } from "./sources.ts";
import { EMPTY_SOURCE_MAPPING, mappingPatterns, readMapping, type Mapping } from "./mapping.ts";
import { createProgress, type Progress } from "./progress.ts";
import { rewriteForReader } from "./transcode.ts";
import { plausibilityBounds } from "./plausibility.ts";
import { asEnvironmentError, EnvironmentError } from "./environment-error.ts";
import { acquireWarehouseLock, type WarehouseLock } from "./warehouse-lock.ts";
import {
  createScratchDirectory,
  discardBuild,
  invalidateSiteCache,
  removeAbandonedBuilds,
  replaceWarehouse,
  temporaryWarehousePath,
} from "./warehouse-file.ts";

export { UnusableInputError, EnvironmentError };

const META_TABLES_SQL = fileURLToPath(new URL("./meta_tables.sql", import.meta.url));

export interface IngestOptions {
  inputDir: string;
  /** Warehouse to replace; undefined with `checkOnly` (nothing is written). */
  dbPath?: string;
  strict?: boolean;
  /** Load even when a source rejects more than settings.max_rejected_share; the site says so. */
  acceptRejects?: boolean;
  quiet?: boolean;
  /** Validate only: load into a throwaway database and report; the warehouse is not touched. */
  checkOnly?: boolean;
  progress?: Progress;
  /** How long to wait for another ingest into the same warehouse (default 600 s). */
  lockTimeoutSeconds?: number;
}

export interface FileReport {
  source: string;
  file: string;
  present: boolean;
  dataRows: number;
  acceptedRows: number;
  rejectedRows: number;
  /** Rows the mapping's scope left out; not rejected and not in the rejected share. */
  outOfScopeRows: number;
  /** rejectedRows ÷ the rows in scope (0 for an empty or absent file). */
  rejectedShare: number;
  ignoredColumns: string[];
  encoding?: string;
  delimiter?: string;
}

/** A source whose rejected share is over settings.max_rejected_share. */
export interface RejectedShareRefusal {
  source: string;
  file: string;
  rejectedRows: number;
  rowsInScope: number;
  share: number;
  /** The most frequent reasons in this source's file. */
  topReasons: { reason: string; rows: number }[];
}

export interface IngestReport {
  exitCode: 0 | 1;
  /** How the load ended: loaded, loaded_accepting_rejects, refused_rejected_share, refused_strict. */
  status: string;
  maxRejectedShare: number;
  /** Sources over max_rejected_share (refused, or loaded with --accept-rejects). */
  overRejectedShare: RejectedShareRefusal[];
  /** Data rows, rejected rows and out-of-scope rows of the input counted once per file and line. */
  totals: { dataRows: number; rejectedRows: number; outOfScopeRows: number };
  loadId: string;
  files: FileReport[];
  missingFiles: string[];
  unknownFiles: string[];
  rejectedByReason: { file: string; source: string; column: string | null; reason: string; rows: number }[];
  /** The first rejected rows, in file and line order, to show where to look. */
  rejectedExamples: {
    file: string;
    source: string;
    line: number;
    column: string | null;
    value: string | null;
    reason: string;
  }[];
  orphans: { file: string; column: string; references: string; values: number; rows: number }[];
  /** Job-history and pay rows dated outside every employment of their employee. */
  outsideEmployment: { file: string; position: string; treatment: string; rows: number }[];
  unmapped: { source: string; column: string; value: string; rows: number }[];
  timings: Record<string, number>;
}

interface PreparedSource {
  entry: SourceFile;
  path: string;
  readPath: string;
  dialect: Dialect;
  header: HeaderColumn[];
  sha256: string;
  /** A mix of line endings or a stray CR: read from a normalised copy. */
  irregularLineEndings: boolean;
}

/** UTF-16 and binary files are refused with what they are, before any CSV parser sees them. */
function refuseNonText(scan: FileScan): void {
  if (scan.utf16)
    throw new Error(
      `the file is ${scan.utf16} text; only UTF-8 and Windows-1252 are read (save it as "CSV UTF-8")`,
    );
  // A NUL in valid UTF-8 text is a (strange) character DuckDB loads; with invalid bytes it is binary.
  if (scan.firstNulLine !== undefined && !scan.isUtf8)
    throw new Error(
      `NUL bytes on line ${scan.firstNulLine}: a binary file, not a CSV text export (was another file renamed .csv?)`,
    );
}

/** Sniffs and checks every present file before anything is loaded, so a bad header fails fast. */
function prepareSources(sources: SourceFile[], mapping: Mapping): PreparedSource[] {
  const prepared: PreparedSource[] = [];
  for (const entry of sources) {
    if (!entry.path) continue;
    const m = mapping.sources[entry.source.name] ?? EMPTY_SOURCE_MAPPING;
    let dialect: Dialect;
    let scan;
    try {
      scan = scanFile(entry.path);
      refuseNonText(scan);
      dialect = sniffDialect(entry.path, {
        isUtf8: scan.isMostlyUtf8,
        delimiter: m.delimiter,
        encoding: m.encoding,
        decimalSeparator: m.decimal_separator,
      });
    } catch (e) {
      throw new UnusableInputError(`${entry.file}: ${(e as Error).message}`);
    }
    dialect.longestLineBytes = scan.longestLineBytes;
    // mixed line endings are read from a normalised copy, whose breaks are not these
    if (scan.lineEndings !== "irregular") dialect.lineBreaks = scan.lineBreaks;
    const header = matchHeader(entry.source, dialect.header, m, entry.file);
    prepared.push({
      entry,
      path: entry.path,
      readPath: entry.path,
      dialect,
      header,
      sha256: scan.sha256,
      irregularLineEndings: scan.lineEndings === "irregular",
    });
  }
  return prepared;
}

function loadIdOf(
  checksums: Map<string, string>,
  settings: Settings,
  mapping: Mapping,
  reference: string,
): string {
  const h = createHash("sha256");
  for (const [file, sum] of [...checksums].sort()) h.update(`${file}\0${sum}\n`);
  h.update(JSON.stringify(settings));
  h.update(JSON.stringify(mapping));
  h.update(reference);
  return h.digest("hex").slice(0, 16);
}

const rows = (n: number) => `${n.toLocaleString("en-US")} row${n === 1 ? "" : "s"}`;

function loaderOf(source: SourceContract) {
  const loader = LOADERS.find((l) => l.source === source);
  if (!loader) throw new Error(`no loader in loaders/ for ${source.file}`);
  return loader;
}

async function createEmptyRaw(conn: DuckDBConnection, source: SourceContract): Promise<void> {
  const compiled = compileSource(source, [], EMPTY_SOURCE_MAPPING);
  await conn.run(`create or replace table raw.${id(source.name)} as
    select ${compiled.loadSelect.join(", ")}, cast(null as varchar) as _source_file,
      cast(null as bigint) as _source_line, cast(null as varchar) as _load_id
    from (select 1) where false`);
}

/**
 * The mapping's regular expressions as DuckDB will run them (RE2: no look-ahead or back-references,
 * unlike JavaScript): one it refuses makes the mapping unusable, named before any row is read.
 */
async function checkMappingPatterns(conn: DuckDBConnection, mapping: Mapping, file: string): Promise<void> {
  for (const { key, pattern } of mappingPatterns(mapping)) {
    try {
      await conn.run("select regexp_matches('', $pattern, 'i')", { pattern });
    } catch (e) {
      const reason = (e as Error).message.split("\n")[0];
      throw new UnusableInputError(
        `${file}: ${key}: '${pattern}' is not a regular expression DuckDB can run (${reason})`,
      );
    }
  }
}

async function recordOrphans(conn: DuckDBConnection, loadId: string, present: Set<string>): Promise<void> {
  for (const s of SOURCES as readonly SourceContract[]) {
    if (!present.has(s.name)) continue;
    for (const ref of s.references) {
      // Without the referenced file there is nothing to check against (e.g. no organizations.csv).
      if (!present.has(ref.source)) continue;
      await conn.run(`insert into meta.orphans
        select ${str(loadId)}, ${str(s.file)}, ${str(ref.column)}, ${str(ref.source)}, r.${id(ref.column)}, count(*)
        from raw.${id(s.name)} r
        where r.${id(ref.column)} is not null
          and not exists (select 1 from raw.${id(ref.source)} p where p.${id(ref.sourceColumn)} = r.${id(ref.column)})
        group by r.${id(ref.column)}`);
    }
  }
}

async function writeSettings(conn: DuckDBConnection, settings: Settings): Promise<void> {
  await runWithNamedValues(
    conn,
    `create or replace table meta.settings as select
    cast($as_of as date) as as_of,
    cast($history_start as date) as history_start,
    cast($productive_hours_per_fte as double) as productive_hours_per_fte,
    cast($benefits_load as double) as benefits_load,
    cast($replacement_cost_factor as double) as replacement_cost_factor,
    cast($expiring_window_days as integer) as expiring_window_days,
    cast($audience as varchar) as audience,
    cast($min_cell_public as integer) as min_cell_public,
    cast($min_pay_group as integer) as min_pay_group,
    cast($min_orgs_benchmark as integer) as min_orgs_benchmark,
    cast($max_org_share_benchmark as double) as max_org_share_benchmark,
    cast($forecast_quarters as integer) as forecast_quarters,
    cast($max_rejected_share as double) as max_rejected_share,
    cast($retirement_age as integer) as retirement_age,
    cast($survey_pay_bin_usd as integer) as survey_pay_bin_usd,
    cast($survey_min_pay_group as integer) as survey_min_pay_group,
    cast($survey_min_pay_bin as integer) as survey_min_pay_bin,
    cast($survey_min_data_age_months as integer) as survey_min_data_age_months,
    cast($survey_publish_contributor_names as boolean) as survey_publish_contributor_names,
    cast($min_pay_quartile_group as integer) as min_pay_quartile_group,
    cast($pay_rounding_usd as double) as pay_rounding_usd,
    cast($min_benchmark_age_months as integer) as min_benchmark_age_months,
    cast($far_below_market_ratio as double) as far_below_market_ratio,
    cast($near_retirement_years as integer) as near_retirement_years,
    cast($vendor_hours_min_share as double) as vendor_hours_min_share,
    cast($vendor_takeover_share as double) as vendor_takeover_share,
    cast($wage_growth_rate as double) as wage_growth_rate,
    cast($hires_training_cost_usd as double) as hires_training_cost_usd`,
    {
      ...settings,
      as_of: settings.as_of ?? null,
      history_start: settings.history_start ?? null,
      hires_training_cost_usd: settings.hires_training_cost_usd ?? null,
    },
  );
}

/** Binds only the $names the SQL uses: settings read by ingest alone (bounds) need no column. */
async function runWithNamedValues(
  conn: DuckDBConnection,
  sql: string,
  values: Record<string, unknown>,
): Promise<void> {
  const used = new Set([...sql.matchAll(/\$([a-z_][a-z0-9_]*)/g)].map((m) => m[1]!));
  await conn.run(
    sql,
    Object.fromEntries(Object.entries(values).filter(([k]) => used.has(k))) as Parameters<
      DuckDBConnection["run"]
    >[1],
  );
}

async function copyLoadHistory(conn: DuckDBConnection, previous: string | undefined): Promise<number> {
  if (!previous || !existsSync(previous)) return 1;
  try {
    await conn.run(`attach ${str(previous)} as previous (read_only)`);
    await conn.run(`insert into meta.load_runs select * from previous.meta.load_runs`);
    const next = (
      await conn.runAndReadAll(`select coalesce(max(run_id), 0) + 1 as n from meta.load_runs`)
    ).getRowObjectsJS()[0]!.n as number;
    await conn.run(`detach previous`);
    return Number(next);
  } catch {
    // An older or damaged warehouse loses its history, not the new load.
    await conn.run(`detach database if exists previous`);
    await conn.run(`delete from meta.load_runs`);
    return 1;
  }
}

/**
 * Runs one ingest holding the warehouse's lock. Failures of the machine (full or read-only disk,
 * full TMPDIR, memory) come out as EnvironmentError; the previous warehouse is intact after any
 * failure because only a complete build is renamed over it.
 */
export async function ingest(options: IngestOptions): Promise<IngestReport> {
  let lock: WarehouseLock | undefined;
  try {
    if (options.dbPath && !options.checkOnly)
      lock = await acquireWarehouseLock(path.resolve(options.dbPath), {
        timeoutSeconds: options.lockTimeoutSeconds ?? 600,
        onWait: (m) => {
          if (!options.quiet) process.stderr.write(`${m}\n`);
        },
      });
    return await ingestLocked(options);
  } catch (e) {
    // An input file we may not read is the input's problem (exit 2), not the machine's.
    if (e instanceof UnusableInputError) throw e;
    throw asEnvironmentError(e) ?? e;
  } finally {
    lock?.release();
  }
}

async function ingestLocked(options: IngestOptions): Promise<IngestReport> {
  const progress = options.progress ?? createProgress({ quiet: options.quiet });
  const timings: Record<string, number> = {};
  const started = new Date();
  const t0 = performance.now();
  const inputDir = path.resolve(options.inputDir);

  let mapping: Mapping;
  let settings: Settings;
  try {
    mapping = readMapping(path.join(inputDir, "mapping.json"));
    settings = readSettings(path.join(inputDir, "settings.json"));
  } catch (e) {
    throw new UnusableInputError((e as Error).message);
  }
  let discovery;
  try {
    discovery = discoverSources(inputDir, mapping);
  } catch (e) {
    throw new UnusableInputError((e as Error).message);
  }
  for (const required of REQUIRED_SOURCES) {
    const s = discovery.sources.find((x) => x.source.name === required)!;
    if (!s.path) throw new UnusableInputError(`${path.join(inputDir, s.file)}: required file not found`);
  }
  const tRead = performance.now();
  const prepared = await progress.step("reading inputs", async () =>
    prepareSources(discovery.sources, mapping),
  );
  const present = new Set(prepared.map((p) => p.entry.source.name));
  const missingFiles = discovery.sources.filter((s) => !s.path).map((s) => s.file);

  const checksums = new Map(prepared.map((p) => [p.entry.file, p.sha256] as const));
  // The load id is derived from the inputs, so loading the same input twice gives the same warehouse.
  const loadId = loadIdOf(checksums, settings, mapping, referenceDigest());

  const scratch = createScratchDirectory();
  const dbPath = options.dbPath ? path.resolve(options.dbPath) : undefined;
  let buildPath: string;
  if (options.checkOnly || !dbPath) buildPath = path.join(scratch, "check.duckdb");
  else {
    removeAbandonedBuilds(dbPath);
    buildPath = temporaryWarehousePath(dbPath);
    discardBuild(buildPath);
  }

  let instance: DuckDBInstance | undefined;
  let conn: DuckDBConnection | undefined;
  try {
    instance = await DuckDBInstance.create(buildPath);
    conn = await instance.connect();
    await runSqlFile(conn, META_TABLES_SQL);
    await checkMappingPatterns(conn, mapping, path.join(inputDir, "mapping.json"));
    const runId = options.checkOnly ? 1 : await copyLoadHistory(conn, dbPath);
    await writeSettings(conn, settings);
    timings.read_seconds = (performance.now() - tRead) / 1000;
    const tReference = performance.now();
    await loadReferenceData(conn);
    timings.reference_seconds = (performance.now() - tReference) / 1000;

    const plausibility = plausibilityBounds(settings);
    const results = new Map<string, SourceLoadResult>();
    const tLoad = performance.now();
    for (const p of prepared) {
      const fromWindows1252 = p.dialect.encoding === "windows-1252";
      if (fromWindows1252 || p.irregularLineEndings) {
        p.readPath = path.join(scratch, `${p.entry.source.name}.utf8.csv`);
        await progress.step(
          `converting ${p.entry.file}${fromWindows1252 ? " from Windows-1252" : ""}${p.irregularLineEndings ? " (mixed line endings)" : ""}`,
          () =>
            rewriteForReader(p.path, p.readPath, {
              fromWindows1252,
              normaliseLineEndings: p.irregularLineEndings,
            }),
        );
      }
      const mb = (p.dialect.bytes / 1e6).toFixed(1);
      const result = await progress.step(
        `loading ${p.entry.file} (${mb} MB)`,
        () =>
          loaderOf(p.entry.source).load(conn!, {
            readPath: p.readPath,
            sourceFile: p.entry.file,
            dialect: p.dialect,
            header: p.header,
            mapping: mapping.sources[p.entry.source.name] ?? EMPTY_SOURCE_MAPPING,
            loadId,
            plausibility,
          }),
        (r) =>
          `${p.entry.file}: ${rows(r.acceptedRows)} loaded` +
          (r.rejectedRows ? `, ${r.rejectedRows.toLocaleString("en-US")} rejected` : ""),
      );
      results.set(p.entry.source.name, result);
    }
    for (const s of discovery.sources) if (!s.path) await createEmptyRaw(conn, s.source);
    timings.load_seconds = (performance.now() - tLoad) / 1000;

    const tOrphans = performance.now();
    await recordOrphans(conn, loadId, present);
    timings.orphans_seconds = (performance.now() - tOrphans) / 1000;
    const files: FileReport[] = discovery.sources.map((s) => {
      const r = results.get(s.source.name);
      const p = prepared.find((x) => x.entry === s);
      return {
        source: s.source.name,
        file: s.file,
        present: Boolean(s.path),
        dataRows: r?.dataRows ?? 0,
        acceptedRows: r?.acceptedRows ?? 0,
        rejectedRows: r?.rejectedRows ?? 0,
        outOfScopeRows: r?.outOfScopeRows ?? 0,
        rejectedShare:
          r && r.dataRows - r.outOfScopeRows > 0 ? r.rejectedRows / (r.dataRows - r.outOfScopeRows) : 0,
        ignoredColumns: r?.ignoredColumns ?? [],
        encoding: p ? `${p.dialect.encoding}${p.dialect.hasBom ? " (BOM)" : ""}` : undefined,
        delimiter: p?.dialect.delimiter,
      };
    });
    const appender = await conn.createAppender("source_files", "meta");
    for (const f of files) {
      const p = prepared.find((x) => x.entry.source.name === f.source);
      appender.appendVarchar(loadId);
      appender.appendVarchar(f.source);
      appender.appendVarchar(f.file);
      appender.appendBoolean(f.present);
      for (const v of [f.encoding, f.delimiter])
        v === undefined ? appender.appendNull() : appender.appendVarchar(v);
      p ? appender.appendBigInt(BigInt(p.dialect.bytes)) : appender.appendNull();
      const sum = checksums.get(f.file);
      sum && f.present ? appender.appendVarchar(sum) : appender.appendNull();
      appender.appendBigInt(BigInt(f.dataRows));
      appender.appendBigInt(BigInt(f.acceptedRows));
      appender.appendBigInt(BigInt(f.rejectedRows));
      f.ignoredColumns.length ? appender.appendList(f.ignoredColumns, LIST(VARCHAR)) : appender.appendNull();
      appender.appendBigInt(BigInt(f.outOfScopeRows));
      appender.endRow();
    }
    appender.closeSync();

    const overRejectedShare = await sourcesOverRejectedShare(conn, files, settings.max_rejected_share);
    const refused = overRejectedShare.length > 0 && !options.acceptRejects;
    if (!options.checkOnly && !refused) {
      const tCore = performance.now();
      const steps = await progress.step("building core and marts", () => buildCoreAndMarts(conn!));
      timings.transform_seconds = (performance.now() - tCore) / 1000;
      // The slow tables by name (transform_<schema>.<table>_seconds); the rest add up to little.
      for (const [table, s] of Object.entries(steps))
        if (s >= 0.2) timings[`transform_${table}_seconds`] = Math.round(s * 100) / 100;
    }

    const totals = await inputTotals(conn, files);
    const rejectedTotal = totals.rejectedRows;
    // --strict asks for no rejected row at all, so it is the more specific refusal
    const status =
      options.strict && rejectedTotal > 0
        ? "refused_strict"
        : refused
          ? "refused_rejected_share"
          : overRejectedShare.length
            ? "loaded_accepting_rejects"
            : "loaded";
    const exitCode: 0 | 1 = status.startsWith("refused") ? 1 : 0;
    timings.total_seconds = (performance.now() - t0) / 1000;
    await conn.run(
      `insert into meta.load_runs values ($run_id, $load_id, $started, current_timestamp::timestamp, $status, $input_dir, $files::json, $counts::json, $timings::json)`,
      {
        run_id: runId,
        load_id: loadId,
        started: started.toISOString().replace("T", " ").replace("Z", ""),
        status,
        input_dir: inputDir,
        files: JSON.stringify(files.map((f) => ({ ...f, checksum_sha256: checksums.get(f.file) ?? null }))),
        // one file feeding several sources counts once: rows and rejected lines are per file
        counts: JSON.stringify({
          data_rows: totals.dataRows,
          rejected_rows: rejectedTotal,
          out_of_scope_rows: totals.outOfScopeRows,
          max_rejected_share: settings.max_rejected_share,
          sources: Object.fromEntries(
            files
              .filter((f) => f.present)
              .map((f) => [
                f.source,
                {
                  data_rows: f.dataRows,
                  accepted_rows: f.acceptedRows,
                  rejected_rows: f.rejectedRows,
                  out_of_scope_rows: f.outOfScopeRows,
                  rejected_share: f.rejectedShare,
                },
              ]),
          ),
        }),
        timings: JSON.stringify(timings),
      },
    );

    const report = await readReport(conn, {
      exitCode,
      status,
      maxRejectedShare: settings.max_rejected_share,
      overRejectedShare,
      totals,
      loadId: loadId,
      files,
      missingFiles,
      unknownFiles: discovery.unknownFiles,
      timings,
    });
    await conn.run("checkpoint");
    conn.closeSync();
    conn = undefined;
    instance.closeSync();
    instance = undefined;
    // A refused load (--strict with rejected rows, or a rejected share over the limit) leaves the
    // previous warehouse in place.
    if (!options.checkOnly && dbPath && exitCode === 0) {
      replaceWarehouse(buildPath, dbPath);
      // The site reads warehousePath(); a load into another file cannot make it stale.
      if (dbPath === warehousePath()) invalidateSiteCache();
    }
    return report;
  } finally {
    conn?.closeSync();
    instance?.closeSync();
    if (!options.checkOnly && dbPath && existsSync(buildPath)) discardBuild(buildPath);
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function readReport(
  conn: DuckDBConnection,
  base: Omit<
    IngestReport,
    "rejectedByReason" | "rejectedExamples" | "orphans" | "unmapped" | "outsideEmployment"
  >,
): Promise<IngestReport> {
  const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS();
  const rejectedByReason = (
    await rows(`select source_file as file, source, column_name as column, rule as reason, count(distinct line) as rows
      from meta.rejected_rows group by all order by rows desc, file, source, reason`)
  ).map((r) => ({ ...r, rows: Number(r.rows) })) as IngestReport["rejectedByReason"];
  const orphans = (
    await rows(`select source_file as file, column_name as column, references_source as references,
      count(*) as values, sum(rows) as rows from meta.orphans group by all order by rows desc`)
  ).map((r) => ({ ...r, values: Number(r.values), rows: Number(r.rows) })) as IngestReport["orphans"];
  let unmapped: IngestReport["unmapped"] = [];
  try {
    unmapped = (
      await rows(
        `select source, column_name as column, value, rows from meta.unmapped_values order by rows desc`,
      )
    ).map((r) => ({ ...r, rows: Number(r.rows) })) as IngestReport["unmapped"];
  } catch {
    // meta.unmapped_values is built with core; `check` does not build it.
  }
  const rejectedExamples = (
    await rows(`select source_file as file, source, line, column_name as column, value, reason
      from meta.rejected_rows order by source_file, line, source, column_name limit 10`)
  ).map((r) => ({ ...r, line: Number(r.line) })) as IngestReport["rejectedExamples"];
  let outsideEmployment: IngestReport["outsideEmployment"] = [];
  try {
    outsideEmployment = (
      await rows(`select source_file as file, position, treatment, count(*) as rows
        from meta.rows_outside_employment group by all order by file, position`)
    ).map((r) => ({ ...r, rows: Number(r.rows) })) as IngestReport["outsideEmployment"];
  } catch {
    // built with core; `check` and refused loads do not build it.
  }
  return { ...base, rejectedByReason, rejectedExamples, orphans, unmapped, outsideEmployment };
}

/** Each present source's rejected share, and the sources over the limit with their top reasons. */
async function sourcesOverRejectedShare(
  conn: DuckDBConnection,
  files: FileReport[],
  maxShare: number,
): Promise<RejectedShareRefusal[]> {
  const over: RejectedShareRefusal[] = [];
  for (const f of files) {
    if (!f.present || f.rejectedShare <= maxShare) continue;
    const reasons = (
      await conn.runAndReadAll(
        `select rule as reason, count(distinct line) as rows from meta.rejected_rows
         where source_file = $file and source = $source group by all order by rows desc, reason limit 3`,
        { file: f.file, source: f.source },
      )
    ).getRowObjectsJS() as { reason: string; rows: bigint }[];
    over.push({
      source: f.source,
      file: f.file,
      rejectedRows: f.rejectedRows,
      rowsInScope: f.dataRows - f.outOfScopeRows,
      share: f.rejectedShare,
      topReasons: reasons.map((r) => ({ reason: r.reason, rows: Number(r.rows) })),
    });
  }
  return over;
}

/** The input's size counted once per file: a file feeding three sources is one file's rows. */
async function inputTotals(conn: DuckDBConnection, files: FileReport[]): Promise<IngestReport["totals"]> {
  const byFile = new Map<string, FileReport[]>();
  for (const f of files.filter((x) => x.present)) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const rejected = (
    await conn.runAndReadAll(
      `select count(*) as n from (select distinct source_file, line from meta.rejected_rows)`,
    )
  ).getRowObjectsJS()[0] as { n: bigint };
  let dataRows = 0;
  let outOfScopeRows = 0;
  for (const group of byFile.values()) {
    dataRows += Math.max(...group.map((f) => f.dataRows));
    // a row is out of scope of the file when every source reading it left it out
    outOfScopeRows += Math.min(...group.map((f) => f.outOfScopeRows));
  }
  return { dataRows, rejectedRows: Number(rejected.n), outOfScopeRows };
}
