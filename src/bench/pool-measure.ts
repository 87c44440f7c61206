/**
 * One pooling run in a fresh process, so it gets its own peak memory figure:
 *   pool-measure.ts <contributionsDir> <db> <poolDate>
 * Prints one JSON line: seconds, files pooled and rejected, peak RSS bytes.
 */
import { DEFAULT_SETTINGS } from "../config/settings.ts";
import { rmSync } from "node:fs";
import { defaultReleaseLog, poolContributions } from "../survey/pool.ts";

const [inputDir, db, poolDate] = process.argv.slice(2);
// a first release every time: every pooling is a release compared with every earlier one in the
// log, so a log kept from earlier bench runs would make each run measure a longer history
rmSync(defaultReleaseLog(db!), { force: true });
const t0 = performance.now();
const report = await poolContributions({
  inputDir: inputDir!,
  dbPath: db!,
  settings: DEFAULT_SETTINGS,
  poolDate,
});
console.log(
  JSON.stringify({
    seconds: (performance.now() - t0) / 1000,
    pooled: report.pooled,
    rejected: report.rejected,
    publishable_peer_groups: report.publishablePeerGroups,
    timings: report.timings,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
  }),
);
