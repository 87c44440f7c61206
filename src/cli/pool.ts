/**
 * `htm-workforce pool`: validates a folder of survey contributions and pools the good ones into a
 * society warehouse (docs/architecture.md, privacy, docs/survey.md). A rejected file is reported with its reason and
 * logged in survey.pool_log; it never stops the others from pooling.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { readSettings } from "../config/settings.ts";
import { contributionEntries, isCalendarDate, PoolError, poolContributions } from "../survey/pool.ts";
import { UsageError } from "./usage-error.ts";
import { parseCommandArgs } from "./args.ts";

const HELP = `usage: htm-workforce pool --input DIR --db FILE [--settings FILE] [--pool-date YYYY-MM-DD]

Reads every .parquet contribution under DIR (Hive-partitioned folders included), rejects the ones
that fail a check (unreadable, wrong schema version, checksum mismatch, impossible totals, too
recent, duplicate or overlapping period of one contributor) with a reason, pools the rest and
builds the pooled marts and peer groups in FILE (replaced whole).

  --input DIR          folder of contributions
  --db FILE            pooled warehouse to write
  --settings FILE      settings.json (min_orgs_benchmark, max_org_share_benchmark, survey_*)
  --pool-date DATE     the date the data-age rule counts back from (default today); the release's date
  --release-log FILE   the release log (default survey-release-log.parquet beside --db): what earlier
                       releases published, so this one withholds what would differ from them by a few
                       organisations; this pooling is recorded in it as one more release (pooling
                       again on the same day is compared with the earlier pooling too)

Exit codes: 0 pooled (rejected files are reported, not fatal); 2 no input folder or no file pooled.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    options: {
      input: { type: "string" },
      db: { type: "string" },
      settings: { type: "string" },
      "pool-date": { type: "string" },
      "release-log": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.input) throw new UsageError("--input DIR is required");
  if (!values.db) throw new UsageError("--db FILE is required");
  const poolDate = values["pool-date"];
  if (poolDate !== undefined && !isCalendarDate(poolDate))
    throw new UsageError(`--pool-date ${poolDate}: expected a calendar date YYYY-MM-DD`);
  const inputDir = path.resolve(values.input);
  if (!existsSync(inputDir)) {
    console.error(`htm-workforce pool: ${inputDir}: no such folder`);
    return 2;
  }
  let settings;
  try {
    settings = readSettings(values.settings ?? path.join(inputDir, "settings.json"));
  } catch (e) {
    console.error(`htm-workforce pool: ${(e as Error).message}`);
    return 2;
  }
  const entries = contributionEntries(inputDir);
  if (entries.files.length + entries.problems.length === 0) {
    console.error(`htm-workforce pool: ${inputDir}: no .parquet contribution files`);
    return 2;
  }
  let report;
  try {
    report = await poolContributions({
      inputDir,
      dbPath: path.resolve(values.db),
      settings,
      poolDate,
      releaseLog: values["release-log"] ? path.resolve(values["release-log"]) : undefined,
    });
  } catch (e) {
    if (!(e instanceof PoolError)) throw e;
    console.error(`htm-workforce pool: ${e.message}`);
    return 2;
  }
  for (const e of report.log)
    console.log(
      e.status === "pooled"
        ? `pooled    ${e.file}  (${e.contributor_id}, ${e.period_start} to ${e.period_end})`
        : `rejected  ${e.file}: ${e.reason}`,
    );
  console.log(
    `\n${report.pooled} pooled, ${report.rejected} rejected (survey.pool_log); ${report.publishablePeerGroups} of ${report.peerGroups} peer groups meet the publication rules`,
  );
  return report.pooled > 0 ? 0 : 2;
}
