/**
 * The one declaration of each mart a reader may see: its grain, its key columns, and what every other
 * column is (a count of people, another additive amount, a pay statistic, a plain measure or reference
 * data). The publish layer (src/site/publish.ts, DESIGN §8) derives its SQL from these entries, the key
 * tests check the grain against them, and docs/marts.md lists them. Adding a mart the site reads is one
 * entry here plus `reports/data/<mart>.arrow.ts`; a column a mart has but its entry does not declare is
 * not published (and tests/publish.test.ts fails, naming it).
 */

/** A key column set whose value `'all'` marks the row totalling the others (a margin of the table). */
export interface TotalDimension {
  /** Columns that are all `'all'` on the total row (e.g. `["org_id"]`, `["from_role", "to_role"]`). */
  readonly columns: readonly string[];
  /**
   * Key columns that partition the members (e.g. `group_kind` for `group_value`): each partition plus
   * the total row is one line; the total row carries `'all'` in them too.
   */
  readonly within?: readonly string[];
  /** Key columns that follow from `columns` (role_family of a role), so they do not split a line. */
  readonly attributes?: readonly string[];
}

export interface PayDeclaration {
  /** Column counting the people behind the pay statistics of the row. */
  readonly people: string;
  /** Medians and other pay levels in USD: rounded to pay_rounding_usd, withheld below min_pay_group. */
  readonly levels?: readonly string[];
  /** 25th / 75th percentiles: withheld below min_pay_quartile_group as well. */
  readonly quartiles?: readonly string[];
  /** Additive pay amounts (sums of individual pay): rounded, withheld below min_pay_group, and protected by complementary suppression. */
  readonly sums?: readonly string[];
  /** Ratios of pay (market ratio, compa-ratio, premium): rounded to 2 decimals, withheld with the levels. */
  readonly ratios?: readonly string[];
}

export interface MartDisclosure {
  /** One row per … (docs/marts.md). */
  readonly grain: string;
  /** Grain columns: unique together, never suppressed (org_id is pseudonymised for a public audience). */
  readonly keys: readonly string[];
  /** Key columns with `'all'` total rows; complementary suppression runs along each. */
  readonly totals?: readonly TotalDimension[];
  /**
   * A key column of periods (year) whose rows add up to totals published elsewhere (all-time counts,
   * other marts): a line runs along it too, so one withheld year is never the only unknown.
   */
  readonly periods?: string;
  /**
   * Columns counting people (a population, or the people an event happened to); a row is a small cell
   * when any of them is between 0 and the threshold (the CMS rule suppresses every count of 1 to 10
   * people, not only the denominator). Additive along the totals. The Kaplan-Meier curve counts its
   * at-risk set only: its monthly events are 1 or 2 by nature, and a step discloses no more than the
   * at-risk count it is estimated from.
   */
  readonly people?: readonly string[];
  /** Other additive columns (hours, costs, counts of things): withheld with their row. */
  readonly additive?: readonly string[];
  /** Non-additive columns (rates, shares, survival, medians of days): withheld with their row. */
  readonly measures?: readonly string[];
  /** Pay statistics, under the pay rules in every audience. */
  readonly pay?: PayDeclaration;
  /** Columns that describe no person (reference data, the mart's own flags): never withheld. */
  readonly keep?: readonly string[];
  /** Audiences the table is published for (default: every audience). */
  readonly audiences?: readonly ("internal" | "public")[];
}

const ORG = { columns: ["org_id"] } as const;
const FAMILY = { columns: ["role_family"] } as const;

