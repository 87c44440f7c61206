/**
 * What the site may publish from each mart: its grain (key columns, never suppressed) and which
 * columns count people, so disclosure rules (DESIGN §8) are applied in one place for every page.
 */

export interface MartDisclosure {
  /** Grain columns: identify a cell, never suppressed (org_id is pseudonymised for a public audience). */
  readonly keys: readonly string[];
  /**
   * Columns counting people (a population, or the people an event happened to); a row is a small cell
   * when any of them is 1..min-1 (the CMS rule suppresses every count of 1 to 10 people, not only the
   * denominator). The Kaplan-Meier curve counts its at-risk set only: its monthly events are 1 or 2 by
   * nature, and a step discloses no more than the at-risk count it is estimated from (at least 11 when
   * published).
   */
  readonly people?: readonly string[];
  /**
   * The row carries a pay statistic: needs at least min_pay_group people in every audience
   * (a smaller group would disclose one person's pay).
   */
  readonly pay?: boolean;
  /** Non-key columns that describe no person (reference data) and stay when a row is suppressed. */
  readonly keep?: readonly string[];
}

/** Every mart of issue 5 the site reads; `reports/data/<mart>.arrow.ts` exists for each. */
export const MART_DISCLOSURE = {
  headcount_monthly: { keys: ["org_id", "month_end", "role_family"], people: ["headcount"] },
  turnover_annual: {
    keys: ["org_id", "year", "role_family"],
    people: ["avg_headcount", "separations", "voluntary_separations"],
  },
  retention_curve: {
    keys: ["org_id", "group_kind", "group_value", "event_kind", "month"],
    people: ["at_risk"],
  },
  retention_summary: { keys: ["org_id", "group_kind", "group_value", "event_kind"], people: ["n", "events"] },
  time_to_fill: { keys: ["org_id", "role", "role_family"], people: ["filled"] },
  vacancy: { keys: ["org_id", "as_of", "role_family"], people: ["headcount"] },
  internal_mobility: {
    keys: ["org_id", "year", "role_family"],
    people: ["avg_headcount", "moves", "promotions"],
  },
  workload_domain_quarterly: { keys: ["org_id", "quarter_start", "domain", "is_complete_quarter"] },
  specialist_demand: { keys: ["org_id", "year", "domain", "is_forecast"] },
  specialist_demand_forecast: { keys: ["org_id", "quarter_start", "domain", "is_forecast"] },
  // The one staffing-gap definition (overview, specialist demand, budget brief): FTE, no person counted.
  staffing_gap: { keys: ["org_id", "year", "domain"] },
  role_transitions: {
    keys: ["org_id", "year", "from_role", "to_role", "from_role_family", "to_role_family"],
    people: ["moves", "promotions"],
  },
  promotion_time: {
    keys: ["org_id", "from_role", "from_role_family", "from_ladder_level", "to_role"],
    people: ["n"],
  },
  certification_coverage: {
    keys: ["org_id", "year", "role_family", "certification"],
    people: ["headcount", "holders", "expiring_90d"],
  },
  pay_position: {
    keys: ["org_id", "year", "role", "role_family"],
    people: ["n"],
    pay: true,
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
  inventory_load: { keys: ["org_id", "year", "snapshot_on"] },
  // Labor cost is priced at each technician's own pay: one or two technicians would disclose a pay.
  cost_of_service: { keys: ["org_id", "year"], people: ["technicians_at_own_pay"], pay: true },
  retirement_exposure: {
    keys: ["org_id", "age_band", "band_order"],
    people: ["headcount", "headcount_known_age", "aged_60_within_5y"],
    keep: ["is_suppressed"],
  },
  cost_of_turnover: {
    keys: ["org_id", "year", "role_family"],
    people: ["separations", "separations_with_pay"],
    pay: true,
    keep: ["replacement_cost_factor", "is_suppressed"],
  },
  // Budget brief (issue 13). fte_cost publishes a median only over at least min_pay_group people (n_paid is
  // null otherwise, the market figure is used), so its people count is never a small cell.
  fte_cost: {
    keys: ["org_id", "domain", "year"],
    people: ["n_paid"],
    pay: true,
    keep: ["benefits_load", "market_pay_usd", "first_market_year", "last_market_year", "market_basis"],
  },
  make_or_buy: { keys: ["org_id", "domain", "year"] },
  projected_supply: { keys: ["org_id", "year", "domain"] },
  training_investment: { keys: ["org_id", "year", "domain"], people: ["trainees"] },
  train_or_hire: {
    keys: ["org_id", "domain"],
    people: ["trainees", "trainees_certified", "filled_requisitions"],
  },
  staffing_benchmarks: {
    keys: ["org_id", "as_of"],
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
  },
} as const satisfies Record<string, MartDisclosure>;

export type MartName = keyof typeof MART_DISCLOSURE;

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
