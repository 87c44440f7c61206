/**
 * Analysis settings: the assumptions behind the metrics (docs/marts.md) and the publication
 * audience (§8). Read from `settings.json` in the input folder when present; every field has a
 * documented default. Ingest stores the resolved settings in `meta.settings` so the SQL and the
 * site use exactly the values the warehouse was built with.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";

export const settingsSchema = z
  .object({
    as_of: z.iso
      .date()
      .optional()
      .describe(
        "Reference date for 'now' (headcount today, open requisitions, expiring certifications). Default: the latest event date in the data.",
      ),
    history_start: z.iso
      .date()
      .optional()
      .describe(
        "First day the exports record separations completely. Earlier years are not reported (people who left before it are missing from most HRIS exports). Default: January 1 of the year of the earliest termination, or of the earliest hire when nobody has left.",
      ),
    productive_hours_per_fte: z
      .number()
      .positive()
      .default(1600)
      .describe(
        "In-house labor hours one FTE delivers per year; converts workload hours to demand FTE. No published benchmark: an assumption.",
      ),
    benefits_load: z
      .number()
      .min(1)
      .default(1.3)
      .describe("Multiplier from base pay to loaded labor cost, for the cost of service ratio."),
    replacement_cost_factor: z
      .number()
      .nonnegative()
      .default(0.5)
      .describe("Cost of replacing a leaver as a fraction of their annual pay."),
    expiring_window_days: z
      .number()
      .int()
      .positive()
      .default(90)
      .describe("Certifications expiring within this many days of as_of are flagged."),
    far_below_market_ratio: z
      .number()
      .positive()
      .max(1)
      .default(0.85)
      .describe(
        "Staff paid below this share of their role's aged market figure are on the HR action list of `htm-workforce actions` (internal, person-level; the site shows only the count).",
      ),
    near_retirement_years: z
      .number()
      .int()
      .nonnegative()
      .default(5)
      .describe(
        "A role with one holder whose age is within this many years of retirement_age is on the HR action list of `htm-workforce actions` (succession risk).",
      ),
    audience: z
      .enum(["internal", "public"])
      .default("internal")
      .describe(
        "internal: a department's own dashboard. public: anything that leaves the organisation; cells under min_cell_public people are suppressed.",
      ),
    min_cell_public: z
      .number()
      .int()
      .positive()
      .default(11)
      .describe("Smallest group published to a public audience (CMS cell-size policy)."),
    min_pay_group: z
      .number()
      .int()
      .positive()
      .default(5)
      .describe("Smallest group for any pay statistic (median, compa-ratio, pay sums), in every audience."),
    min_pay_quartile_group: z
      .number()
      .int()
      .positive()
      .default(10)
      .describe(
        "Smallest group whose 25th and 75th pay percentiles are published: with p25, median and p75 of 5 people (linear interpolation) three of the five pay values are published exactly.",
      ),
    pay_rounding_usd: z
      .number()
      .positive()
      .default(100)
      .describe("Published pay statistics and pay sums are rounded to this many dollars."),
    min_orgs_benchmark: z
      .number()
      .int()
      .positive()
      .default(5)
      .describe("Fewest organisations behind a multi-organisation statistic (FTC/DOJ safety zone)."),
    max_org_share_benchmark: z
      .number()
      .positive()
      .max(1)
      .default(0.25)
      .describe("Largest weight one organisation may carry in a multi-organisation statistic."),
    retirement_age: z
      .number()
      .int()
      .min(50)
      .max(80)
      .default(65)
      .describe(
        "Age at which staff are expected to retire, for the projected supply of the budget brief. An assumption: no published HTM figure.",
      ),
    min_benchmark_age_months: z
      .number()
      .int()
      .nonnegative()
      .default(3)
      .describe(
        "A multi-organisation statistic describes a period that ended at least this many months before publication (the site build).",
      ),
    forecast_quarters: z
      .number()
      .int()
      .positive()
      .default(8)
      .describe("Quarters ahead for the specialist-demand forecast."),
    max_rejected_share: z
      .number()
      .min(0)
      .max(1)
      .default(0.05)
      .describe(
        "Largest share of a source's rows (out-of-scope rows not counted) that may be rejected. Over it, ingest keeps the previous warehouse and exits 1 unless run with --accept-rejects.",
      ),
    plausible_dates_from: z.iso
      .date()
      .default("1950-01-01")
      .describe("Earliest plausible date in any date column; earlier dates (and years BC) are rejected."),
    plausible_dates_to: z.iso
      .date()
      .optional()
      .describe(
        "Latest plausible date in any date column. Default: December 31 of the year after as_of (or after the current year when as_of is not set). A hire_date of 99999-01-01 is rejected, not taken as the as-of date.",
      ),
    plausible_annual_pay_min: z
      .number()
      .nonnegative()
      .default(10_000)
      .describe("Lowest plausible annual base pay in USD (hourly rates × 2080); lower rows are rejected."),
    plausible_annual_pay_max: z
      .number()
      .positive()
      .default(1_000_000)
      .describe("Highest plausible annual base pay in USD (hourly rates × 2080); higher rows are rejected."),
    max_labor_hours_per_work_order: z
      .number()
      .positive()
      .default(2_000)
      .describe("Most labor hours one work order can book (about one FTE-year); more is rejected."),
    max_training_hours: z
      .number()
      .positive()
      .default(2_000)
      .describe("Most contact hours one training record can hold (about one FTE-year); more is rejected."),
    max_cost_usd: z
      .number()
      .positive()
      .default(1_000_000_000)
      .describe(
        "Largest plausible single cost in USD (acquisition, vendor, parts, training cost); more is rejected.",
      ),
    vendor_hours_min_share: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        "Smallest share of a domain's vendor work orders that must record labour hours before vendor work is priced per hour; below it, vendor work is priced per work order (a few recorded hours against a whole contract give rates of thousands of dollars an hour).",
      ),
    vendor_takeover_share: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        "Budget scenario: the largest share of a domain's annual vendor spend that added in-house staff could take over (the rest: parts, OEM-only work, contracts that cannot be cut). An assumption, shown on the brief.",
      ),
    wage_growth_rate: z
      .number()
      .min(-0.5)
      .max(0.5)
      .default(0.03)
      .describe(
        "Budget scenario: yearly pay growth for the 3-year view when data/reference/wage_index.csv has fewer than two years (otherwise its average growth over its last five years is used).",
      ),
    hires_training_cost_usd: z
      .number()
      .nonnegative()
      .optional()
      .describe(
        "Budget scenario: one-off training cost of each new hire. Default: the domain's median training cost per trainee from training.csv, or 0 when it has none.",
      ),
    survey_pay_bin_usd: z
      .number()
      .int()
      .positive()
      .default(1000)
      .describe(
        "Width of the fixed pay bins in a survey contribution: contribution schema version 2 fixes it at 1000 (bins start at multiples of it) and contribute refuses any other width.",
      ),
    survey_min_pay_group: z
      .number()
      .int()
      .positive()
      .default(5)
      .describe(
        "Fewest people in a (year, role or role family) pay histogram a survey contribution may carry; smaller groups are refused and listed.",
      ),
    survey_min_pay_bin: z
      .number()
      .int()
      .positive()
      .default(1)
      .describe(
        "Fewest people in one pay bin of a contribution; a group with a smaller non-empty bin is refused whole, so histograms stay mergeable.",
      ),
    survey_min_data_age_months: z
      .number()
      .int()
      .nonnegative()
      .default(3)
      .describe(
        "A contribution's period must end at least this many months before the pooling date (FTC/DOJ safety zone: data at least 3 months old).",
      ),
    survey_publish_contributor_names: z
      .boolean()
      .default(false)
      .describe(
        "Whether a pooled site's methodology page may name contributors; by default it gives counts only.",
      ),
  })
  .strict()
  .superRefine((s, ctx) => {
    // Dates that set the span of every monthly table: a far one would make millions of months
    // (as_of 9999-12-31 is 96,000 of them) and run the build out of memory, so refuse it here.
    const latest = `${new Date().getUTCFullYear() + 1}-12-31`;
    // with dates from 1900, at most 300 years of months (a far plausible_dates_to lets the latest
    // event, the default as_of, be that far)
    const farthest = "2200-12-31";
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (s.plausible_dates_from < "1900-01-01")
      issue("plausible_dates_from", `${s.plausible_dates_from} is before 1900-01-01`);
    if (s.plausible_dates_to !== undefined && s.plausible_dates_to > farthest)
      issue("plausible_dates_to", `${s.plausible_dates_to} is after ${farthest}`);
    if (s.plausible_dates_to !== undefined && s.plausible_dates_to <= s.plausible_dates_from)
      issue(
        "plausible_dates_to",
        `${s.plausible_dates_to} is not after plausible_dates_from ${s.plausible_dates_from}`,
      );
    if (s.plausible_annual_pay_min >= s.plausible_annual_pay_max)
      issue(
        "plausible_annual_pay_min",
        `${s.plausible_annual_pay_min} is not below plausible_annual_pay_max ${s.plausible_annual_pay_max}: every pay row would be rejected`,
      );
    if (s.as_of !== undefined && s.as_of > latest)
      issue("as_of", `${s.as_of} is after ${latest}: the reference date is "now", not the future`);
    if (s.as_of !== undefined && s.as_of < s.plausible_dates_from)
      issue("as_of", `${s.as_of} is before plausible_dates_from ${s.plausible_dates_from}`);
    if (s.history_start !== undefined && s.history_start < s.plausible_dates_from)
      issue("history_start", `${s.history_start} is before plausible_dates_from ${s.plausible_dates_from}`);
    if (s.history_start !== undefined && s.as_of !== undefined && s.history_start > s.as_of)
      issue("history_start", `${s.history_start} is after as_of ${s.as_of}`);
  });

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** Reads settings.json from a folder, or the defaults when it has none; errors name the file and field. */
export function readSettings(file: string): Settings {
  if (!existsSync(file)) return DEFAULT_SETTINGS;
  let json: unknown;
  try {
    // a UTF-8 byte-order mark (Notepad, Excel) is not part of the JSON
    json = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`${file}: ${issues.join("; ")}`);
  }
  return parsed.data;
}
