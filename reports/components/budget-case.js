/**
 * The money case of a budget scenario: the one function that applies the reader's scenario (FTE added or
 * removed per domain) to what marts.budget_scenario_inputs priced in the warehouse. The page and
 * `htm-workforce brief` print what it returns; no other arithmetic on the scenario happens in the page.
 *
 * Per domain, with `change` FTE (negative = a cut):
 * - a cut removes at most the domain's staff (supply_fte): a larger one is priced at that (`change_fte`,
 *   with the request in `requested_change_fte`; `cut_capped` names those domains);
 * - annual cost = change × cost of an FTE (pay × benefits load); a cut is a saving (negative);
 * - one-off cost (adds only) = change × (hiring cost + training cost of a hire);
 * - vendor spend avoided (adds) = the smaller of vendor_takeover_share × the domain's vendor spend and
 *   change × productive hours × the take-over rate (the vendor's price per hour where vendors record hours,
 *   else the in-house cost per hour, i.e. the cost of an FTE: taking work over then saves no more than it
 *   costs);
 *   vendor spend added (cuts, shown as negative avoided) = the work the removed staff did beyond the
 *   domain's surplus of staff (max(0, −gap)), bought at the take-over rate;
 * - net annual cost = annual cost − vendor spend avoided;
 * - need, staff and gap after: staff + change; added staff are hired into the domain's own role, so they
 *   count as qualified; the specialist gap after = Σ over specialist domains of max(0, need − qualified staff
 *   after), as in marts.staffing_gap.
 * Work a cut buys from vendors at our own cost per hour nets to nothing by construction:
 * `bought_at_own_cost` lists those domains, so the page states that the saving rests on that price;
 * likewise vendor work an added FTE takes over at our own cost per hour (`taken_over_at_own_cost`).
 * Payback in months = one-off cost ÷ (yearly saving ÷ 12) when the scenario saves money every year (net
 * annual cost < 0); none when it does not. Three years: pay and vendor prices both grow by wage_growth_rate
 * a year (field service is labour, priced like it), the one-off cost falls in year 1.
 *
 * Need, staff and gap of the total are the published total (marts.staffing_gap's 'all' row, `published`)
 * when given, with the scenario's change of staff added: the domains of the inputs leave out work no rule
 * assigns to a domain, so their sum is not the figure every other page states.
 *
 * @param {object[]} inputs - marts.budget_scenario_inputs rows of one organisation.
 * @param {Record<string, number>} scenario - FTE change per domain (parseScenario().scenario).
 * @param {{demand_fte: number, supply_fte: number, gap_fte: number}|null} [published] - the staffing
 *   gap's total row of the same organisation and year.
 */
