import path from "node:path";
import { parseArgs } from "node:util";
import { ingest, UnusableInputError, type IngestReport } from "../ingest/ingest.ts";
import { DEFAULT_INPUT_DIR, warehousePath } from "../warehouse/paths.ts";

const HELP = `usage: htm-workforce ingest [--input DIR] [--db FILE] [--strict]

Validates every CSV in the input folder against the contract (docs/data-dictionary.md), loads it
into a new DuckDB warehouse, rebuilds core and marts, and swaps the new warehouse in atomically.

  --input DIR   input folder (default data/input)
  --db FILE     warehouse file (default $HTM_WAREHOUSE or data/warehouse.duckdb)
  --strict      exit 1 and keep the previous warehouse when any row is rejected

Exit codes: 0 loaded (rejected rows are reported, not fatal); 1 --strict and rows were rejected;
2 unusable input (missing required file or column, unreadable file, unknown option).`;

const n = (x: number) => x.toLocaleString("en-US");
const rejectedText = (x: number) => (x === 1 ? "1 row was rejected" : `${n(x)} rows were rejected`);

export function printReport(report: IngestReport, heading: string): void {
  const out: string[] = [heading, ""];
  const width = Math.max(...report.files.map((f) => f.file.length));
  out.push(
    `${"file".padEnd(width)}  ${"rows".padStart(10)}  ${"loaded".padStart(10)}  ${"rejected".padStart(8)}`,
  );
  for (const f of report.files) {
    if (!f.present) continue;
    out.push(
      `${f.file.padEnd(width)}  ${n(f.dataRows).padStart(10)}  ${n(f.acceptedRows).padStart(10)}  ${n(f.rejectedRows).padStart(8)}` +
        (f.encoding && f.encoding !== "utf-8" ? `  (${f.encoding})` : ""),
    );
    if (f.ignoredColumns.length)
      out.push(`  ignored columns not in the contract: ${f.ignoredColumns.join(", ")}`);
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
      out.push(`  ${n(r.rows).padStart(7)}  ${r.file}: ${r.reason}`);
    if (report.rejectedByReason.length > 20)
      out.push(`  … ${report.rejectedByReason.length - 20} more reasons`);
    out.push("", "first rejected rows (file, line, column, value):");
    for (const e of report.rejectedExamples) {
      const value =
        e.value === null ? "" : ` '${e.value.length > 60 ? `${e.value.slice(0, 57)}...` : e.value}'`;
      out.push(`  ${e.file} line ${e.line}${e.column ? `, ${e.column}` : ""}${value}: ${e.reason}`);
    }
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

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: "string" },
      db: { type: "string" },
      strict: { type: "boolean", default: false },
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
  });
}

/**
 * Ingests and prints the summary; the exit code (0, 1 under --strict with rejected rows, 2 unusable
 * input). `start` calls it too, without going through this command's arguments.
 */
export async function ingestAndReport(options: {
  inputDir: string;
  dbPath?: string;
  strict?: boolean;
}): Promise<number> {
  const dbPath = warehousePath(options.dbPath);
  try {
    const report = await ingest({ inputDir: options.inputDir, dbPath, strict: options.strict });
    const rel = path.relative(process.cwd(), dbPath) || dbPath;
    printReport(
      report,
      report.exitCode === 0
        ? `Loaded into ${rel} (load ${report.loadId}, ${report.timings.total_seconds?.toFixed(1)} s).`
        : `--strict: ${rejectedText(report.files.reduce((a, f) => a + f.rejectedRows, 0))}; ${rel} was left as it was.`,
    );
    return report.exitCode;
  } catch (e) {
    if (e instanceof UnusableInputError) {
      console.error(`htm-workforce ingest: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
