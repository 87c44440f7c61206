/**
 * Attacks on the society's published survey site. The attacker is a member who knows every
 * contributor's public profile (facility type, beds, region), hence every peer group's membership,
 * and keeps every release. Peer-group labels are read from the columns whose values include `all`.
 */
import type { Finding } from "./pay.ts";
import { keyColumns as labels, numericColumns, type Row, type Table } from "./published.ts";

// a table's labels are looked up for every row: once per table
const cache = new WeakMap<Table, string[]>();
function keyColumns(t: Table): string[] {
  if (!cache.has(t)) cache.set(t, labels(t));
  return cache.get(t)!;
}

export interface Profile {
  org: string;
  facility_type: string;
  bed_band: string;
  region: string;
}

export function bedBand(beds: number | null): string {
  if (beds === null) return "unknown";
  if (beds === 0) return "no_beds";
  if (beds < 100) return "under_100";
  if (beds < 300) return "100_299";
  if (beds < 500) return "300_499";
  return "500_plus";
}

const DIMS = ["facility_type", "bed_band", "region"] as const;

/** The organisations of a published group: the profiles that match each of its labels (or `all`). */
function members(row: Row, profiles: Profile[]): string[] {
  return profiles
    .filter((p) =>
      DIMS.every((d) => row[d] === undefined || row[d] === null || row[d] === "all" || row[d] === p[d]),
    )
    .map((p) => p.org);
}

const groupKey = (r: Row) => DIMS.map((d) => String(r[d] ?? "all")).join("/");

/** A group's measure cell identity: every label but the peer group's. */
function cellKey(t: Table, r: Row): string {
  return keyColumns(t)
    .filter((k) => !(DIMS as readonly string[]).includes(k))
    .map((k) => `${k}=${r[k]}`)
    .join(" ");
}

function valueColumns(t: Table): string[] {
  return numericColumns(t).filter((c) => !keyColumns(t).includes(c));
}

/** Published cells: rows with at least one non-null value, by measure cell and peer group. */
function publishedGroups(t: Table): Map<string, Map<string, Row>> {
  const out = new Map<string, Map<string, Row>>();
  const vals = valueColumns(t);
  for (const r of t.rows) {
    if (!DIMS.some((d) => d in r)) continue;
    if (!vals.some((c) => typeof r[c] === "number")) continue;
    const cell = cellKey(t, r);
    if (!out.has(cell)) out.set(cell, new Map());
    out.get(cell)!.set(groupKey(r), r);
  }
  return out;
}

/** (a) two groups published for the same measure whose memberships differ by 1 to 4 organisations. */
export function attackNearGroups(tables: Table[], profiles: Profile[]): Finding[] {
  const out: Finding[] = [];
  for (const t of tables) {
    const seen = new Set<string>();
    for (const [cell, groups] of publishedGroups(t)) {
      const list = [...groups.entries()].map(([g, r]) => ({ g, m: new Set(members(r, profiles)) }));
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) {
          const a = list[i]!;
          const b = list[j]!;
          const diff =
            [...a.m].filter((x) => !b.m.has(x)).length + [...b.m].filter((x) => !a.m.has(x)).length;
          const pair = `${a.g}|${b.g}`;
          if (diff >= 1 && diff <= 4 && !seen.has(pair)) {
            seen.add(pair);
            out.push({
              attack: "society-near-groups",
              file: t.name,
              column: cell,
              detail: `${a.g} (${a.m.size} orgs) and ${b.g} (${b.m.size} orgs) differ by ${diff} organisation(s), both published`,
            });
          }
        }
    }
  }
  return out;
}

/** (b) a cell published in two releases whose group gained or lost 1 to 4 organisations in between. */
export function attackReleases(
  before: Table[],
  after: Table[],
  profilesBefore: Profile[],
  profilesAfter: Profile[],
): Finding[] {
  const out: Finding[] = [];
  for (const t of after) {
    const old = before.find((b) => b.name === t.name);
    if (!old) continue;
    const was = publishedGroups(old);
    const hits = new Map<string, { cells: number; example: string }>();
    for (const [cell, groups] of publishedGroups(t))
      for (const [g, r] of groups) {
        if (!was.get(cell)?.has(g)) continue;
        const m0 = new Set(members(r, profilesBefore));
        const m1 = new Set(members(r, profilesAfter));
        const diff = [...m1].filter((x) => !m0.has(x)).length + [...m0].filter((x) => !m1.has(x)).length;
        if (diff < 1 || diff > 4) continue;
        const h = hits.get(g) ?? {
          cells: 0,
          example: `${cell} (${m0.size} then ${m1.size} orgs, ${diff} changed)`,
        };
        h.cells++;
        hits.set(g, h);
      }
    for (const [g, h] of hits)
      out.push({
        attack: "society-release-difference",
        file: t.name,
        column: g,
        detail: `${h.cells} cells of ${g} published in both releases while 1 to 4 organisations joined or left, e.g. ${h.example}`,
      });
  }
  return out;
}

