/**
 * A load is atomic and idempotent (docs/input.md): a killed ingest leaves the previous warehouse
 * intact and readable; loading the same input twice gives the same warehouse.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../loaders/ingest.ts";
import { BIN } from "./support/cli.ts";
import { queryWarehouse } from "./support/duckdb.ts";
import { writeGeneratedInput } from "./support/generated-input.ts";

/** Order-independent fingerprint of every table a load produces. */
async function fingerprint(dbPath: string): Promise<Record<string, string>> {
  const tables = (await queryWarehouse(
    dbPath,
    `select table_schema || '.' || table_name as t from information_schema.tables
     where table_schema in ('raw', 'core', 'marts', 'taxonomy', 'reference')
        or (table_schema = 'meta' and table_name in ('rejected_rows', 'orphans', 'unmapped_values', 'source_files', 'settings', 'as_of'))
     order by 1`,
  )) as { t: string }[];
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const [r] = await queryWarehouse(
      dbPath,
      `select count(*)::varchar || ':' || coalesce(sum(hash(x))::varchar, '') as f from ${t} x`,
    );
    out[t] = String(r!.f);
  }
  return out;
}

/** Starts an ingest and SIGKILLs it when stderr shows the given step has begun. */
function killDuring(
  step: RegExp,
  inputDir: string,
  dbPath: string,
): Promise<{ killed: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, "ingest", "--input", inputDir, "--db", dbPath]);
    let stderr = "";
    let killed = false;
    child.stderr.on("data", (d) => {
      stderr += d;
      if (!killed && step.test(stderr)) {
        killed = true;
        // Let the step get under way before pulling the plug.
        setTimeout(() => child.kill("SIGKILL"), 150);
      }
    });
    child.on("close", () => resolve({ killed, stderr }));
  });
}

describe("atomic, idempotent ingest", () => {
  let inputDir: string;
  let dbPath: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    inputDir = await writeGeneratedInput({ employees: 600, workOrders: 200_000 });
    dbPath = path.join(inputDir, "warehouse.duckdb");
    await ingest({ inputDir, dbPath, quiet: true });
    before = await fingerprint(dbPath);
  }, 180_000);

  it("loading the same input twice gives the same warehouse", async () => {
    const second = path.join(inputDir, "second.duckdb");
    await ingest({ inputDir, dbPath: second, quiet: true });
    expect(await fingerprint(second)).toEqual(before);
    rmSync(second);
  }, 180_000);

  for (const [name, step] of [
    ["while reading and checksumming inputs", /… reading inputs/],
    ["while loading work orders", /… loading work_orders\.csv/],
    ["while building core and marts", /… building core and marts/],
  ] as const) {
    it(`SIGKILL ${name} leaves the previous warehouse intact`, async () => {
      const { killed } = await killDuring(step, inputDir, dbPath);
      expect(killed).toBe(true);
      expect(await fingerprint(dbPath)).toEqual(before);
    }, 180_000);
  }

  it("the next ingest clears what a killed one left behind", async () => {
    await ingest({ inputDir, dbPath, quiet: true });
    const leftovers = readdirSync(inputDir).filter((f) => f.startsWith("warehouse.duckdb."));
    expect(leftovers).toEqual([]);
    expect(existsSync(dbPath)).toBe(true);
    const runs = await queryWarehouse(
      dbPath,
      "select count(*)::integer n, count(distinct load_id)::integer ids from meta.load_runs",
    );
    // Two completed loads of the same input: two runs in the history, one load id.
    expect(runs).toEqual([{ n: 2, ids: 1 }]);
  }, 180_000);
});
