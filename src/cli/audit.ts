/**
 * `htm-workforce audit --dist DIR --input DIR`: attacks a built site as a reader would (src/audit/):
 * exits 0 when nothing was recovered, 1 with the findings listed when something was, 2 on unusable input.
 */
import { existsSync } from "node:fs";
import { auditSite } from "../audit/disclosure-audit.ts";
import { UsageError } from "./usage-error.ts";
import { parseCommandArgs } from "./args.ts";

const HELP = `usage: htm-workforce audit --dist DIR --input DIR

Reads every data file of a built site (DIR/_file/…: .arrow, .json, .csv) and the input CSVs it was
built from, and tries to recover what the disclosure rules withhold: input employee ids and
individual pay, small pay groups rebuilt from their quantiles, withheld cells as a total minus
published siblings (every grouping and additive column) and across tables and years.
Exit 0: nothing recovered; 1: findings (listed); 2: a folder is missing.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    strict: true,
    options: {
      dist: { type: "string" },
      input: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.dist || !values.input) throw new UsageError("--dist DIR and --input DIR are required");
  for (const dir of [values.dist, values.input]) {
    if (!existsSync(dir)) {
      console.error(`htm-workforce audit: ${dir}: no such folder`);
      return 2;
    }
  }
  const findings = auditSite(values.dist, values.input);
  for (const f of findings.slice(0, 200)) console.log(`${f.attack.padEnd(12)} ${f.table}: ${f.detail}`);
  if (findings.length > 200) console.log(`… and ${findings.length - 200} more`);
  console.log(findings.length ? `\n${findings.length} disclosures found` : "no disclosure found");
  return findings.length ? 1 : 0;
}
