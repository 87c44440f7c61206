import * as Plot from "@observablehq/plot";
import { endLabels, lineFrame, yearAxis } from "./end-labels.js";
import { count, pct, plural } from "./findings.js";
import { domainColors, seriesColors } from "./palette.js";
import { domainLabel } from "./taxonomy.js";

// The field's story told from the data: process work, equipment systems, new specialist roles and
// retention by landmark. Every number comes from a mart (process_work_change, system_work_change,
// specialist_role_firsts, specialist_roles_yearly, retention_landmark); these functions only choose
// the words. No sentence states a finding from fewer than 5 events or people (the marts' flags).

/** Fewest events (work orders, separations) a stated trend or change rests on. */
export const MIN_STORY_EVENTS = 5;

const days = (v) => (v == null ? "–" : `${Math.round(v)} ${Math.round(v) === 1 ? "day" : "days"}`);
// shares of work orders are small (a process is 0.1–2% of work): one decimal below 10%
const share = (v) => (v == null ? "–" : v < 0.1 ? `${(v * 100).toFixed(1)}%` : pct(v));

/**
 * The finding for process work as a whole (the 'all' row of process_work_change for one organisation).
 *
 * @param {object[]} changes - process_work_change rows of one organisation.
 * @returns {string}
 */
export function processWorkTitle(changes) {
  const all = changes.find((d) => d.process === "all");
  if (!all)
    return "No process work (risk assessments, recalls, incidents, evaluations, inspections) recorded";
  if (!all.has_enough_events)
    return `Too few process work orders for a finding (${plural(Number(all.work_orders_first) + Number(all.work_orders_last), "work order")} in ${all.first_year} and ${all.last_year})`;
  const fastest = changes
    .filter(
      (d) => d.process !== "all" && d.has_enough_events && d.share_first != null && d.share_last != null,
    )
    .sort((a, b) => b.share_last - b.share_first - (a.share_last - a.share_first))[0];
  const verb = all.share_last > all.share_first ? "rose" : all.share_last < all.share_first ? "fell" : "held";
  const head =
    verb === "held"
      ? `Process work held at ${share(all.share_last)} of work orders, ${all.first_year}–${all.last_year}`
      : `Process work ${verb} from ${share(all.share_first)} to ${share(all.share_last)} of work orders, ${all.first_year}–${all.last_year}`;
  return fastest && fastest.share_last > fastest.share_first
    ? `${head}; ${fastest.label.toLowerCase()} grew most (${share(fastest.share_first)} → ${share(fastest.share_last)})`
    : head;
}

/**
 * One sentence per process: its share of work orders then and now and how fast it is done, or why
 * the data cannot say.
 *
 * @param {object[]} changes - process_work_change rows of one organisation.
 * @returns {{process: string, text: string}[]}
 */
export function processSentences(changes) {
  return changes
    .filter((d) => d.process !== "all")
    .map((d) => {
      const n = Number(d.work_orders_first) + Number(d.work_orders_last);
      if (!d.has_enough_events)
        return {
          process: d.process,
          text: `${d.label}: too few work orders to state a trend (${plural(n, "work order")} in ${d.first_year} and ${d.last_year} together; a finding needs ${MIN_STORY_EVENTS}).`,
        };
      const speed = d.has_enough_days
        ? days(d.median_days_first) === days(d.median_days_last)
          ? ` Median ${d.clock} held at ${days(d.median_days_last)}.`
          : ` Median ${d.clock} ${d.median_days_last < d.median_days_first ? "fell" : "rose"} from ${days(d.median_days_first)} to ${days(d.median_days_last)}.`
        : ` Too few completed in one of the two years to compare ${d.clock} (a comparison needs ${MIN_STORY_EVENTS} in each).`;
      return {
        process: d.process,
        text: `${d.label}: ${share(d.share_first)} of work orders in ${d.first_year} (${count(d.work_orders_first)}), ${share(d.share_last)} in ${d.last_year} (${count(d.work_orders_last)}).${speed}`,
      };
    });
}

