/** `htm-workforce sample`: writes a deterministic synthetic dataset in the input contract. */
import { DEFAULT_SAMPLE_OPTIONS, writeSample } from "../sample/sample.ts";
import { parseCommandArgs, wholeNumberOption } from "./args.ts";

const HELP = `usage: htm-workforce sample [options]

Writes a deterministic synthetic multi-organisation dataset in the input contract (the nine CSV
files of the data dictionary) plus manifest.json listing its deliberate defects, unmapped values
and orphans. The same options always give byte-identical files.

  --out DIR            output folder (default data/sample)
  --orgs N             organisations (default 12)
  --years N            years of history (default 10)
  --end-year YYYY      last calendar year of the period (default 2025)
  --seed N             random seed (default 1)
  --work-orders N      work orders to write (default 300000); the inventory scales with it
  --help               show this help`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      out: { type: "string", default: "data/sample" },
      orgs: { type: "string", default: String(DEFAULT_SAMPLE_OPTIONS.orgs) },
      years: { type: "string", default: String(DEFAULT_SAMPLE_OPTIONS.years) },
      "end-year": { type: "string", default: String(DEFAULT_SAMPLE_OPTIONS.endYear) },
      seed: { type: "string", default: String(DEFAULT_SAMPLE_OPTIONS.seed) },
      "work-orders": { type: "string", default: String(DEFAULT_SAMPLE_OPTIONS.workOrders) },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const options = {
    out: values.out,
    orgs: wholeNumberOption("orgs", values.orgs, 1, 200),
    years: wholeNumberOption("years", values.years, 2, 40),
    endYear: wholeNumberOption("end-year", values["end-year"], 1990, 2100),
    seed: wholeNumberOption("seed", values.seed, 0, Number.MAX_SAFE_INTEGER),
    workOrders: wholeNumberOption("work-orders", values["work-orders"], 100, 100_000_000),
  };
  const started = performance.now();
  const manifest = await writeSample(options, (message) => console.error(message));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.error(
    `sample written to ${options.out} in ${seconds} s: ${manifest.defects.length} deliberate defects, ` +
      `${manifest.orphans.length} orphans, ${manifest.unmapped.length} unmapped values (see manifest.json)`,
  );
  return 0;
}
