/**
 * `htm-workforce start` (`npm start`): from a fresh clone to the dashboard on localhost. Uses the CSVs
 * in data/input/, or generates the sample into data/sample/ when there are none; ingests; builds;
 * serves dist/ and says where to point the browser.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_INPUT_DIR, DEFAULT_SAMPLE_DIR, REPORTS_DIR, warehousePath } from "../warehouse/paths.ts";
import { buildSite, DEFAULT_SITE_DIR } from "../static-site/site-build.ts";
import { serveStatic } from "../static-site/static-server.ts";
import { DEFAULT_SAMPLE_OPTIONS, writeSample } from "../sample/sample.ts";
import { ingestAndReport } from "./ingest.ts";
import { UsageError } from "./usage-error.ts";
import { parseCommandArgs } from "./args.ts";

const HELP = `usage: htm-workforce start [--port N] [--host HOST] [--no-ingest]

Uses data/input/*.csv, or generates the sample into data/sample/ when data/input/ has no CSVs;
ingests into the warehouse; builds the site; serves it on http://HOST:PORT (default 127.0.0.1:3000).
  --no-ingest   serve a build of the existing warehouse without ingesting again (the last build
                as it is when neither the warehouse nor the site sources changed since)`;

/**
 * What the site was built from: the warehouse's path, size and modification time, and the
 * site sources' newest modification time. A new ingest renames a new file over the warehouse,
 * which changes them; the stamp is written only after a build succeeded.
 */
export function warehouseStamp(db: string, reportsDir = REPORTS_DIR): string {
  const w = existsSync(db) ? statSync(db) : undefined;
  let newestSource = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith(".")) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else newestSource = Math.max(newestSource, statSync(full).mtimeMs);
    }
  };
  if (existsSync(reportsDir)) walk(reportsDir);
  return JSON.stringify({ db, size: w?.size, mtimeMs: w?.mtimeMs, ino: w?.ino, newestSource });
}

function hasCsv(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((f) => f.toLowerCase().endsWith(".csv"));
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string", default: "3000" },
      host: { type: "string", default: "127.0.0.1" },
      "no-ingest": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port: not a port: ${values.port}`);

  if (!values["no-ingest"] || !existsSync(warehousePath())) {
    let inputDir = DEFAULT_INPUT_DIR;
    if (!hasCsv(DEFAULT_INPUT_DIR)) {
      inputDir = DEFAULT_SAMPLE_DIR;
      if (!existsSync(path.join(DEFAULT_SAMPLE_DIR, "employees.csv"))) {
        console.log(`data/input/ has no CSV files: generating the sample dataset into ${DEFAULT_SAMPLE_DIR}`);
        await writeSample({ ...DEFAULT_SAMPLE_OPTIONS, out: DEFAULT_SAMPLE_DIR }, (message) =>
          console.error(message),
        );
      } else {
        console.log(`data/input/ has no CSV files: using the sample dataset in ${DEFAULT_SAMPLE_DIR}`);
      }
    }
    console.log(`ingesting ${inputDir} into ${warehousePath()}`);
    const code = await ingestAndReport({ inputDir });
    // 1 = the load was refused (a source rejected more than max_rejected_share; the summary says
    // how to override) and the previous warehouse kept; 2 = unusable input: either way, stop here.
    if (code !== 0) return code;
  }

  // --no-ingest on an unchanged warehouse: the last build is still exact, serve it as it is.
  const stamp = warehouseStamp(warehousePath());
  const stampFile = path.join(DEFAULT_SITE_DIR, ".htm-build-stamp.json");
  const built = existsSync(stampFile) ? readFileSync(stampFile, "utf8") : undefined;
  if (values["no-ingest"] && built === stamp && existsSync(path.join(DEFAULT_SITE_DIR, "index.html"))) {
    console.log("the warehouse has not changed since the last build: serving it");
  } else {
    console.log("building the site…");
    try {
      await buildSite({ progress: (line) => console.error(line) });
      writeFileSync(stampFile, stamp);
    } catch (e) {
      console.error(`htm-workforce start: ${(e as Error).message}`);
      return 2;
    }
  }
  let server;
  try {
    server = await serveStatic(DEFAULT_SITE_DIR, { host: values.host, port });
  } catch (e) {
    if ((e as { code?: string }).code !== "EADDRINUSE") throw e;
    console.log(`port ${port} is in use; picking a free one`);
    server = await serveStatic(DEFAULT_SITE_DIR, { host: values.host, port: 0 });
  }
  console.log(`\nHTM Workforce dashboard: ${server.url}/\n(serving ${DEFAULT_SITE_DIR}; Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  return 0;
}
