import { ingest, UnusableInputError } from "../../loaders/ingest.ts";
import { DEFAULT_INPUT_DIR } from "../warehouse/paths.ts";
import { existsSync } from "node:fs";
import path from "node:path";
import { headingOf, printReport } from "./ingest.ts";
import { parseCommandArgs } from "./args.ts";

const HELP = `usage: htm-workforce check [--input DIR] [--strict] [--accept-rejects]

Validates the input folder against the contract and reports what ingest would load and reject.
Writes nothing to the warehouse. Exit codes as for ingest.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    options: {
      input: { type: "string" },
      strict: { type: "boolean", default: false },
      "accept-rejects": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.input === undefined && !existsSync(DEFAULT_INPUT_DIR)) {
    const rel = path.relative(process.cwd(), DEFAULT_INPUT_DIR) || DEFAULT_INPUT_DIR;
    console.error(
      `htm-workforce check: there is no ${rel}/ folder to check. Put your exports there ` +
        `(mkdir -p ${rel}, see docs/mapping.md), or check another folder: ` +
        `htm-workforce check --input data/sample (htm-workforce sample writes one).`,
    );
    return 2;
  }
  try {
    const report = await ingest({
      inputDir: values.input ?? DEFAULT_INPUT_DIR,
      checkOnly: true,
      strict: values.strict,
      acceptRejects: values["accept-rejects"],
    });
    printReport(report, headingOf(report, "nothing was written", "Checked (nothing was written)"));
    return report.exitCode;
  } catch (e) {
    if (e instanceof UnusableInputError) {
      console.error(`htm-workforce check: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
