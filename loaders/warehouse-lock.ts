/**
 * One ingest at a time per warehouse. Two ingests into the same file would each build a complete
 * warehouse and the later rename would silently drop the earlier load; so ingest holds
 * `<warehouse>.lock` (created exclusively, holding its pid) from before it reads the previous
 * warehouse until after the rename. A second ingest waits for it, saying so, and refuses after a
 * timeout. The lock of a process that no longer exists is taken over.
 */
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import { isAlive } from "./warehouse-file.ts";
import { EnvironmentError } from "./environment-error.ts";

export interface WarehouseLock {
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  started: string;
}

function readHolder(file: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Holder;
  } catch {
    return undefined;
  }
}

function tryCreate(file: string): boolean {
  try {
    const fd = openSync(file, "wx");
    const holder: Holder = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
    try {
      writeSync(fd, JSON.stringify(holder));
    } catch (e) {
      // A full disk: leave no empty lock behind.
      closeSync(fd);
      rmSync(file, { force: true });
      throw e;
    }
    closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

/** Removes the lock of a dead process; true when it was one (or was already gone). */
function takeOverStale(file: string, holder: Holder | undefined): boolean {
  if (holder && (holder.host !== os.hostname() || isAlive(holder.pid))) return false;
  // Move it aside first (atomic): if two waiters both saw it stale, only one moves it, and the
  // other cannot delete a fresh lock the first has created since.
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw e;
  }
  const moved = readHolder(aside);
  if (moved && holder && moved.pid !== holder.pid) {
    // Not the stale lock after all: someone took over meanwhile. Put theirs back.
    renameSync(aside, file);
    return false;
  }
  rmSync(aside, { force: true });
  return true;
}

export async function acquireWarehouseLock(
  dbPath: string,
  options: { timeoutSeconds: number; onWait?: (message: string) => void },
): Promise<WarehouseLock> {
  const file = `${dbPath}.lock`;
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let told = false;
  for (;;) {
    if (tryCreate(file)) break;
    const holder = readHolder(file);
    // An unreadable lock may be one being written this instant; give it a moment before judging.
    if (holder && takeOverStale(file, holder)) continue;
    if (!holder) {
      await new Promise((r) => setTimeout(r, 100));
      if (!readHolder(file) && takeOverStale(file, undefined)) continue;
    }
    const who = holder ? `process ${holder.pid} (since ${holder.started})` : "another process";
    if (Date.now() >= deadline)
      throw new EnvironmentError(
        `${dbPath} is being loaded by ${who}; not loaded (waited ${options.timeoutSeconds} s; run again when it has finished)`,
      );
    if (!told) {
      options.onWait?.(`${dbPath} is being loaded by ${who}; waiting for it to finish…`);
      told = true;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}
