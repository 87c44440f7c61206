/**
 * Atomic replacement of the warehouse: ingest builds a complete new DuckDB file beside the old
 * one and renames it over the old only when everything succeeded. A killed or failed ingest
 * leaves the previous warehouse untouched and readable; its half-built file is removed next time.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { FRAMEWORK_CACHE_DIR } from "../warehouse/paths.ts";

export function temporaryWarehousePath(dbPath: string): string {
  return `${dbPath}.building-${process.pid}`;
}

function isAlive(pid: number): boolean {
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
