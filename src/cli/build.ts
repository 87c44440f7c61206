/** `htm-workforce build`: the static site from the current warehouse into dist/ (or --out). */
import { existsSync } from "node:fs";
import { buildSite } from "../static-site/site-build.ts";
import { warehousePath } from "../warehouse/paths.ts";
import { UsageError } from "./usage-error.ts";
import { parseCommandArgs } from "./args.ts";

const HELP = `usage: htm-workforce build [--db FILE] [--out DIR] [--audience internal|public] [--verbose]

Builds the reports site from the warehouse (default data/warehouse.duckdb, or HTM_WAREHOUSE).
Framework's loader cache is emptied first, so the site always reflects the last ingest.
  --audience public   apply publication rules: cells under min_cell_public people suppressed,
                      organisations under pseudonyms (default: the audience in settings.json)

On a pooled survey warehouse (what \`pool --db\` writes) it builds the society's published site
instead (reports-society/: benchmarks by peer group, pooled statistics, methodology), from the
warehouse's publish tables only.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    strict: true,
    options: {
      db: { type: "string" },
      out: { type: "string" },
      audience: { type: "string" },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const audience = values.audience;
  if (audience !== undefined && audience !== "internal" && audience !== "public") {
    throw new UsageError(`--audience must be internal or public, not '${audience}'`);
  }
  const db = warehousePath(values.db);
  if (!existsSync(db)) {
    // before any progress line: the one line a user reads is what to do
    throw new UsageError(`no warehouse at ${db}: run \`htm-workforce ingest\` first (or pass --db FILE)`);
  }
  const started = Date.now();
  try {
    const out = await buildSite({
      db: values.db,
      out: values.out,
      audience,
      verbose: values.verbose,
      progress: (line) => console.error(line),
    });
    console.log(`built the site into ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (e) {
    console.error(`htm-workforce build: ${(e as Error).message}`);
    return 2;
  }
}
