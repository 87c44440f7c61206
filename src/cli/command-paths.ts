/**
 * The paths a command is given, checked the same way by every command: the warehouse it reads must
 * exist, and the folder it writes must be a folder (created when missing). A problem is one line on
 * stderr naming the command and the path, and the command exits 2.
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { warehousePath } from "../warehouse/paths.ts";

/** The warehouse at `--db` (default: the project's), or undefined after saying there is none. */
export function existingWarehouse(command: string, db: string | undefined): string | undefined {
  const dbPath = warehousePath(db);
  if (existsSync(dbPath)) return dbPath;
  console.error(`htm-workforce ${command}: ${dbPath}: no warehouse (run htm-workforce ingest first)`);
  return undefined;
}

/** `--out DIR` resolved and created, or undefined after saying why it cannot be used. */
export function outputFolder(command: string, out: string): string | undefined {
  const dir = path.resolve(out);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    console.error(`htm-workforce ${command}: ${out}: exists and is not a folder`);
    return undefined;
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    console.error(`htm-workforce ${command}: ${out}: cannot create the folder (${(e as Error).message})`);
    return undefined;
  }
  return dir;
}
