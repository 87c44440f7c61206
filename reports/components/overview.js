import { change, count, enoughForHeadline, MIN_EVENTS, pct, rate } from "./findings.js";
import { domainLabel, roleFamilyNoun } from "./taxonomy.js";
import { markQuantities, stated } from "./quantity.js";

/**
 * A key figure card: label, value, and a note (period, comparison).
 *
 * @param {{label: string, value: string, note?: string, compact?: boolean, quantities?: object[]}} options -
 *   compact: a smaller value for long ones (a date) that would otherwise wrap inside a card; quantities:
 *   what the value and note state (quantity.js stated()), marked for the same-number test.
 * @returns {HTMLElement}
 */
export function kpi({ label, value, note, compact = false, quantities }) {
  const card = document.createElement("div");
  card.className = "htm-kpi";
  const l = document.createElement("div");
  l.className = "htm-kpi-label";
  l.textContent = label;
  const v = document.createElement("div");
  v.className = "htm-kpi-value";
  v.textContent = value;
  if (compact) {
    v.style.fontSize = "1.5rem";
    v.style.whiteSpace = "nowrap";
  }
  card.append(l, v);
  if (note) {
    const n = document.createElement("div");
    n.className = "htm-kpi-note";
    n.textContent = note;
    card.append(n);
  }
  return markQuantities(card, quantities);
}

/** A grid of kpi() cards. */
export function kpiGrid(cards) {
  const grid = document.createElement("div");
  grid.className = "htm-kpis";
  grid.append(...cards);
  return grid;
}

/**
 * Candidate changes between the first and the last complete year of the data, each as a sentence with a
 * size on a common scale (percentage points for shares and rates; half the percent change for counts,
 * so a doubling of a small group does not drown every share shift). The caller shows the largest. Every
 * figure is a published one: yearly shares of in-house hours (marts.workload_domain_annual), average
 * headcount by role family (marts.turnover_annual), turnover and the networked inventory.
 *
 * @param {object} data - {workload, turnover, inventory} rows already filtered to one org; workload rows
 *   are marts.workload_domain_annual's.
 * @param {number} lastYear - last complete year.
 * @returns {{text: string, size: number, kind: string}[]}
 */
