/**
 * `htm-workforce contribute`: a hospital's survey contribution (docs/architecture.md, privacy, docs/survey.md), one
 * Parquet file of counts and sums for a declared period; `--explain` prints what it holds.
 */
import path from "node:path";
import { readSettings } from "../config/settings.ts";
import { buildContribution, ContributionError, type Contribution } from "../survey/contribute.ts";
import { DEFAULT_INPUT_DIR } from "../warehouse/paths.ts";
import { UsageError } from "./usage-error.ts";
import { parseCommandArgs } from "./args.ts";
import { existingWarehouse } from "./command-paths.ts";

const HELP = `usage: htm-workforce contribute --out FILE [--db FILE] [--org ID] [--contributor ID]
                                [--period-start YYYY-MM-DD] [--period-end YYYY-MM-DD | --years N]
                                [--settings FILE] [--explain]

Writes one survey contribution (Parquet) from the warehouse: headcount and FTE by role family and
month, turnover inputs, separations by type, hours and costs by domain and quarter, assets by
domain and networked flag, requisitions by fill-time bin, Kaplan-Meier risk sets by month of
tenure, and fixed-bin pay histograms. No employee id, no person-level row, no pay of one person.

  --out FILE            contribution file to write (.parquet)
  --db FILE             warehouse (default $HTM_WAREHOUSE or data/warehouse.duckdb)
  --org ID              organisation to contribute (needed when the warehouse holds several)
  --contributor ID      the society's id for you (default: the org id)
  --period-start DATE   first day of the period (default: history_start)
  --period-end DATE     last day (default: as_of)
  --years N             the last N calendar years up to --period-end
  --settings FILE       settings.json with the survey floors (default data/input/settings.json)
  --explain             print every table, its columns and row count, what the society receives and may publish`;

export function explain(c: Contribution): string {
  const m = c.manifest;
  const out = [
    `contribution of ${m.contributor_id} (schema version ${m.schema_version}, tool ${m.tool_version})`,
    `profile: ${m.profile.facility_type}, beds ${m.profile.bed_band}, region ${m.profile.region}`,
    `period ${m.period_start} to ${m.period_end}, warehouse as of ${m.as_of}; pay bins of $${m.pay_bin_usd.toLocaleString("en-US")}`,
    `checksum ${m.checksum}`,
    "",
    `${"table".padEnd(22)} ${"rows".padStart(7)}  columns`,
  ];
  for (const [t, n] of Object.entries(m.tables))
    out.push(`${t.padEnd(22)} ${String(n).padStart(7)}  ${(c.columns[t] ?? []).join(", ")}`);
  out.push("", "every row also carries contributor_id, period_start, period_end and table_name");
  const years = [...new Set(c.payGroups.map((g) => g.year))];
  const latest = Math.max(...years);
  const small = c.payGroups.filter((g) => g.people < 5);
  const titles = c.payGroups.filter(
    (g) => g.year === latest && g.group_kind === "role" && g.breakdown_kind === "all",
  );
  out.push(
    "",
    "What the society receives (it is the trusted aggregator):",
    `  - pay: for every year, every job title, role family and all staff, and each of those by years with`,
    `    the employer and by certification held, how many people are paid within each $${m.pay_bin_usd.toLocaleString("en-US")} band of`,
    `    annual base pay on 31 December. Nothing is refused at source: a title held by one person is sent,`,
    `    so the society learns that person's pay to within $${m.pay_bin_usd.toLocaleString("en-US")} (${small.length} of ${c.payGroups.length} pay groups`,
    `    in this file hold fewer than 5 people). No name, employee id, exact pay, sum or mean of pay.`,
    `  - ${latest}: ${titles.map((g) => `${g.group_value} ${g.people}`).join(", ")}`,
    "  - the counts and sums of the tables above; the profile (facility type, bed band, region), never",
    "    the organisation's name or exact beds.",
    "",
    "What the society may publish from it (after pooling, under its rules; see its methodology):",
    "  - pay medians and 25th/75th percentiles of a cell only when at least 5 organisations and 5 people",
    "    are in it, 10th/90th only when at least 10 and 10, never a minimum or maximum, each with its",
    "    counts of organisations and people; percentiles are intervals of whole bands or estimates",
    "    rounded to $1,000;",
    "  - rates, shares, survival and percentiles across organisations of peer groups of at least 5",
    "    organisations, never one organisation's own figure, never a group that differs from another",
    "    published group (or from the same group in an earlier release) by 1 to 4 organisations.",
  );
  return out.join("\n");
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    options: {
      out: { type: "string" },
      db: { type: "string" },
      org: { type: "string" },
      contributor: { type: "string" },
      "period-start": { type: "string" },
      "period-end": { type: "string" },
      years: { type: "string" },
      settings: { type: "string" },
      explain: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.out && !values.explain) throw new UsageError("--out FILE is required (or --explain)");
  const years = values.years === undefined ? undefined : Number(values.years);
  if (years !== undefined && !(Number.isInteger(years) && years > 0))
    throw new UsageError(`--years ${values.years}: expected a whole number of years`);
  const dbPath = existingWarehouse("contribute", values.db);
  if (dbPath === undefined) return 2;
  let settings;
  try {
    settings = readSettings(values.settings ?? path.join(DEFAULT_INPUT_DIR, "settings.json"));
  } catch (e) {
    console.error(`htm-workforce contribute: ${(e as Error).message}`);
    return 2;
  }
  let contribution: Contribution;
  try {
    contribution = await buildContribution({
      dbPath,
      out: values.out,
      orgId: values.org,
      contributorId: values.contributor,
      periodStart: values["period-start"],
      periodEnd: values["period-end"],
      years,
      settings,
    });
  } catch (e) {
    if (e instanceof ContributionError) {
      console.error(`htm-workforce contribute: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
  if (values.explain) console.log(explain(contribution));
  if (values.out) {
    const total = Object.values(contribution.manifest.tables).reduce((a, b) => a + b, 0);
    console.log(
      `wrote ${values.out}: ${total} rows in ${Object.keys(contribution.manifest.tables).length} tables`,
    );
  }
  return 0;
}
