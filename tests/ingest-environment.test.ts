/**
 * The environment fails clearly (issue 10): a full disk, a read-only target folder and a full
 * TMPDIR exit 3 with one line, and the previous warehouse stays byte-for-byte intact. A lock
 * keeps two ingests into one warehouse from losing a load; leftovers of dead runs are removed,
 * those of live runs (other people's) are not.
 *
 * Full and read-only file systems are small tmpfs mounts, which need root; where mounting is not
 * allowed those cases are skipped (the read-only folder falls back to chmod for non-root users).
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest, EnvironmentError } from "../loaders/ingest.ts";
import { BIN, runCli, runCliAsync } from "./support/cli.ts";
import { queryWarehouse } from "./support/duckdb.ts";
import { writeGeneratedInput } from "./support/generated-input.ts";

const EMPLOYEES = "employee_id,hire_date,org_id\nT1,2015-01-01,\nT2,2016-01-01,\n";
const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const isRoot = process.getuid?.() === 0;

function folder(files: Record<string, string | Buffer>, parent = tmpdir()): string {
  const dir = mkdtempSync(path.join(parent, "htm-env-"));
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

const mounts: string[] = [];
function mountTmpfs(dir: string, size: string): boolean {
  if (!isRoot) return false;
  mkdirSync(dir, { recursive: true });
  const ok = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]).status === 0;
  if (ok) mounts.push(dir);
  return ok;
}
const canMount = (() => {
  if (!isRoot) return false;
  const probe = mkdtempSync(path.join(tmpdir(), "htm-mount-probe-"));
  const ok = mountTmpfs(probe, "64k");
  if (ok) spawnSync("umount", [probe]) && mounts.pop();
  return ok;
})();

/** A process that has exited: its pid belongs to no one (for stale locks and leftovers). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
  return Number(r.stdout.trim());
}

let input: string;
let warehouse: string;

beforeAll(async () => {
  input = folder({ "employees.csv": EMPLOYEES });
  warehouse = path.join(input, "w.duckdb");
  await ingest({ inputDir: input, dbPath: warehouse, quiet: true });
}, 120_000);

afterAll(() => {
  for (const dir of mounts.reverse()) spawnSync("umount", ["-l", dir]);
});

describe("environment failures exit 3 with one line and keep the previous warehouse", () => {
  it.skipIf(!canMount)("a full disk", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "htm-full-"));
    // Room for the previous warehouse and not much more: the new build cannot fit beside it.
    const size = Math.ceil(statSync(warehouse).size / 1024) + 512;
    expect(mountTmpfs(dir, `${size}k`)).toBe(true);
    const db = path.join(dir, "w.duckdb");
    copyFileSync(warehouse, db);
    const before = sha256(db);
    const r = runCli(["ingest", "--input", input, "--db", db]);
    expect(r.code).toBe(3);
    const message = r.stderr.trim().split("\n").pop()!;
    expect(message).toMatch(
      /^htm-workforce ingest: no space left on the device .*previous warehouse is intact/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(sha256(db)).toBe(before);
  });

  it("a read-only target folder", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "htm-readonly-"));
    const db = path.join(dir, "w.duckdb");
    if (canMount) {
      expect(mountTmpfs(dir, "32m")).toBe(true);
      copyFileSync(warehouse, db);
      expect(spawnSync("mount", ["-o", "remount,ro", dir]).status).toBe(0);
    } else {
      copyFileSync(warehouse, db);
      chmodSync(dir, 0o555);
    }
    // root ignores file modes: without a read-only mount there is nothing to test
    if (!canMount && isRoot) return;
    const before = sha256(db);
    const r = runCli(["ingest", "--input", input, "--db", db]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split("\n").pop()).toMatch(
      /^htm-workforce ingest: (the file system is read-only|permission denied) \(.*w\.duckdb.*\); nothing was changed/,
    );
    expect(sha256(db)).toBe(before);
    if (!canMount) chmodSync(dir, 0o755);
  });

  it.skipIf(!canMount)("a full TMPDIR", () => {
    const tmp = mkdtempSync(path.join(tmpdir(), "htm-fulltmp-"));
    expect(mountTmpfs(tmp, "64k")).toBe(true);
    // Windows-1252 is converted to UTF-8 in TMPDIR first: 400 KB cannot fit in 64 KB.
    const rows = Array.from({ length: 20_000 }, (_, i) => `E${i},2020-01-01,caf\xe9`).join("\n");
    const dir = folder({
      "employees.csv": Buffer.from(`employee_id,hire_date,education\n${rows}\n`, "latin1"),
    });
    const db = path.join(dir, "w.duckdb");
    copyFileSync(warehouse, db);
    const before = sha256(db);
    const r = runCli(["ingest", "--input", dir, "--db", db], { TMPDIR: tmp });
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split("\n").pop()).toMatch(/^htm-workforce ingest: no space left on the device/);
    expect(sha256(db)).toBe(before);
  });
});

describe("one ingest at a time per warehouse", () => {
  it("two concurrent ingests both load, one after the other; neither load is lost", async () => {
    // The first is big enough (300,000 work orders) to still hold the lock when the second starts.
    const a = await writeGeneratedInput({ employees: 600, workOrders: 300_000 });
    const b = folder({ "employees.csv": `${EMPLOYEES}T3,2017-01-01,\n` });
    const db = path.join(a, "shared.duckdb");
    // The second starts once the first has the lock (it takes it before reading its inputs).
    const first = spawn(process.execPath, [BIN, "ingest", "--input", a, "--db", db]);
    let firstErr = "";
    const firstDone = new Promise<number | null>((resolve) => first.on("close", resolve));
    await new Promise<void>((resolve) =>
      first.stderr.on("data", (d) => {
        firstErr += d;
        if (/… reading inputs/.test(firstErr)) resolve();
      }),
    );
    const rb = await runCliAsync(["ingest", "--input", b, "--db", db]);
    expect(await firstDone).toBe(0);
    expect(rb.code).toBe(0);
    expect(rb.stderr).toMatch(
      new RegExp(`is being loaded by process ${first.pid} .*waiting for it to finish`),
    );
    // Both loads are in the history; the warehouse holds the second, built after the first.
    const runs = await queryWarehouse(db, "select load_id from meta.load_runs order by run_id");
    expect(runs).toHaveLength(2);
    expect(new Set(runs.map((r) => r.load_id)).size).toBe(2);
    const [last] = await queryWarehouse(db, "select count(*)::integer n from raw.employees");
    expect(last!.n).toBe(3);
    expect(existsSync(`${db}.lock`)).toBe(false);
  }, 180_000);

  it("a lock held too long refuses with exit-3 error naming the holder", async () => {
    const dir = folder({ "employees.csv": EMPLOYEES });
    const db = path.join(dir, "w.duckdb");
    // This test process is alive: its pid in the lock is a running ingest as far as anyone can tell.
    writeFileSync(
      `${db}.lock`,
      JSON.stringify({ pid: process.pid, host: (await import("node:os")).hostname(), started: "x" }),
    );
    await expect(ingest({ inputDir: dir, dbPath: db, quiet: true, lockTimeoutSeconds: 1 })).rejects.toThrow(
      EnvironmentError,
    );
    await expect(ingest({ inputDir: dir, dbPath: db, quiet: true, lockTimeoutSeconds: 1 })).rejects.toThrow(
      new RegExp(`being loaded by process ${process.pid}`),
    );
    expect(existsSync(db)).toBe(false);
  });

  it("the lock of a dead process is taken over", async () => {
    const dir = folder({ "employees.csv": EMPLOYEES });
    const db = path.join(dir, "w.duckdb");
    const host = (await import("node:os")).hostname();
    writeFileSync(`${db}.lock`, JSON.stringify({ pid: deadPid(), host, started: "2026-01-01T00:00:00Z" }));
    const report = await ingest({ inputDir: dir, dbPath: db, quiet: true, lockTimeoutSeconds: 5 });
    expect(report.exitCode).toBe(0);
    expect(existsSync(`${db}.lock`)).toBe(false);
  });
});

describe("leftovers of killed runs", () => {
  it("the next ingest removes TMPDIR scratch folders of dead processes, not of live ones", async () => {
    const dead = path.join(tmpdir(), `htm-ingest-${deadPid()}-abc123`);
    const live = path.join(tmpdir(), `htm-ingest-${process.ppid}-def456`);
    const unknown = path.join(tmpdir(), "htm-ingest-XyZ123");
    for (const d of [dead, live, unknown]) {
      mkdirSync(d, { recursive: true });
      writeFileSync(path.join(d, "employees.utf8.csv"), "x");
    }
    const dir = folder({ "employees.csv": EMPLOYEES });
    await ingest({ inputDir: dir, dbPath: path.join(dir, "w.duckdb"), quiet: true });
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(unknown)).toBe(true);
  });

  it("a killed ingest's scratch folder and half-built warehouse are gone after the next run", async () => {
    const dir = folder({ "employees.csv": EMPLOYEES });
    const db = path.join(dir, "w.duckdb");
    const tmp = mkdtempSync(path.join(tmpdir(), "htm-killtmp-"));
    const child = spawn(process.execPath, [BIN, "ingest", "--input", dir, "--db", db], {
      env: { ...process.env, TMPDIR: tmp },
    });
    await new Promise<void>((resolve) => {
      let err = "";
      child.stderr.on("data", (d) => {
        err += d;
        if (/… loading employees/.test(err)) child.kill("SIGKILL");
      });
      child.on("close", () => resolve());
    });
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(tmp).filter((f) => f.startsWith("htm-ingest-")).length).toBeGreaterThan(0);
    expect(runCli(["ingest", "--input", dir, "--db", db], { TMPDIR: tmp }).code).toBe(0);
    expect(readdirSync(tmp).filter((f) => f.startsWith("htm-ingest-"))).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith("w.duckdb."))).toEqual([]);
  }, 120_000);
});