/**
 * (c) Greenwood inverted: between two published months of one curve, the hazard h = 1 − S(t)/S(t−1)
 * and the increase of the Greenwood variance ΔV = d / (n(n − d)) give n = h / (ΔV(1 − h)) and
 * d = h·n. The variance is read from the band under the plain, log and log-log forms; whole n and d
 * at most steps mean the band gives the counts back.
 */
export function attackGreenwood(tables: Table[]): Finding[] {
  const out: Finding[] = [];
  const z = 1.959964;
  const forms: Record<string, (s: number, lo: number, hi: number) => number | null> = {
    plain: (s, lo, hi) => ((hi - lo) / (2 * z * s)) ** 2,
    log: (_s, lo, hi) => (lo > 0 ? ((Math.log(hi) - Math.log(lo)) / (2 * z)) ** 2 : null),
    loglog: (s, lo, hi) =>
      lo > 0 && hi < 1 && s < 1
        ? ((Math.log(-Math.log(lo)) - Math.log(-Math.log(hi))) / (2 * z)) ** 2 * Math.log(s) ** 2
        : null,
  };
  for (const t of tables) {
    const num = numericColumns(t);
    const s = num.find((c) => /surviv/i.test(c));
    const lo = num.find((c) => /lower|_lo$|ci_l/i.test(c));
    const hi = num.find((c) => /upper|_hi$|ci_u/i.test(c));
    const time = keyColumns(t).find((c) => /month|time|tenure/i.test(c));
    if (!s || !lo || !hi || !time) continue;
    const curves = new Map<string, Row[]>();
    for (const r of t.rows) {
      const key = keyColumns(t)
        .filter((k) => k !== time)
        .map((k) => String(r[k]))
        .join("|");
      if (!curves.has(key)) curves.set(key, []);
      curves.get(key)!.push(r);
    }
    for (const [key, rows] of curves) {
      rows.sort((a, b) => Number(a[time]) - Number(b[time]));
      for (const [form, variance] of Object.entries(forms)) {
        let steps = 0;
        let whole = 0;
        let example = "";
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [rows[i - 1]!, rows[i]!];
          const vals = [a[s], b[s], a[lo], a[hi], b[lo], b[hi]];
          if (vals.some((v) => typeof v !== "number")) continue;
          const [s0, s1, l0, h0, l1, h1] = vals as number[];
          if (s1 >= s0 || h1 >= 0.9999 || (h0 >= 0.9999 && s0 < 0.99999) || l1 <= 0) continue; // no event, or a clipped band
          const v0 = s0 >= 0.99999 ? 0 : variance(s0, l0, h0);
          const v1 = variance(s1, l1, h1);
          if (v0 === null || v1 === null || v1 <= v0) continue;
          const h = 1 - s1 / s0;
          const n = h / ((v1 - v0) * (1 - h));
          const d = h * n;
          steps++;
          if (
            n < 5_000 &&
            Math.abs(n - Math.round(n)) < 0.05 &&
            Math.abs(d - Math.round(d)) < 0.05 &&
            Math.round(d) >= 1
          ) {
            whole++;
            if (!example) example = `${time} ${b[time]}: at risk ${n.toFixed(2)}, events ${d.toFixed(2)}`;
          }
        }
        if (steps >= 2 && whole >= Math.max(2, 0.5 * steps)) {
          out.push({
            attack: "society-greenwood",
            file: t.name,
            column: `${s}, ${lo}, ${hi} (${form})`,
            detail: `curve ${key}: ${whole} of ${steps} steps give whole at-risk and event counts, e.g. ${example}`,
          });
          break;
        }
      }
    }
  }
  return out;
}

/** One organisation's own value of a statistic the attacker can compute (labels: the row labels it belongs to, e.g. metric and year). */
export interface OrgValue {
  org: string;
  labels: Record<string, string | number>;
  value: number;
}

/**
 * (e) a percentile band that is one organisation's exact value: with n organisations and linear
 * interpolation (R type 7), percentile p falls on an organisation when p(n − 1) is whole. n comes
 * from the row's own organisation count or the published peer-group table. Only columns that vary
 * with the percentile within a cell are percentile values (a cell's counts and shares repeat on
 * each of its percentile rows). When the attacker knows the organisations' own values for a row
 * (`orgValues`: recomputed from what each organisation sent), the position alone proves nothing —
 * a publisher may blend neighbours — so the attack checks the values: it finds a leak when at least
 * half (and 2) of a table's whole-position cells equal a member's own value to the published
 * precision. Without them it assumes R type 7 and reports every whole position.
 */
