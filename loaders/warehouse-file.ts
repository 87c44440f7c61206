/**
 * Atomic replacement of the warehouse: ingest builds a complete new DuckDB file beside the old
 * one and renames it over the old only when everything succeeded. A killed or failed ingest
 * leaves the previous warehouse untouched and readable; its half-built file is removed next time.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FRAMEWORK_CACHE_DIR } from "../src/warehouse/paths.ts";

export function temporaryWarehousePath(dbPath: string): string {
  return `${dbPath}.building-${process.pid}`;
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes half-built warehouses left by ingests that were killed. */
export function removeAbandonedBuilds(dbPath: string): void {
  const dir = path.dirname(dbPath);
  mkdirSync(dir, { recursive: true });
  const prefix = `${path.basename(dbPath)}.building-`;
  for (const f of readdirSync(dir)) {
    if (!f.startsWith(prefix)) continue;
    const pid = Number(f.slice(prefix.length).split(".")[0]);
    if (pid !== process.pid && !isAlive(pid)) rmSync(path.join(dir, f), { force: true });
  }
}

/**
 * Removes `<dir>/<prefix><pid>-…` entries whose process no longer exists: what killed or crashed
 * runs left behind. Entries of live processes (other engineers' ingests and builds on a shared
 * machine) and entries without a pid in their name are never touched.
 */
export function removeAbandoned(dir: string, prefix: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const f of entries) {
    if (!f.startsWith(prefix)) continue;
    const m = /^(\d+)-/.exec(f.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    try {
      rmSync(path.join(dir, f), { recursive: true, force: true });
    } catch {
      // another run cleaning up the same leftovers, or no permission: not this run's business
    }
  }
}

const SCRATCH_PREFIX = "htm-ingest-";

/** A scratch folder in TMPDIR named by this process, after removing those of dead processes. */
export function createScratchDirectory(): string {
  removeAbandoned(os.tmpdir(), SCRATCH_PREFIX);
  return mkdtempSync(path.join(os.tmpdir(), `${SCRATCH_PREFIX}${process.pid}-`));
}

export function replaceWarehouse(built: string, dbPath: string): void {
  // A WAL beside the old file belongs to the old file; it must not be replayed into the new one.
  rmSync(`${built}.wal`, { force: true });
  rmSync(`${dbPath}.wal`, { force: true });
  renameSync(built, dbPath);
}

export function discardBuild(built: string): void {
  rmSync(built, { force: true });
  rmSync(`${built}.wal`, { force: true });
}

/** Framework caches data-loader output by loader file; a new warehouse makes all of it stale. */
export function invalidateSiteCache(): void {
  if (existsSync(FRAMEWORK_CACHE_DIR))
    rmSync(FRAMEWORK_CACHE_DIR, { recursive: true, force: true, maxRetries: 5 });
}
