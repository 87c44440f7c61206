import { parseArgs } from "node:util";
import { ingest, UnusableInputError } from "../ingest/ingest.ts";
import { DEFAULT_INPUT_DIR } from "../warehouse/paths.ts";
import { printReport } from "./ingest.ts";

const HELP = `usage: htm-workforce check [--input DIR] [--strict]

Validates the input folder against the contract and reports what ingest would load and reject.
Writes nothing to the warehouse. Exit codes as for ingest.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: "string" },
      strict: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  try {
    const report = await ingest({
      inputDir: values.input ?? DEFAULT_INPUT_DIR,
      checkOnly: true,
      strict: values.strict,
    });
    printReport(report, "Checked (nothing was written).");
    return report.exitCode;
  } catch (e) {
    if (e instanceof UnusableInputError) {
      console.error(`htm-workforce check: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