export function attackOrderStatistics(
  tables: Table[],
  profiles: Profile[],
  orgValues: OrgValue[] = [],
): Finding[] {
  const out: Finding[] = [];
  for (const t of tables) {
    const pcol = keyColumns(t).find((c) => /percentile|^p$|quantile/i.test(c));
    if (!pcol) continue;
    const ncol = numericColumns(t).find((c) => /n_orgs|orgs|contributors|organisations/i.test(c));
    // pooled pay percentiles are over people (from histograms), not over organisations
    const candidates = valueColumns(t).filter((c) => c !== ncol && !/lower|upper|pay|usd/i.test(c));
    const cellOf = (r: Row) =>
      `${groupKey(r)} ${cellKey(t, r)
        .split(" ")
        .filter((kv) => !kv.startsWith(`${pcol}=`))
        .join(" ")}`;
    const cells = new Map<string, Row[]>();
    for (const r of t.rows) cells.set(cellOf(r), [...(cells.get(cellOf(r)) ?? []), r]);
    const several = [...cells.values()].filter((rows) => rows.length > 1);
    const vals = candidates.filter(
      (c) => several.length === 0 || several.some((rows) => new Set(rows.map((r) => r[c])).size > 1),
    );
    if (!vals.length) continue;
    // a value as published: Arrow may carry 0.123 as the float32 0.12300000339746475
    const shown = (x: number) => Number(x.toPrecision(7));
    // the published precision of each column: its longest decimal part (0.12 is 0.120 at 3 decimals)
    const decimals = new Map(
      vals.map((c) => [
        c,
        Math.max(
          0,
          ...t.rows.map((r) =>
            typeof r[c] === "number" ? (String(shown(r[c] as number)).split(".")[1] ?? "").length : 0,
          ),
        ),
      ]),
    );
    let hits = 0;
    let checked = 0;
    let matched = 0;
    let example = "";
    for (const r of t.rows) {
      const p = r[pcol];
      if (typeof p !== "number" || !vals.some((c) => typeof r[c] === "number")) continue;
      const group = members(r, profiles);
      const n = ncol && typeof r[ncol] === "number" ? (r[ncol] as number) : group.length;
      if (n < 2) continue;
      const pos = p * (n - 1);
      if (Math.abs(pos - Math.round(pos)) >= 1e-4) continue;
      const own = orgValues.filter(
        (v) => group.includes(v.org) && Object.entries(v.labels).every(([k, x]) => r[k] === x),
      );
      const where = `${groupKey(r)} ${cellKey(t, r)}: percentile ${p} of ${n} organisations`;
      if (own.length === 0) {
        hits++;
        if (!example) example = `${where} is the ${Math.round(pos) + 1}th value`;
        continue;
      }
      checked++;
      const same = vals.find((c) => {
        const x = r[c];
        if (typeof x !== "number") return false;
        return own.some((v) => Math.abs(v.value - shown(x)) <= 0.5 * 10 ** -decimals.get(c)! + 1e-12);
      });
      if (same) {
        matched++;
        if (!example) example = `${where} is ${r[same]}, an organisation's own value`;
      }
    }
    if (checked && matched >= Math.max(2, 0.5 * checked)) hits += matched;
    if (hits)
      out.push({
        attack: "society-order-statistic",
        file: t.name,
        column: vals.join(","),
        detail: `${hits} cells are one organisation's value, e.g. ${example}`,
      });
  }
  // wide benchmark tables: p10…p90 columns with the row's organisation count
  for (const t of tables) {
    const ncol = numericColumns(t).find((c) => /n_orgs|contributors/i.test(c));
    const pcols = numericColumns(t).filter((c) => /^p\d{2}$/i.test(c));
    if (!ncol || !pcols.length) continue;
    const hits = t.rows.flatMap((r) =>
      pcols
        .filter((c) => typeof r[c] === "number" && typeof r[ncol] === "number")
        .filter((c) => {
          const pos = (Number(c.slice(1)) / 100) * ((r[ncol] as number) - 1);
          return Math.abs(pos - Math.round(pos)) < 1e-9;
        })
        .map((c) => `${c} of ${r[ncol]}`),
    );
    if (hits.length)
      out.push({
        attack: "society-order-statistic",
        file: t.name,
        column: pcols.join(","),
        detail: `${hits.length} cells are one organisation's value, e.g. ${hits[0]}`,
      });
  }
  return out;
}
