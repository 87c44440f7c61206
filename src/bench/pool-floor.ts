/**
 * The floor a pooling is measured against, in a fresh process: one bare DuckDB read of the same
 * contribution files with a GROUP BY (no validation, no peer groups, nothing written):
 *   pool-floor.ts <contributionsDir> [--digest | --store]
 * With --digest, only each file's row-group digest (the SHA-256 of its bytes before the footer, what
 * the checksum of contribution schema version 3 requires): the part of any pooling that the format,
 * not the pooling SQL, decides.
 * With --store, every row of the files written once into a table of a new DuckDB file, in one
 * CREATE TABLE AS under the pool's memory limit: what the pooled warehouse's survey.contribution_rows
 * (every pooled row, the table docs/survey.md exports for Spark or Trino) costs at the least.
 * Prints one JSON line: seconds, groups, peak RSS bytes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance, quotedString as str } from "@duckdb/node-api";
import { fileRowGroupsDigest } from "../survey/contribution-schema.ts";
import { contributionFiles } from "../survey/pool.ts";

const [dir, mode] = process.argv.slice(2);
const t0 = performance.now();
// the same files pool reads (a glob does not follow the symlinked batch folders)
const files = contributionFiles(dir!);
let groups = 0;
if (mode === "--digest") groups = files.filter((f) => fileRowGroupsDigest(f) !== null).length;
else if (mode === "--store") {
  const dir = mkdtempSync(path.join(tmpdir(), "pool-floor-"));
  const instance = await DuckDBInstance.create(path.join(dir, "rows.duckdb"), {
    memory_limit: "448MB",
    preserve_insertion_order: "false",
  });
  const conn = await instance.connect();
  await conn.run(
    `create table contribution_rows as select * from read_parquet([${files.map(str).join(", ")}], hive_partitioning = false)`,
  );
  groups = files.length;
  conn.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
} else {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const reader = await conn.runAndReadAll(
    `select table_name, contributor_id, count(*) as n, sum(people) as people, sum(headcount) as headcount,
       sum(at_risk) as at_risk, sum(hours) as hours
     from read_parquet([${files.map(str).join(", ")}], hive_partitioning = false)
     group by table_name, contributor_id`,
  );
  groups = reader.getRowObjectsJson().length;
  conn.closeSync();
  instance.closeSync();
}
console.log(
  JSON.stringify({
    seconds: (performance.now() - t0) / 1000,
    groups,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
  }),
);