export function biggestChanges({ workload, turnover, inventory }, lastYear) {
  const changes = [];
  // Workload share by domain, first and last year with in-house work.
  const shares = workload.filter(
    (d) => d.domain !== "all" && d.domain !== "unmapped" && d.year <= lastYear && d.share != null,
  );
  const wYears = [...new Set(shares.map((d) => d.year))].sort((a, b) => a - b);
  if (wYears.length >= 2) {
    const [y0, y1] = [wYears[0], wYears[wYears.length - 1]];
    const at = (year, domain) => shares.find((d) => d.year === year && d.domain === domain)?.share;
    for (const domain of new Set(shares.map((d) => d.domain))) {
      const [s0, s1] = [at(y0, domain), at(y1, domain)];
      // a domain the organisation did not work in that year has no row: no change to state from it
      if (s0 == null || s1 == null) continue;
      const said = change({
        subject: `${domainLabel(domain)} work`,
        from: s0,
        to: s1,
        format: pct,
        verbs: ["grew", "fell"],
      });
      if (!said.changed) continue;
      changes.push({
        kind: "workload",
        size: Math.abs(s1 - s0) * 100,
        text: `${said.text} of in-house hours, ${y0}–${y1}.`,
        quantities: [
          stated(`workload_share.${domain}`, pct(s0), { period: y0, after: "from " }),
          stated(`workload_share.${domain}`, pct(s1), { period: y1, after: "to " }),
        ],
      });
    }
  }
  // Average headcount by role family (the turnover denominator: the year's mean of monthly averages).
  const families = turnover.filter(
    (d) =>
      !["all", "unknown", "unmapped"].includes(d.role_family) &&
      d.year <= lastYear &&
      d.avg_headcount != null,
  );
  const hYears = [...new Set(families.map((d) => d.year))].sort((a, b) => a - b);
  if (hYears.length >= 2) {
    const y1 = hYears[hYears.length - 1];
    const y0 = hYears.find((y) => y >= y1 - 9) ?? hYears[0];
    const at = (year, family) =>
      families.find((d) => d.year === year && d.role_family === family)?.avg_headcount;
    for (const family of new Set(families.map((d) => d.role_family))) {
      const [a, b] = [at(y0, family), at(y1, family)];
      // A year withheld (a small group in a public build) is unknown, not zero.
      if (a == null || b == null) continue;
      // No headline from a group that is under 5 people at both ends (findings respect n: docs/architecture.md).
      if (!enoughForHeadline({ people: Math.max(a, b) })) continue;
      const said = change({
        subject: `Average headcount of ${roleFamilyNoun(family)}`,
        from: a,
        to: b,
        relative: enoughForHeadline({ people: Math.min(a, b) }),
        none: "none",
      });
      if (!said.changed) continue;
      const [shownA, shownB] = [Math.round(a), Math.round(b)];
      const rel = shownA > 0 ? (shownB - shownA) / shownA : 1;
      changes.push({
        kind: "headcount",
        size: Math.min(Math.abs(rel) * 50, 50),
        text: `${said.text}, ${y0}–${y1}.`,
      });
    }
  }
  // Voluntary turnover.
  const tv = turnover
    .filter((d) => d.role_family === "all" && d.year <= lastYear && d.voluntary_turnover_rate != null)
    .sort((a, b) => a.year - b.year);
  if (tv.length >= 2) {
    const recent = tv.slice(-10);
    const [a, b] = [recent[0], recent[recent.length - 1]];
    // A rate of a team under 5, or resting on fewer than 3 resignations in both years, is no finding:
    // one resignation in a team of three is "33%".
    const enough =
      enoughForHeadline({ people: Math.min(a.avg_headcount ?? NaN, b.avg_headcount ?? NaN) }) &&
      Math.max(a.voluntary_separations ?? 0, b.voluntary_separations ?? 0) >= MIN_EVENTS;
    const said = change({
      subject: "Voluntary turnover",
      from: a.voluntary_turnover_rate,
      to: b.voluntary_turnover_rate,
      format: rate,
    });
    if (enough && said.changed)
      changes.push({
        kind: "turnover",
        size: Math.abs(b.voluntary_turnover_rate - a.voluntary_turnover_rate) * 100,
        text: `${said.text.replace(/ from (\S+) to (\S+)$/, ` from $1 in ${a.year} to $2 in ${b.year}`)}.`,
        quantities: [
          stated("voluntary_turnover_rate", rate(a.voluntary_turnover_rate), {
            period: a.year,
            after: "from ",
          }),
          stated("voluntary_turnover_rate", rate(b.voluntary_turnover_rate), {
            period: b.year,
            after: "to ",
          }),
        ],
      });
  }
  // Networked share of inventory.
  const inv = inventory
    .filter((d) => d.year <= lastYear && d.networked_share != null)
    .sort((a, b) => a.year - b.year);
  if (inv.length >= 2) {
    const recent = inv.slice(-10);
    const [a, b] = [recent[0], recent[recent.length - 1]];
    const said = change({
      subject: "The networked share of the device inventory",
      from: a.networked_share,
      to: b.networked_share,
      format: rate,
    });
    if (said.changed)
      changes.push({
        kind: "inventory",
        size: Math.abs(b.networked_share - a.networked_share) * 100,
        text: `${said.text}, ${a.year}–${b.year}.`,
        quantities: [
          stated("networked_share", rate(a.networked_share), { period: a.year, after: "from " }),
          stated("networked_share", rate(b.networked_share), { period: b.year, after: "to " }),
        ],
      });
  }
  return changes.sort((a, b) => b.size - a.size);
}
