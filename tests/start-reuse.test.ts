/** `start --no-ingest` reuses the last build exactly when the warehouse it was built from is unchanged. */
import { mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { warehouseStamp } from "../src/cli/start.ts";

describe("start --no-ingest build reuse", () => {
  it("the stamp is stable for an unchanged warehouse and changes when an ingest swaps in a new one", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "htm-stamp-"));
    const db = path.join(dir, "w.duckdb");
    const reports = mkdtempSync(path.join(tmpdir(), "htm-stamp-reports-"));
    writeFileSync(path.join(reports, "index.md"), "# hi");
    writeFileSync(db, "first warehouse");
    const first = warehouseStamp(db, reports);
    expect(warehouseStamp(db, reports)).toBe(first);
    // What ingest does: build beside it, rename over it (same size here: the inode still differs).
    writeFileSync(`${db}.building-1`, "other warehouse");
    renameSync(`${db}.building-1`, db);
    expect(warehouseStamp(db, reports)).not.toBe(first);
    const second = warehouseStamp(db, reports);
    writeFileSync(path.join(reports, "index.md"), "# changed page");
    expect(warehouseStamp(db, reports)).not.toBe(second);
  });
});