export function scenarioCase(inputs, scenario, published = null) {
  const known = new Set(inputs.map((d) => d.domain));
  const unknown = Object.keys(scenario).filter((d) => !known.has(d));
  const unpriced = [];
  const rows = inputs.map((d) => {
    const requested = scenario[d.domain] ?? 0;
    // a cut removes at most the staff the domain has: cutting 1 FTE from 0.7 saves 0.7 FTE of pay
    const change = requested < 0 ? Math.max(requested, -d.supply_fte) : requested;
    // what a year of one FTE's hours of vendor work is worth: at our own cost per hour that is exactly the
    // cost of an FTE (not the published, rounded hourly rate × hours, which would leave a few dollars over)
    const perFte =
      d.vendor_cost_per_hour_usd != null
        ? d.vendor_cost_per_hour_usd * d.productive_hours_per_fte
        : d.cost_per_fte_usd;
    let annual = 0;
    if (change !== 0) {
      if (d.cost_per_fte_usd == null) unpriced.push(d.domain);
      else annual = change * d.cost_per_fte_usd;
    }
    const oneOff = change > 0 ? change * ((d.hire_cost_usd ?? 0) + (d.training_cost_per_hire_usd ?? 0)) : 0;
    let avoided = 0;
    if (change > 0 && perFte != null)
      avoided = Math.min(d.vendor_takeover_share * d.vendor_spend_usd, change * perFte);
    if (change < 0 && perFte != null) {
      const surplus = Math.max(0, -d.gap_fte);
      avoided = -Math.max(0, -change - surplus) * perFte;
    }
    const supplyAfter = Math.max(0, d.supply_fte + change);
    const qualifiedAfter = Math.max(0, d.qualified_supply_fte + change);
    return {
      ...d,
      change_fte: change,
      requested_change_fte: requested,
      // what an hour of the domain's vendor work is priced at: the vendor's own price per hour, or our own
      // cost per hour where vendors record too few hours to price theirs
      takeover_rate_basis: d.vendor_cost_per_hour_usd != null ? "vendor_hour" : "own_cost",
      annual_cost_usd: annual,
      one_off_cost_usd: oneOff,
      vendor_avoided_usd: avoided,
      net_annual_cost_usd: annual - avoided,
      supply_after_fte: supplyAfter,
      gap_after_fte: d.demand_fte - supplyAfter,
      shortfall_after_fte: d.is_specialist
        ? Math.max(0, d.demand_fte - qualifiedAfter)
        : Math.max(0, d.demand_fte - supplyAfter),
    };
  });
  const sum = (key, filter = () => true) => rows.filter(filter).reduce((s, d) => s + d[key], 0);
  const total = {
    change_fte: sum("change_fte"),
    demand_fte: sum("demand_fte"),
    supply_fte: sum("supply_fte"),
    supply_after_fte: sum("supply_after_fte"),
    gap_fte: sum("gap_fte"),
    gap_after_fte: sum("gap_after_fte"),
    annual_cost_usd: sum("annual_cost_usd"),
    one_off_cost_usd: sum("one_off_cost_usd"),
    vendor_avoided_usd: sum("vendor_avoided_usd"),
    vendor_spend_usd: sum("vendor_spend_usd"),
    net_annual_cost_usd: sum("net_annual_cost_usd"),
  };
  if (published?.demand_fte != null && published.supply_fte != null) {
    const added = total.supply_after_fte - total.supply_fte;
    total.demand_fte = published.demand_fte;
    total.supply_fte = published.supply_fte;
    total.gap_fte = published.gap_fte ?? published.demand_fte - published.supply_fte;
    total.supply_after_fte = published.supply_fte + added;
    total.gap_after_fte = published.demand_fte - total.supply_after_fte;
  }
  const specialist = {
    shortfall_fte: sum("shortfall_fte", (d) => d.is_specialist),
    shortfall_after_fte: sum("shortfall_after_fte", (d) => d.is_specialist),
  };
  const net = total.net_annual_cost_usd;
  const paybackMonths =
    net < 0 ? (total.one_off_cost_usd > 0 ? total.one_off_cost_usd / (-net / 12) : 0) : null;
  const growth = inputs[0]?.wage_growth_rate ?? 0;
  let cumulative = 0;
  const years = [1, 2, 3].map((k) => {
    const grown = (1 + growth) ** (k - 1);
    const pay = total.annual_cost_usd * grown;
    const vendor = total.vendor_avoided_usd * grown;
    const oneOff = k === 1 ? total.one_off_cost_usd : 0;
    const netYear = pay + oneOff - vendor;
    cumulative += netYear;
    return {
      year: k,
      pay_cost_usd: pay,
      one_off_cost_usd: oneOff,
      vendor_avoided_usd: vendor,
      net_cost_usd: netYear,
      cumulative_net_cost_usd: cumulative,
    };
  });
  return {
    rows,
    total,
    specialist,
    years,
    payback_months: paybackMonths,
    wage_growth_rate: growth,
    wage_growth_basis: inputs[0]?.wage_growth_basis ?? null,
    vendor_takeover_share: inputs[0]?.vendor_takeover_share ?? null,
    unpriced,
    unknown,
    // domains whose cut buys work from vendors at our own cost per hour (no vendor price per hour): the
    // cut then saves nothing net by construction, and the page must say the saving depends on that price
    bought_at_own_cost: rows
      .filter((d) => d.vendor_avoided_usd < 0 && d.takeover_rate_basis === "own_cost")
      .map((d) => d.domain),
    // domains whose added staff take work over from vendors priced at our own cost per hour: the
    // vendor spend avoided then equals their cost by construction, and the page says so
    // domains asked to cut more staff than they have: priced at the staff they have, and the page says so
    cut_capped: rows.filter((d) => d.requested_change_fte < d.change_fte).map((d) => d.domain),
    taken_over_at_own_cost: rows
      .filter((d) => d.vendor_avoided_usd > 0 && d.takeover_rate_basis === "own_cost")
      .map((d) => d.domain),
    changed: total.change_fte !== 0 || rows.some((d) => d.requested_change_fte !== 0),
  };
}
