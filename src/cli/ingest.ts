import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { ingest, UnusableInputError, type IngestReport } from "../../loaders/ingest.ts";
import { visible } from "../../loaders/header.ts";
import { ENVIRONMENT_EXIT_CODE } from "../../loaders/environment-error.ts";
import { DEFAULT_INPUT_DIR, warehousePath } from "../warehouse/paths.ts";
import { parseCommandArgs } from "./args.ts";

const HELP = `usage: htm-workforce ingest [--input DIR] [--db FILE] [--strict] [--accept-rejects]

Validates every CSV in the input folder against the contract (docs/data-dictionary.md), loads it
into a new DuckDB warehouse, rebuilds core and marts, and swaps the new warehouse in atomically.

  --input DIR   input folder (default data/input)
  --db FILE     warehouse file (default $HTM_WAREHOUSE or data/warehouse.duckdb)
  --strict      exit 1 and keep the previous warehouse when any row is rejected
  --accept-rejects
                load even when a source rejects more than max_rejected_share of its rows
                (settings.json, default 0.05); the site then says so on its overview and
                data-quality pages

Exit codes: 0 loaded (rejected rows are reported, not fatal); 1 refused: a source rejected more
than max_rejected_share of its rows, or --strict and rows were rejected (the previous warehouse
is kept); 2 unusable input (missing required file or column, unreadable file, a mapping.json key
that matches nothing, unknown option); 3 the environment failed (disk full or read-only, TMPDIR
full, out of memory, another ingest holding the warehouse for over 10 minutes): the previous
warehouse is intact; 70 an internal error (a bug in htm-workforce; HTM_DEBUG=1 prints its stack).`;

const n = (x: number) => x.toLocaleString("en-US");
const rejectedText = (x: number) => (x === 1 ? "1 row was rejected" : `${n(x)} rows were rejected`);
const percent = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;

/** What a refused or accepted-over-the-limit load says about the sources over max_rejected_share. */
export function rejectedShareLines(report: IngestReport): string[] {
  const out: string[] = [];
  for (const o of report.overRejectedShare) {
    out.push(
      `${o.file} (${o.source}): ${n(o.rejectedRows)} of ${n(o.rowsInScope)} rows rejected (${percent(o.share)}, more than max_rejected_share ${percent(report.maxRejectedShare)}); top reasons:`,
    );
    for (const r of o.topReasons) out.push(`  ${n(r.rows).padStart(7)}  ${r.reason}`);
  }
  return out;
}

export function printReport(report: IngestReport, heading: string): void {
  const out: string[] = [heading, ""];
  const width = Math.max(...report.files.map((f) => f.file.length));
  const scoped = report.files.some((f) => f.outOfScopeRows > 0);
  // a file feeding several sources: say which source a rejected row was read for
  const sharedFile = (file: string) => report.files.filter((f) => f.present && f.file === file).length > 1;
  out.push(
    `${"source".padEnd(15)}${"file".padEnd(width)}  ${"rows".padStart(10)}  ${"loaded".padStart(10)}  ${"rejected".padStart(8)}` +
      (scoped ? `  ${"out of scope".padStart(12)}` : ""),
  );
  for (const f of report.files) {
    if (!f.present) continue;
    out.push(
      `${f.source.padEnd(15)}${f.file.padEnd(width)}  ${n(f.dataRows).padStart(10)}  ${n(f.acceptedRows).padStart(10)}  ${n(f.rejectedRows).padStart(8)}` +
        (scoped ? `  ${n(f.outOfScopeRows).padStart(12)}` : "") +
        (f.encoding && f.encoding !== "utf-8" ? `  (${f.encoding})` : ""),
    );
    if (f.ignoredColumns.length)
      out.push(
        `  ignored columns not in the contract: ${f.ignoredColumns.map((c) => (c.trim() ? visible(c) : "(a column with no header)")).join(", ")}`,
      );
  }
  if (report.missingFiles.length)
    out.push(
      "",
      `not supplied (optional; the reports that need them say so): ${report.missingFiles.join(", ")}`,
    );
  if (report.unknownFiles.length)
    out.push(
      "",
      `ignored files that match no source (rename or map them in mapping.json): ${report.unknownFiles.join(", ")}`,
    );
  if (report.rejectedByReason.length) {
    out.push("", "rejected rows by reason (details in meta.rejected_rows):");
    for (const r of report.rejectedByReason.slice(0, 20))
      out.push(
        `  ${n(r.rows).padStart(7)}  ${r.file}${sharedFile(r.file) ? ` (${r.source})` : ""}: ${r.reason}`,
      );
    if (report.rejectedByReason.length > 20)
      out.push(`  … ${report.rejectedByReason.length - 20} more reasons`);
    out.push("", "first rejected rows (file, line, column, value):");
    for (const e of report.rejectedExamples) {
      const value =
        e.value === null ? "" : ` '${e.value.length > 60 ? `${e.value.slice(0, 57)}...` : e.value}'`;
      out.push(
        `  ${e.file} line ${e.line}${sharedFile(e.file) ? ` (${e.source})` : ""}${e.column ? `, ${e.column}` : ""}${value}: ${e.reason}`,
      );
    }
  }
  if (scoped)
    out.push(
      "",
      "out of scope: rows the mapping's scope left out (another department); neither loaded nor rejected, not in the rejected share",
    );
  if (report.outsideEmployment.length) {
    out.push(
      "",
      "job-history and pay rows dated outside every employment of their employee (meta.rows_outside_employment):",
    );
    for (const o of report.outsideEmployment)
      out.push(`  ${n(o.rows).padStart(7)}  ${o.file}: ${o.position.replace(/_/g, " ")}; ${o.treatment}`);
  }
  if (report.orphans.length) {
    out.push("", "references to rows that do not exist (kept, listed in meta.orphans):");
    for (const o of report.orphans)
      out.push(
        `  ${n(o.rows).padStart(7)}  ${o.file}: ${o.column} → ${o.references} (${n(o.values)} distinct values)`,
      );
  }
  if (report.unmapped.length) {
    const rows = report.unmapped.reduce((a, u) => a + u.rows, 0);
    out.push(
      "",
      `${n(report.unmapped.length)} raw values match no taxonomy rule (${n(rows)} rows, mapped to 'unmapped'):`,
    );
    for (const u of report.unmapped.slice(0, 10))
      out.push(`  ${n(u.rows).padStart(7)}  ${u.source}.${u.column}: ${u.value}`);
    if (report.unmapped.length > 10) out.push(`  … see meta.unmapped_values or the data-quality page`);
  }
  console.log(out.join("\n"));
}