/** Every mart the site reads; `reports/data/<mart>.arrow.ts` exists for each. */
export const MART_DISCLOSURE = {
  headcount_monthly: {
    grain: "org_id, month_end, role_family",
    keys: ["org_id", "month_end", "role_family"],
    totals: [ORG, FAMILY],
    people: ["headcount"],
    additive: ["fte"],
  },
  turnover_annual: {
    grain: "org_id, year, role_family",
    keys: ["org_id", "year", "role_family"],
    totals: [ORG, FAMILY],
    periods: "year",
    people: ["avg_headcount", "separations", "voluntary_separations"],
    measures: ["turnover_rate", "voluntary_turnover_rate", "retention_rate"],
  },
  retention_curve: {
    grain: "org_id, group_kind, group_value, event_kind, month",
    keys: ["org_id", "group_kind", "group_value", "event_kind", "month"],
    totals: [ORG, { columns: ["group_value"], within: ["group_kind"] }],
    people: ["at_risk"],
    additive: ["events"],
    measures: ["survival", "ci_lower", "ci_upper"],
  },
  retention_summary: {
    grain: "org_id, group_kind, group_value, event_kind",
    keys: ["org_id", "group_kind", "group_value", "event_kind"],
    totals: [ORG, { columns: ["group_value"], within: ["group_kind"] }],
    people: ["n", "events"],
    measures: ["s12", "s24", "s36", "s60", "median_tenure_months"],
  },
  time_to_fill: {
    grain: "org_id, role",
    keys: ["org_id", "role", "role_family"],
    totals: [ORG, { columns: ["role"], attributes: ["role_family"] }],
    people: ["filled"],
    additive: ["open_now"],
    measures: ["median_days", "p75_days", "mean_days", "oldest_open_days"],
  },
  vacancy: {
    grain: "org_id, role_family at as_of",
    keys: ["org_id", "as_of", "role_family"],
    totals: [ORG, FAMILY],
    people: ["headcount"],
    additive: ["open_reqs"],
    measures: ["vacancy_rate"],
  },
  internal_mobility: {
    grain: "org_id, year, role_family",
    keys: ["org_id", "year", "role_family"],
    totals: [ORG, FAMILY],
    periods: "year",
    people: ["avg_headcount", "moves", "promotions"],
    measures: ["moves_per_100", "promotions_per_100"],
  },
  workload_domain_quarterly: {
    grain: "org_id, quarter_start, domain",
    keys: ["org_id", "quarter_start", "domain", "is_complete_quarter"],
    totals: [ORG, { columns: ["domain"] }],
    additive: ["hours"],
    measures: ["share"],
  },
  specialist_demand: {
    grain: "org_id, year, domain",
    keys: ["org_id", "year", "domain", "is_forecast"],
    totals: [ORG, { columns: ["domain"] }],
    additive: ["in_house_hours", "demand_fte", "supply_fte", "gap_fte"],
    measures: ["year_fraction", "lower_80", "upper_80"],
  },
  specialist_demand_forecast: {
    grain: "org_id, domain, quarter_start",
    keys: ["org_id", "quarter_start", "domain", "is_forecast"],
    totals: [ORG, { columns: ["domain"] }],
    additive: ["demand_fte"],
    measures: ["lower_80", "upper_80"],
  },
  role_transitions: {
    grain: "org_id, year, from_role → to_role",
    keys: ["org_id", "year", "from_role", "to_role", "from_role_family", "to_role_family"],
    totals: [ORG, { columns: ["from_role", "to_role"], attributes: ["from_role_family", "to_role_family"] }],
    periods: "year",
    people: ["moves", "promotions"],
  },
  promotion_time: {
    grain: "org_id, from_role, to_role",
    keys: ["org_id", "from_role", "from_role_family", "from_ladder_level", "to_role"],
    totals: [ORG, { columns: ["to_role"] }],
    people: ["n"],
    measures: ["median_months"],
  },
  certification_coverage: {
    grain: "org_id, year, role_family, certification",
    keys: ["org_id", "year", "role_family", "certification"],
    totals: [ORG, FAMILY],
    people: ["headcount", "holders", "expiring_90d"],
    measures: ["coverage"],
  },
  pay_position: {
    grain: "org_id, year, role",
    keys: ["org_id", "year", "role", "role_family"],
    totals: [ORG, { columns: ["role"], attributes: ["role_family"] }],
    people: ["n"],
    pay: {
      people: "n",
      levels: ["median_pay"],
      quartiles: ["p25_pay", "p75_pay"],
      ratios: ["market_ratio", "median_compa_ratio", "certified_premium"],
    },
    keep: [
      "market_median",
      "market_year",
      "market_source",
      "market_median_aged",
      "wage_index_factor",
      "market_basis",
      "suppressed_reason",
    ],
  },
  // Internal only: a public site shows small roles as suppressed. Role counts add up to their level's
  // and family's, so publishing both to a public audience would let a withheld role count be rebuilt.
  pay_rollup: {
    grain: "org_id, year, group_kind (ladder_level, role_family), group_value",
    keys: ["org_id", "year", "group_kind", "group_value"],
    totals: [ORG],
    people: ["n"],
    pay: { people: "n", levels: ["median_pay"] },
    audiences: ["internal"],
  },
  inventory_load: {
    grain: "org_id, year",
    keys: ["org_id", "year", "snapshot_on"],
    totals: [ORG],
    additive: ["active_assets", "technical_fte", "networked_assets"],
    measures: ["assets_per_technical_fte", "networked_share"],
  },
  // Labor cost is priced at each technician's own pay: few technicians would disclose a pay.
  cost_of_service: {
    grain: "org_id, year",
    keys: ["org_id", "year"],
    totals: [ORG],
    people: ["technicians_at_own_pay"],
    pay: {
      people: "technicians_at_own_pay",
      sums: ["labor_cost_usd", "service_cost_usd"],
      ratios: ["cost_of_service_ratio"],
    },
    // hours, vendor bills and the inventory describe no person (workload and inventory marts publish them)
    keep: [
      "vendor_cost_usd",
      "parts_cost_usd",
      "active_assets",
      "assets_without_cost",
      "acquisition_cost_usd",
      "year_fraction",
      "in_house_hours",
      "hours_priced_at_median",
      "hours_unpriced",
    ],
  },
  retirement_exposure: {
    grain: "org_id, age_band",
    keys: ["org_id", "age_band", "band_order"],
    totals: [ORG, { columns: ["age_band"], attributes: ["band_order"] }],
    people: ["headcount", "headcount_known_age", "aged_60_within_5y"],
    measures: ["share_of_headcount", "retirement_exposure"],
    keep: ["is_suppressed"],
  },
  cost_of_turnover: {
    grain: "org_id, year, role_family",
    keys: ["org_id", "year", "role_family"],
    totals: [ORG, FAMILY],
    periods: "year",
    people: ["separations", "separations_with_pay"],
    pay: { people: "separations_with_pay", sums: ["replacement_cost_usd"] },
    keep: ["replacement_cost_factor", "is_suppressed"],
  },
  // The one staffing-gap definition (overview, specialist demand, budget brief): FTE, no person counted.
  staffing_gap: {
    grain: "org_id, year, domain ('specialist' and 'all' = the totals)",
    keys: ["org_id", "year", "domain"],
    totals: [ORG, { columns: ["domain"] }],
    additive: [
      "demand_fte",
      "supply_fte",
      "gap_fte",
      "shortfall_fte",
      "qualified_supply_fte",
      "leadership_fte",
    ],
    keep: [
      "is_specialist",
      "is_total",
      "specialist_rank",
      "is_complete_year",
      "is_latest_complete_year",
      "supply_basis",
    ],
  },
  // What a budget scenario is priced with (issue 20): the pay figures are fte_cost's (n_paid people or the
  // market figure), the rest FTE, spend and settings.
  budget_scenario_inputs: {
    grain: "org_id, domain",
    keys: ["org_id", "domain"],
    totals: [ORG],
    people: ["n_paid"],
    pay: {
      people: "n_paid",
      levels: ["cost_per_fte_usd", "hire_cost_usd"],
    },
    additive: [
      "demand_fte",
      "supply_fte",
      "qualified_supply_fte",
      "gap_fte",
      "shortfall_fte",
      "vendor_spend_usd",
    ],
    measures: ["training_cost_per_hire_usd", "vendor_cost_per_hour_usd"],
    keep: [
      "year",
      "is_specialist",
      "vendor_takeover_share",
      "productive_hours_per_fte",
      "wage_growth_rate",
      "wage_growth_basis",
    ],
  },
  // Trust in the forecast (issue 20): last year's forecast re-run, against what happened; FTE of work only.
  forecast_backtest: {
    grain: "org_id, domain, year",
    keys: ["org_id", "domain", "year"],
    totals: [ORG, { columns: ["domain"] }],
    measures: ["forecast_fte", "lower_80", "upper_80", "actual_fte", "error_fte"],
    keep: ["n_quarters", "within_80"],
  },
  // Evidence of strain from the work orders (issue 20): counts of work orders, no person.
  cm_backlog: {
    grain: "org_id, month_end, domain",
    keys: ["org_id", "month_end", "domain"],
    totals: [ORG, { columns: ["domain"] }],
    additive: ["open_work_orders", "open_over_30_days", "opened", "completed"],
    measures: ["median_age_days", "oldest_age_days"],
  },
  turnaround: {
    grain: "org_id, year, domain",
    keys: ["org_id", "year", "domain"],
    totals: [ORG, { columns: ["domain"] }],
    additive: ["completed_work_orders"],
    measures: ["median_days", "p90_days", "in_house_median_days"],
  },
  scheduled_on_time: {
    grain: "org_id, year, domain",
    keys: ["org_id", "year", "domain"],
    totals: [ORG, { columns: ["domain"] }],
    additive: ["due_work_orders", "on_time", "late"],
    measures: ["on_time_share"],
  },
  // Who does each domain's work (issue 20): hours by role family, vendors and unattributed work apart;
  // people counts technicians (a count of people, so small cells follow the people rules).
  work_coverage: {
    grain: "org_id, year, domain, covered_by",
    keys: ["org_id", "year", "domain", "covered_by"],
    totals: [ORG],
    people: ["people"],
    additive: ["work_orders", "hours"],
  },
  // Budget brief (issue 13). fte_cost prices an FTE at a median of at least min_pay_group people (n_paid;
  // null when the market figure is used instead), so its pay figures are pay levels of that group.
  fte_cost: {
    grain: "org_id, domain, year",
    keys: ["org_id", "domain", "year"],
    totals: [ORG],
    people: ["n_paid"],
    pay: {
      people: "n_paid",
      levels: ["base_pay_usd", "cost_per_fte_usd", "replacement_cost_per_leaver_usd"],
      ratios: ["in_house_cost_per_hour_usd"],
    },
    measures: ["turnover_rate", "turnover_cost_usd"],
    additive: ["supply_fte"],
    keep: [
      "cost_basis",
      "benefits_load",
      "market_pay_usd",
      "first_market_year",
      "last_market_year",
      "market_basis",
    ],
  },
  make_or_buy: {
    grain: "org_id, domain, year",
    keys: ["org_id", "domain", "year"],
    totals: [ORG],
    additive: [
      "in_house_hours",
      "vendor_work_orders",
      "vendor_spend_usd",
      "vendor_work_orders_with_hours",
      "vendor_hours_recorded",
      "vendor_hours_fte",
    ],
    // the in-house rate is fte_cost's (a median of n_paid ≥ min_pay_group people, or the market figure)
    people: ["n_paid"],
    pay: {
      people: "n_paid",
      ratios: ["in_house_cost_per_hour_usd"],
      sums: ["in_house_cost_of_vendor_hours_usd"],
    },
    measures: ["vendor_cost_per_hour_usd", "vendor_hours_share", "vendor_cost_per_work_order_usd"],
    keep: ["in_house_cost_basis", "vendor_rate_note"],
  },
  projected_supply: {
    grain: "org_id, year, domain",
    keys: ["org_id", "year", "domain"],
    totals: [ORG, { columns: ["domain"] }],
    additive: [
      "supply_now_fte",
      "expected_leavers_fte",
      "expected_retirements_fte",
      "projected_supply_fte",
      "demand_fte",
      "projected_gap_fte",
    ],
    measures: ["demand_lower_80", "demand_upper_80"],
    keep: ["retirement_known"],
  },
  training_investment: {
    grain: "org_id, year, domain",
    keys: ["org_id", "year", "domain"],
    totals: [ORG, { columns: ["domain"] }],
    periods: "year",
    people: ["trainees"],
    additive: ["courses", "training_hours", "training_cost_usd", "certifications_earned", "technical_fte"],
    measures: ["hours_per_fte", "cost_per_fte_usd"],
  },
  train_or_hire: {
    grain: "org_id, domain",
    keys: ["org_id", "domain"],
    totals: [ORG],
    people: ["trainees", "trainees_certified", "filled_requisitions", "n_paid"],
    additive: ["train_hours", "train_course_cost_usd"],
    // priced at fte_cost's cost of an FTE (a median of n_paid ≥ min_pay_group people, or the market figure)
    pay: { people: "n_paid", levels: ["train_cost_usd", "hire_cost_usd", "cost_per_fte_usd"] },
    measures: ["train_days", "hire_days"],
    keep: ["cost_basis"],
  },
  // Internal only: staffed beds would name an organisation behind its pseudonym.
  staffing_benchmarks: {
    grain: "org_id (as of the as-of date)",
    keys: ["org_id", "as_of"],
    totals: [ORG],
    additive: ["technical_fte", "active_assets"],
    measures: ["fte_per_100_beds", "devices_per_technical_fte"],
    keep: [
      "staffed_beds",
      "fte_per_100_beds_benchmark",
      "fte_per_100_beds_source",
      "devices_per_technical_fte_benchmark",
      "devices_per_technical_fte_source",
      "cost_of_service_ratio_low",
      "cost_of_service_ratio_typical",
      "cost_of_service_ratio_high",
      "cost_of_service_ratio_source",
    ],
    audiences: ["internal"],
  },
} as const satisfies Record<string, MartDisclosure>;

