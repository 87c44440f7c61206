/**
 * `htm-workforce actions`: the lists HR acts on, person by person, as CSV: staff paid below their
 * range minimum or far below market, certifications expiring soon, and single-incumbent roles whose
 * holder is near retirement. The lists are built at ingest (core.action_*); the site shows only their
 * counts (marts.action_counts). These files name people: internal only, never published.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance, quotedString as str } from "@duckdb/node-api";
import { UsageError } from "./usage-error.ts";
import { parseCommandArgs } from "./args.ts";
import { existingWarehouse, outputFolder } from "./command-paths.ts";

const HELP = `usage: htm-workforce actions [--db FILE] --out DIR

INTERNAL, PERSON-LEVEL: writes the lists HR acts on, one CSV each, naming employees. Keep them inside
your organisation; the site shows only how many people each list holds.
  pay_below_range_or_market.csv        staff paid below the range minimum of their pay row, or below
                                       far_below_market_ratio (settings.json, default 0.85) of their
                                       role's market figure aged to the as-of year
  certifications_expiring.csv          certifications expiring within expiring_window_days (default 90)
                                       after the as-of date, for staff in headcount then
  single_incumbent_near_retirement.csv roles one person holds whose age is within near_retirement_years
                                       (default 5) of retirement_age (default 65)
DIR is created if needed; the three files in it are replaced.
Exit codes: 0 written; 2 no warehouse, an unusable --out, or an unknown option.`;

/** The lists: file name and the core table that holds each. */
export const ACTION_LISTS = [
  { file: "pay_below_range_or_market.csv", table: "core.action_pay_below" },
  { file: "certifications_expiring.csv", table: "core.action_certifications_expiring" },
  { file: "single_incumbent_near_retirement.csv", table: "core.action_single_incumbents" },
] as const;

export interface WrittenList {
  file: string;
  rows: number;
}

/** Copies the three lists of the warehouse `dbPath` (opened read-only) into `outDir` as CSV. */
export async function writeActionLists(dbPath: string, outDir: string): Promise<WrittenList[]> {
  mkdirSync(outDir, { recursive: true });
  const instance = await DuckDBInstance.create(dbPath, { access_mode: "READ_ONLY" });
  const conn = await instance.connect();
  try {
    const written: WrittenList[] = [];
    for (const { file, table } of ACTION_LISTS) {
      const target = path.join(outDir, file);
      await conn.run(`copy (select * from ${table}) to ${str(target)} (format csv, header)`);
      const reader = await conn.runAndReadAll(`select count(*)::integer as n from ${table}`);
      written.push({ file, rows: Number(reader.getRowObjectsJS()[0]!.n) });
    }
    return written;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    options: {
      db: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.out) throw new UsageError("--out DIR is required");
  const dbPath = existingWarehouse("actions", values.db);
  if (dbPath === undefined) return 2;
  const out = outputFolder("actions", values.out);
  if (out === undefined) return 2;
  console.error(
    "htm-workforce actions: INTERNAL, PERSON-LEVEL lists: these files name employees and their pay. Keep them inside your organisation; never publish them.",
  );
  const written = await writeActionLists(dbPath, out);
  for (const w of written) console.log(`${w.file.padEnd(40)} ${String(w.rows).padStart(8)} rows`);
  console.log(`\nwrote ${written.length} internal person-level lists to ${values.out}`);
  return 0;
}