/** The first line of the summary: loaded, loaded over the limit, or refused and why. */
export function headingOf(report: IngestReport, keptText: string, loadedText: string): string {
  switch (report.status) {
    case "refused_rejected_share":
      return [
        `Refused: a source rejected more than max_rejected_share (${percent(report.maxRejectedShare)}) of its rows; ${keptText}.`,
        ...rejectedShareLines(report),
        "Fix the mapping or the export (details below), raise max_rejected_share in settings.json, or load anyway with --accept-rejects (the site then says so).",
      ].join("\n");
    case "refused_strict":
      return `--strict: ${rejectedText(report.totals.rejectedRows)}; ${keptText}.`;
    case "loaded_accepting_rejects":
      return [
        `${loadedText} with --accept-rejects (load ${report.loadId}); the site says so on its overview and data-quality pages.`,
        ...rejectedShareLines(report),
      ].join("\n");
    default:
      return `${loadedText} (load ${report.loadId}, ${report.timings.total_seconds?.toFixed(1)} s).`;
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    options: {
      input: { type: "string" },
      db: { type: "string" },
      strict: { type: "boolean", default: false },
      "accept-rejects": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  return ingestAndReport({
    inputDir: values.input ?? DEFAULT_INPUT_DIR,
    dbPath: values.db,
    strict: values.strict,
    acceptRejects: values["accept-rejects"],
  });
}

/**
 * Ingests and prints the summary; the exit code (0 loaded, 1 refused: rejected share or --strict,
 * 2 unusable input, 3 the environment failed). `start` calls it too, without going through this command's arguments.
 */
export async function ingestAndReport(options: {
  inputDir: string;
  dbPath?: string;
  strict?: boolean;
  acceptRejects?: boolean;
}): Promise<number> {
  const dbPath = warehousePath(options.dbPath);
  const folder = path.dirname(path.resolve(dbPath));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    // the machine's layout, not the input: exit 3 (environment), before any work
    console.error(
      `htm-workforce ingest: --db ${dbPath}: the folder ${folder} does not exist; create it or choose another --db`,
    );
    return ENVIRONMENT_EXIT_CODE;
  }
  try {
    const report = await ingest({
      inputDir: options.inputDir,
      dbPath,
      strict: options.strict,
      acceptRejects: options.acceptRejects,
    });
    const rel = path.relative(process.cwd(), dbPath) || dbPath;
    printReport(report, headingOf(report, `${rel} was left as it was`, `Loaded into ${rel}`));
    return report.exitCode;
  } catch (e) {
    if (e instanceof UnusableInputError) {
      console.error(`htm-workforce ingest: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