export type MartName = keyof typeof MART_DISCLOSURE;

/**
 * The data-quality page's tables, built from meta.* and raw.* by src/sql/publish/inputs/<name>.sql
 * (into work.<name>_input) and published under the same rules as a mart: in a public build a count of
 * fewer than min_cell_public rows is suppressed, with complementary suppression. Every row count is
 * treated as a count of people (most input rows describe one person).
 */
export const PUBLISH_INPUT_DISCLOSURE = {
  data_quality_files: {
    grain: "input file of the latest load",
    keys: ["source", "file", "present"],
    people: ["data_rows", "accepted_rows", "rejected_rows", "out_of_scope_rows"],
  },
  data_quality_outside_employment: {
    grain:
      "source_file, position (before the first hire, after a termination...), treatment: job-history and pay rows dated outside every employment",
    keys: ["source_file", "position", "treatment"],
    people: ["rows"],
  },
  data_quality_rejections: {
    grain: "source_file, column_name, reason of the latest load ('all', 'all' = the file's rejected rows)",
    keys: ["source_file", "column_name", "reason"],
    totals: [{ columns: ["column_name", "reason"] }],
    people: ["rows"],
  },
  data_quality_unmapped: {
    grain: "source, column_name, value matching no taxonomy rule",
    keys: ["source", "column_name", "value"],
    people: ["rows"],
  },
  data_quality_coverage: {
    grain: "source, year of its first required date column",
    keys: ["source", "date_column", "year"],
    periods: "year",
    people: ["rows"],
  },
} as const satisfies Record<string, MartDisclosure>;

/** Every non-key column an entry declares, with what it is. */
export function declaredColumns(rule: MartDisclosure): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of rule.keys) out.set(k, "key");
  for (const c of rule.people ?? []) out.set(c, "people");
  for (const c of rule.additive ?? []) out.set(c, "additive");
  for (const c of rule.measures ?? []) out.set(c, "measure");
  for (const c of rule.pay?.levels ?? []) out.set(c, "pay level");
  for (const c of rule.pay?.quartiles ?? []) out.set(c, "pay quartile");
  for (const c of rule.pay?.sums ?? []) out.set(c, "pay sum");
  for (const c of rule.pay?.ratios ?? []) out.set(c, "pay ratio");
  for (const c of rule.keep ?? []) out.set(c, "reference");
  return out;
}

/**
 * Columns the site never ships whatever a mart contains: person identifiers, names, birth years and
 * individual pay (DESIGN §8). A mart should not have them; this is the second lock.
 */
export const FORBIDDEN_COLUMNS: readonly RegExp[] = [
  /(^|_)employee_id$/,
  /(^|_)technician_id$/,
  /^(first_|last_|full_|employee_)?name$/,
  /birth_year/,
  /^annual_pay_usd$/,
  /^amount$/,
];
