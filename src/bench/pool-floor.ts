/**
 * The floor a pooling is measured against, in a fresh process: one bare DuckDB read of the same
 * contribution files with a GROUP BY (no validation, no peer groups, nothing written):
 *   pool-floor.ts <contributionsDir> [--digest]
 * With --digest, the same read computing only each file's row digest (every row's cells as text and
 * their MD5, what the checksum of contribution schema version 2 requires): the part of any pooling
 * that the format, not the pooling SQL, decides.
 * Prints one JSON line: seconds, groups, peak RSS bytes.
 */
import { DuckDBInstance, quotedString as str } from "@duckdb/node-api";
import { digestOfHashesSql, rowTextSql } from "../survey/contribution-schema.ts";
import { contributionFiles } from "../survey/pool.ts";

const [dir, mode] = process.argv.slice(2);
const t0 = performance.now();
// the same files pool reads (a glob does not follow the symlinked batch folders)
const files = contributionFiles(dir!);
const instance = await DuckDBInstance.create(":memory:");
const conn = await instance.connect();
const read = `read_parquet([${files.map(str).join(", ")}], hive_partitioning = false)`;
const reader = await conn.runAndReadAll(
  mode === "--digest"
    ? `select file_index, ${digestOfHashesSql("h")} as digest
       from (select file_index, md5_number(${rowTextSql()}) as h from ${read}) group by file_index`
    : `select table_name, contributor_id, count(*) as n, sum(people) as people, sum(headcount) as headcount,
         sum(at_risk) as at_risk, sum(hours) as hours
       from ${read}
       group by table_name, contributor_id`,
);
const groups = reader.getRowObjectsJson().length;
conn.closeSync();
instance.closeSync();
console.log(
  JSON.stringify({
    seconds: (performance.now() - t0) / 1000,
    groups,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
  }),
);