/**
 * Share of work orders by process and year, one line per process, labelled at its end.
 *
 * @param {object[]} rows - process_work_yearly rows of one organisation (complete years).
 * @param {{width: number, height?: number, document?: Document}} options
 */
export function processWorkChart(rows, { width, height = 300, document } = {}) {
  const data = rows.filter((d) => d.process !== "all" && d.share_of_work_orders != null);
  const years = [...new Set(data.map((d) => d.year))].sort((a, b) => a - b);
  const last = years.at(-1);
  const max = Math.max(0.001, ...data.map((d) => d.share_of_work_orders));
  const labels = data
    .filter((d) => d.year === last)
    .map((d) => ({
      x: d.year,
      y: d.share_of_work_orders,
      key: d.process,
      label: `${d.label} ${share(d.share_of_work_orders)}`,
    }));
  const marginTop = 20;
  const marginBottom = 30;
  return Plot.plot({
    ...lineFrame({ document, width, height, marginTop, marginBottom, marginRight: width < 640 ? 150 : 210 }),
    x: yearAxis(width, years),
    // percent: the scale reads values × 100, so its domain is in percent
    y: { label: "↑ Share of all work orders (%)", percent: true, domain: [0, max * 110], grid: true },
    color: seriesColors(data.map((d) => d.process)),
    marks: [
      Plot.lineY(data, {
        x: "year",
        y: "share_of_work_orders",
        stroke: "process",
        tip: true,
        channels: { Process: "label", "Work orders": "work_orders" },
      }),
      Plot.dot(data, { x: "year", y: "share_of_work_orders", fill: "process", r: 2.5 }),
      ...endLabels(labels, {
        yDomain: [0, max * 1.1],
        plotHeight: height - marginTop - marginBottom,
        maxWidthPx: width < 640 ? 130 : undefined,
      }),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * One sentence per equipment system (sterilizers, generators, nurse call, beds, RTLS, UPS, dental):
 * its trend in work orders where at least 5 support one, otherwise why not.
 *
 * @param {object[]} changes - system_work_change rows of one organisation.
 * @returns {{system: string, trend: string|null, text: string}[]}
 */
export function systemSentences(changes) {
  return changes.map((d) => {
    const a = Number(d.work_orders_first);
    const b = Number(d.work_orders_last);
    if (d.trend == null) {
      return {
        system: d.system,
        trend: null,
        text: `${d.system}: too few work orders to state a trend (${plural(a + b, "work order")} in ${d.first_year} and ${d.last_year} together; a trend needs ${MIN_STORY_EVENTS}).`,
      };
    }
    const joined =
      a === 0 && d.first_year_with_work != null && d.first_year_with_work > d.first_year
        ? ` No such work before ${d.first_year_with_work}: it joined the department's work then.`
        : "";
    const verb = { rising: "rose", falling: "fell", steady: "held steady" }[d.trend];
    const figures =
      a === 0
        ? `from none in ${d.first_year} to ${count(b)} in ${d.last_year}`
        : `from ${count(a)} in ${d.first_year} to ${count(b)} in ${d.last_year}`;
    return { system: d.system, trend: d.trend, text: `${d.system} work orders ${verb} ${figures}.${joined}` };
  });
}

/**
 * The finding over the systems: how many rose, and the one that grew most.
 *
 * @param {object[]} changes - system_work_change rows of one organisation.
 */
export function systemsTitle(changes) {
  const stated = changes.filter((d) => d.trend != null);
  if (!stated.length)
    return "Too few work orders on facilities-type systems and dental equipment for a trend";
  const rising = stated.filter((d) => d.trend === "rising");
  const top = [...stated].sort((a, b) => (b.change_ratio ?? Infinity) - (a.change_ratio ?? Infinity))[0];
  const first = stated[0].first_year;
  const last = stated[0].last_year;
  const topText =
    Number(top.work_orders_first) === 0
      ? `${top.system.toLowerCase()} work is new since ${top.first_year_with_work}`
      : `${top.system.toLowerCase()} grew most (×${top.change_ratio.toFixed(1)})`;
  return `${rising.length} of ${stated.length} systems had more work orders in ${last} than in ${first}; ${topText}`;
}

/**
 * Work orders per year by system, one line each, labelled at the end.
 *
 * @param {object[]} rows - system_work_yearly rows of one organisation (complete years).
 */
export function systemWorkChart(rows, { width, height = 300, document } = {}) {
  const data = rows
    .filter((d) => d.work_orders != null)
    .map((d) => ({ ...d, work_orders: Number(d.work_orders) }));
  const years = [...new Set(data.map((d) => d.year))].sort((a, b) => a - b);
  const last = years.at(-1);
  const max = Math.max(1, ...data.map((d) => d.work_orders));
  const labels = data
    .filter((d) => d.year === last)
    .map((d) => ({
      x: d.year,
      y: d.work_orders,
      key: d.system,
      label: `${d.system} ${count(d.work_orders)}`,
    }));
  const marginTop = 20;
  const marginBottom = 30;
  return Plot.plot({
    ...lineFrame({ document, width, height, marginTop, marginBottom, marginRight: width < 640 ? 140 : 180 }),
    x: yearAxis(width, years),
    y: { label: "↑ Work orders per year", domain: [0, max * 1.1], grid: true },
    color: seriesColors(data.map((d) => d.system)),
    marks: [
      Plot.lineY(data, { x: "year", y: "work_orders", stroke: "system", tip: true }),
      ...endLabels(labels, {
        yDomain: [0, max * 1.1],
        plotHeight: height - marginTop - marginBottom,
        maxWidthPx: width < 640 ? 120 : undefined,
      }),
      Plot.ruleY([0]),
    ],
  });
}

/** The specialist domains whose new roles the site follows, current and legacy names. */
export const NEW_ROLE_DOMAINS = ["networking", "integration", "cybersecurity", "networking_integration"];

/**
 * When each specialist role first appears at an organisation, and where its first holder came from.
 *
 * @param {object[]} firsts - specialist_role_firsts rows (one organisation, or every one).
 * @param {(org: string) => string} orgName
 * @returns {string[]}
 */
export function roleFirstSentences(firsts, orgName) {
  return [...firsts]
    .filter((d) => NEW_ROLE_DOMAINS.includes(d.primary_domain))
    .sort((a, b) => a.first_year - b.first_year || String(a.org_id).localeCompare(String(b.org_id)))
    .map((d) =>
      d.is_before_records
        ? `${orgName(d.org_id)}: ${d.role} was already there when the records begin.`
        : `${orgName(d.org_id)}: first ${d.role} in ${d.first_year}${d.first_holder_origin ? `, ${d.first_holder_origin === "hire" ? "hired from outside" : "moved in from another role"}` : ""}.`,
    );
}

/**
 * The finding: how many organisations had a networking, cybersecurity or integration role, first
 * year against last, and where this year's holders came from.
 *
 * @param {object[]} yearly - specialist_roles_yearly rows.
 */
export function newRolesTitle(yearly) {
  const rows = yearly.filter((d) => NEW_ROLE_DOMAINS.includes(d.domain));
  if (!rows.length) return "No networking, cybersecurity or integration role in the records";
  const last = Math.max(...rows.map((d) => d.year));
  const parts = NEW_ROLE_DOMAINS.map((domain) => {
    const own = rows.filter((d) => d.domain === domain).sort((a, b) => a.year - b.year);
    if (!own.length) return null;
    const l = own.find((d) => d.year === last);
    return l ? `${domainLabel(domain).toLowerCase()} ${l.orgs_with_role} (first in ${own[0].year})` : null;
  }).filter(Boolean);
  const staff = rows.find((d) => d.year === last)?.orgs_with_staff;
  return `Organisations with a specialist role in ${last}, of ${staff}: ${parts.join(", ")}`;
}

/** Where the holders of these roles came from in the last year, domain by domain. */
export function newRoleOriginSentence(yearly) {
  const rows = yearly.filter((d) => NEW_ROLE_DOMAINS.includes(d.domain) && d.holders != null);
  if (!rows.length) return "";
  const last = Math.max(...rows.map((d) => d.year));
  const parts = rows
    .filter((d) => d.year === last)
    .map((d) =>
      Number(d.holders) < MIN_STORY_EVENTS
        ? `${domainLabel(d.domain).toLowerCase()}: ${plural(Number(d.holders), "person", "people")}, too few to say`
        : `${domainLabel(d.domain).toLowerCase()}: ${d.holders_internal} of ${d.holders} moved in from another role, ${d.holders_hired} hired`,
    );
  return `Where the holders in ${last} came from (a finding needs ${MIN_STORY_EVENTS} people): ${parts.join("; ")}.`;
}

/** Organisations with a role of each new specialist domain, per year. */
export function newRolesChart(yearly, { width, height = 260, document } = {}) {
  const data = yearly
    .filter((d) => NEW_ROLE_DOMAINS.includes(d.domain))
    .map((d) => ({ ...d, label: domainLabel(d.domain) }));
  const years = [...new Set(data.map((d) => d.year))].sort((a, b) => a - b);
  const last = years.at(-1);
  const max = Math.max(1, ...data.map((d) => d.orgs_with_staff ?? d.orgs_with_role));
  const labels = data
    .filter((d) => d.year === last)
    .map((d) => ({ x: d.year, y: d.orgs_with_role, key: d.domain, label: `${d.label} ${d.orgs_with_role}` }));
  const marginTop = 20;
  const marginBottom = 30;
  return Plot.plot({
    ...lineFrame({ document, width, height, marginTop, marginBottom, marginRight: width < 640 ? 130 : 160 }),
    x: yearAxis(width, years),
    y: { label: "↑ Organisations with the role", domain: [0, max], grid: true, tickFormat: "d" },
    // a domain's colour on every chart of both sites (palette.js), not the next free series colour
    color: domainColors(data.map((d) => d.domain)),
    marks: [
      Plot.lineY(data, {
        x: "year",
        y: "orgs_with_role",
        stroke: "domain",
        curve: "step-after",
        tip: true,
        channels: { Domain: "label" },
      }),
      Plot.dot(data, { x: "year", y: "orgs_with_role", fill: "domain", r: 2.5 }),
      ...endLabels(labels, { yDomain: [0, max], plotHeight: height - marginTop - marginBottom }),
      Plot.ruleY([0]),
    ],
  });
}

const PATH_WORDS = {
  certified: ["holding a certification", "without one"],
  moved_role: ["who had moved to another role", "who had not"],
};

/**
 * The landmark comparison in words: staff with a certification (or a role move) on the day they
 * reached 12 or 24 months of tenure against those without, followed from that day. Headlined only
 * when both groups have at least 10 people and 5 separations (the mart's has_enough_people).
 *
 * @param {object[]} rows - retention_landmark rows of one organisation.
 * @param {"certified"|"moved_role"} path
 * @returns {{text: string, holds: boolean, gap: number|null}}
 */
export function landmarkSentence(rows, path, landmarkMonths = 12) {
  const yes = rows.find((d) => d.path === path && d.landmark_months === landmarkMonths && d.status === "yes");
  const no = rows.find((d) => d.path === path && d.landmark_months === landmarkMonths && d.status === "no");
  const [withWords, withoutWords] = PATH_WORDS[path];
  if (!yes || !no || !yes.has_enough_people || !no.has_enough_people) {
    const n = (r) => (r ? Number(r.people) : 0);
    return {
      holds: false,
      gap: null,
      text: `Staff ${withWords} at ${landmarkMonths} months of tenure against those ${withoutWords}: too few to compare (at the landmark: ${plural(n(yes), "person", "people")} with, ${plural(n(no), "person", "people")} without; each group needs 10 people and ${MIN_STORY_EVENTS} later departures).`,
    };
  }
  const horizon = yes.survival_24 != null && no.survival_24 != null ? 24 : 12;
  const sy = yes[`survival_${horizon}`];
  const sn = no[`survival_${horizon}`];
  if (sy == null || sn == null)
    return {
      holds: false,
      gap: null,
      text: `Staff ${withWords} at ${landmarkMonths} months: not followed long enough to compare.`,
    };
  const overlap =
    yes[`ci_lower_${horizon}`] <= no[`ci_upper_${horizon}`] &&
    no[`ci_lower_${horizon}`] <= yes[`ci_upper_${horizon}`];
  return {
    holds: !overlap,
    gap: sy - sn,
    text: `Of staff ${withWords} when they reached ${landmarkMonths} months of tenure, ${pct(sy)} were still employed ${horizon} months later, against ${pct(sn)} of those ${withoutWords} (${plural(Number(yes.people), "person", "people")} and ${plural(Number(no.people), "person", "people")})${overlap ? "; the 95% intervals overlap, so the data do not show a difference" : ""}.`,
  };
}

/** A list of finding sentences under a chart. */
export function storyList(texts) {
  const list = document.createElement("ul");
  list.className = "htm-story";
  for (const text of texts) {
    const li = document.createElement("li");
    li.textContent = text;
    list.append(li);
  }
  return list;
}

/** What to say where the data cannot show a story, and why. */
export function storyNotice(text) {
  const box = document.createElement("p");
  box.className = "htm-notice";
  box.setAttribute("role", "note");
  box.textContent = text;
  return box;
}

/**
 * Still employed 24 months after the landmark (12 where follow-up is shorter), with 95% intervals,
 * one row per growth path and status. Groups under 5 people are left out (named in the sentences).
 *
 * @param {object[]} rows - retention_landmark rows of one organisation and landmark.
 */
export function landmarkChart(rows, { width, height = 240, document } = {}) {
  const pathLabel = { certified: "Certified", moved_role: "Moved role" };
  const data = rows
    .filter((d) => (d.survival_24 != null || d.survival_12 != null) && Number(d.people) >= 5)
    .map((d) => {
      const h = d.survival_24 != null ? 24 : 12;
      return {
        group: `${pathLabel[d.path] ?? d.path}: ${d.status === "yes" ? "yes" : "no"} (${count(d.people)})`,
        status: d.status === "yes" ? "Yes" : "No",
        survival: d[`survival_${h}`],
        lower: d[`ci_lower_${h}`],
        upper: d[`ci_upper_${h}`],
        horizon: `${h} months after the landmark`,
      };
    });
  return Plot.plot({
    document,
    width,
    height,
    marginLeft: width < 640 ? 150 : 190,
    x: { label: "Still employed after the landmark (%) →", percent: true, domain: [0, 100], grid: true },
    y: { label: null },
    color: { domain: ["Yes", "No"], range: ["#D55E00", "#0072B2"] },
    marks: [
      Plot.ruleY(data, { y: "group", x1: "lower", x2: "upper", stroke: "status", strokeWidth: 2 }),
      Plot.dot(data, {
        y: "group",
        x: "survival",
        fill: "status",
        r: 4,
        tip: true,
        channels: { When: "horizon" },
      }),
    ],
  });
}

/**
 * Candidate "biggest changes" from the field's story, in the overview's shape ({kind, size, text};
 * size on its scale: half the percent change of a count or share, capped at 50; percentage points
 * for a retention gap). Only changes the marts flag as resting on enough events are offered.
 *
 * @param {object} data - rows of one organisation: process (process_work_change), systems
 *   (system_work_change), firsts (specialist_role_firsts; every organisation when org is 'all'),
 *   rolesYearly (specialist_roles_yearly), landmark (retention_landmark).
 * @param {{org: string, orgName: (id: string) => string}} options
 * @returns {{kind: string, size: number, text: string}[]}
 */
export function storyChanges(
  { process = [], systems = [], firsts = [], rolesYearly = [], landmark = [] },
  { org, orgName },
) {
  const out = [];
  const relSize = (a, b) => (a > 0 ? Math.min((Math.abs(b - a) / a) * 50, 50) : b > 0 ? 50 : 0);
  const proc = process
    .filter(
      (d) => d.process !== "all" && d.has_enough_events && d.share_first != null && d.share_last != null,
    )
    .map((d) => ({ d, size: relSize(d.share_first, d.share_last) }))
    .sort((a, b) => b.size - a.size)[0];
  if (proc && share(proc.d.share_first) !== share(proc.d.share_last)) {
    const d = proc.d;
    const speed =
      d.has_enough_days && d.median_days_first !== d.median_days_last
        ? `; median ${d.clock} went from ${days(d.median_days_first)} to ${days(d.median_days_last)}`
        : "";
    out.push({
      kind: "process",
      size: proc.size,
      text: `${d.label} ${d.share_last > d.share_first ? "rose" : "fell"} from ${share(d.share_first)} to ${share(d.share_last)} of work orders, ${d.first_year}–${d.last_year}${speed}.`,
    });
  }
  const sys = systems
    .filter((d) => d.trend === "rising" || d.trend === "falling")
    .map((d) => ({ d, size: relSize(Number(d.work_orders_first), Number(d.work_orders_last)) }))
    .sort((a, b) => b.size - a.size)[0];
  if (sys) {
    const d = sys.d;
    out.push({
      kind: "systems",
      size: sys.size,
      text:
        Number(d.work_orders_first) === 0
          ? `${d.system} work joined the department: none in ${d.first_year}, first in ${d.first_year_with_work}, ${count(d.work_orders_last)} work orders in ${d.last_year}.`
          : `${d.system} work orders ${d.trend === "rising" ? "rose" : "fell"} from ${count(d.work_orders_first)} in ${d.first_year} to ${count(d.work_orders_last)} in ${d.last_year}.`,
    });
  }
  const newFirsts = firsts
    .filter(
      (d) =>
        NEW_ROLE_DOMAINS.includes(d.primary_domain) &&
        !d.is_before_records &&
        (org === "all" || d.org_id === org),
    )
    .sort((a, b) => a.first_year - b.first_year);
  if (org === "all") {
    const rows = rolesYearly.filter((d) => NEW_ROLE_DOMAINS.includes(d.domain));
    const best = NEW_ROLE_DOMAINS.map((domain) => {
      const own = rows.filter((d) => d.domain === domain).sort((a, b) => a.year - b.year);
      return own.length >= 2 ? { domain, a: own[0], b: own.at(-1) } : null;
    })
      .filter((x) => x && x.b.orgs_with_role !== x.a.orgs_with_role)
      .sort((x, y) => y.b.orgs_with_role - y.a.orgs_with_role - (x.b.orgs_with_role - x.a.orgs_with_role))[0];
    if (best) {
      const firstOrg = newFirsts.find((d) => d.primary_domain === best.domain);
      out.push({
        kind: "roles",
        size: relSize(best.a.orgs_with_role, best.b.orgs_with_role),
        text: `Organisations with a ${domainLabel(best.domain).toLowerCase()} specialist rose from ${best.a.orgs_with_role} in ${best.a.year} to ${best.b.orgs_with_role} of ${best.b.orgs_with_staff} in ${best.b.year}${firstOrg ? ` (the first: ${orgName(firstOrg.org_id)}, ${firstOrg.first_year})` : ""}.`,
      });
    }
  } else if (newFirsts.length) {
    const names = newFirsts.map((d) => `${d.role} in ${d.first_year}`);
    out.push({
      kind: "roles",
      size: 40,
      text: `New specialist ${newFirsts.length === 1 ? "role" : "roles"}: ${names.join(", ")}.`,
    });
  }
  for (const path of ["certified", "moved_role"]) {
    const said = landmarkSentence(landmark, path, 12);
    if (said.holds) out.push({ kind: "landmark", size: Math.abs(said.gap) * 100, text: said.text });
  }
  return out;
}
