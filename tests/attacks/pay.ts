/**
 * Attacks on pay. (1) Every published pay fact — a quantile of a group the staff list identifies,
 * read as an order constraint over the group's members inside its rounding interval, plus the same
 * statistic given back by a cost column divided by the other columns of its row — goes into one
 * mixed-integer programme per organisation and year, solved for each person's lowest and highest
 * possible pay (GLPK). (2) Every pay figure is checked for $100 rounding and a group of 5 or more.
 * Columns are found by what they hold, not by a list of mart names.
 */
import GLPK, { type LP } from "glpk.js/node";
import type { Knowledge, Member, Truth } from "./knowledge.ts";
import { numericColumns, type Row, type Table } from "./published.ts";

export interface Finding {
  attack: string;
  file: string;
  column: string;
  detail: string;
}

const PAY_MIN = 10_000; // plausible_annual_pay_min / max: the README states them, the attacker uses them
const PAY_MAX = 1_000_000;

/** A column holds a pay statistic when its name says pay and its values are annual amounts. */
export function isPayColumn(t: Table, c: string): boolean {
  if (
    !/pay|salary|wage/i.test(c) ||
    /ratio|premium|factor|compa|index|year|share|market|_n$|^n_|count|people|basis/i.test(c)
  )
    return false;
  const vals = t.rows.map((r) => r[c]).filter((v): v is number => typeof v === "number");
  return vals.length > 0 && vals.every((v) => v >= 1_000 && v <= PAY_MAX * 2);
}

/** How many people a row's statistic describes: integer columns named like a count of people. */
function sizeColumns(t: Table): string[] {
  return numericColumns(t).filter(
    (c) =>
      /(^n$|_n$|^n_|paid|people|incumbents|headcount$)/i.test(c) &&
      t.rows.every((r) => r[c] === null || Number.isInteger(r[c])),
  );
}

function quantileOf(column: string): number {
  const m = /p(\d{2})/i.exec(column);
  if (m) return Number(m[1]) / 100;
  if (/min(imum)?(_|$)/i.test(column)) return 0;
  if (/max(imum)?(_|$)/i.test(column)) return 1;
  return 0.5; // a median, a "base pay": the methodology calls group pay figures medians
}

/** The interval a published figure stands for: $100 rounding when it is a multiple of 100. */
function roundingInterval(v: number): [number, number] {
  return v % 100 === 0 ? [v - 50, v + 50] : [v - 0.5, v + 0.5];
}

interface Fact {
  file: string;
  column: string;
  org: string;
  year: number;
  members: string[];
  q: number;
  lo: number;
  hi: number;
  derived?: string;
}

function orgYear(row: Row, orgs: Set<string>): { org: string; year: number } | null {
  let org: string | null = null;
  let year: number | null = null;
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === "string" && orgs.has(v)) org = v;
    // an "all organisations" row of an organisation column pools every organisation
    if (v === "all" && /org/i.test(k) && org === null) org = "all";
    if (/^year$/i.test(k) && typeof v === "number") year = v;
  }
  return org !== null && year !== null ? { org, year } : null;
}

/**
 * The candidate groups a row can describe: the members of its organisation and year filtered by each
 * label the row carries that names a role, role family or domain (all of them, then each alone).
 */
function candidateGroups(row: Row, members: Member[], k: Knowledge): Member[][] {
  const filters: ((m: Member) => boolean)[] = [];
  const families = new Set([...k.roles.values()].map((r) => r.family));
  const domains = new Set([...k.roles.values()].map((r) => r.domain).filter(Boolean));
  for (const v of Object.values(row)) {
    if (typeof v !== "string") continue;
    if (k.roles.has(v)) filters.push((m) => m.role === v);
    else if (families.has(v)) filters.push((m) => m.family === v);
    else if (domains.has(v)) filters.push((m) => m.domain === v);
  }
  const out = [members.filter((m) => filters.every((f) => f(m)))];
  for (const f of filters) out.push(members.filter(f));
  out.push(members);
  return out;
}

/** Products of up to three other numeric cells of a row, and the constants of the publication. */
const CONSTANTS: [string, number][] = [
  ["0.5", 0.5],
  ["1.3", 1.3],
];

function divisors(row: Row, cols: string[]): { name: string; value: number }[] {
  const cells = cols
    .map((c) => ({ name: c, value: row[c] }))
    .filter((x): x is { name: string; value: number } => typeof x.value === "number" && x.value > 0);
  // the publication's own constants (the Methodology page states them): replacement cost factor and
  // benefits load
  for (const [name, value] of CONSTANTS) cells.push({ name, value });
  const out = [{ name: "1", value: 1 }];
  for (let i = 0; i < cells.length; i++) {
    out.push(cells[i]!);
    for (let j = i + 1; j < cells.length; j++) {
      out.push({ name: `${cells[i]!.name}*${cells[j]!.name}`, value: cells[i]!.value * cells[j]!.value });
      for (let l = j + 1; l < cells.length; l++)
        out.push({
          name: `${cells[i]!.name}*${cells[j]!.name}*${cells[l]!.name}`,
          value: cells[i]!.value * cells[j]!.value * cells[l]!.value,
        });
    }
  }
  return out;
}

/**
 * A cost column that is a pay statistic times other cells of its row (turnover cost = median × FTE ×
 * rate × factor, cost per FTE = median × benefits load): learned on the rows where both are
 * published, then the statistic is read back from the cost, to the precision of the cost.
 */
function derivedPay(t: Table, payCol: string, otherCols: string[]): { cost: string; divisor: string }[] {
  // a market reference figure is public, not staff pay
  const costCols = otherCols.filter(
    (c) => /cost|usd|spend|amount/i.test(c) && !/market|reference|benchmark/i.test(c) && c !== payCol,
  );
  const sample = t.rows.filter((r) => typeof r[payCol] === "number").slice(0, 40);
  if (sample.length < 3) return [];
  const found: { cost: string; divisor: string }[] = [];
  for (const cost of costCols) {
    const ok = new Map<string, number>();
    let tried = 0;
    for (const r of sample) {
      const c = r[cost];
      if (typeof c !== "number" || c === 0) continue;
      tried++;
      const p = r[payCol] as number;
      for (const d of divisors(
        r,
        otherCols.filter((x) => x !== cost && !/year|^n$|_n$/.test(x)),
      )) {
        if (Math.abs(c / d.value - p) <= 51) ok.set(d.name, (ok.get(d.name) ?? 0) + 1);
      }
    }
    if (tried < 3) continue;
    const best = [...ok.entries()]
      .filter(([, n]) => n >= 0.9 * tried)
      .sort((a, b) => a[0].length - b[0].length)[0];
    if (best) found.push({ cost, divisor: best[0] });
  }
  return found;
}

/** A cost computed from a public market figure (where the staff median is withheld) gives back that figure, not pay. */
function isMarketFigure(row: Row, v: number): boolean {
  return Object.entries(row).some(
    ([c, x]) => /market|reference|benchmark/i.test(c) && typeof x === "number" && Math.abs(x - v) <= 1,
  );
}

function evalDivisor(row: Row, divisor: string): number | null {
  if (divisor === "1") return 1;
  let v = 1;
  for (const c of divisor.split("*")) {
    const constant = CONSTANTS.find(([name]) => name === c);
    const x = constant ? constant[1] : row[c];
    if (typeof x !== "number" || x <= 0) return null;
    v *= x;
  }
  return v;
}

export function payFacts(tables: Table[], k: Knowledge): Fact[] {
  const orgs = new Set(k.orgs.map((o) => o.org));
  const byOrgYear = new Map<string, Member[]>();
  for (const m of k.paid) {
    const key = `${m.org}|${m.year}`;
    if (!byOrgYear.has(key)) byOrgYear.set(key, []);
    byOrgYear.get(key)!.push(m);
  }
  const facts: Fact[] = [];
  for (const t of tables) {
    const num = numericColumns(t);
    const pays = num.filter((c) => isPayColumn(t, c));
    if (pays.length === 0) continue;
    const sizes = sizeColumns(t);
    const derived = new Map(
      pays.map((p) => [
        p,
        derivedPay(
          t,
          p,
          num.filter((c) => c !== p && !pays.includes(c)),
        ),
      ]),
    );
    for (const row of t.rows) {
      const oy = orgYear(row, orgs);
      if (!oy) continue;
      const members =
        oy.org === "all"
          ? k.paid.filter((m) => m.year === oy.year)
          : (byOrgYear.get(`${oy.org}|${oy.year}`) ?? []);
      const groups = candidateGroups(row, members, k);
      for (const p of pays) {
        // the group the statistic describes: the candidate whose size is a published size of the row
        const ns = sizes.map((s) => row[s]).filter((v): v is number => typeof v === "number" && v > 0);
        const group = groups.find((g) => g.length > 0 && ns.includes(g.length));
        if (!group) continue;
        const base = {
          file: t.name,
          column: p,
          org: oy.org,
          year: oy.year,
          members: group.map((m) => `${m.org}|${m.employee}`),
          q: quantileOf(p),
        };
        const v = row[p];
        if (typeof v === "number")
          facts.push({ ...base, lo: roundingInterval(v)[0], hi: roundingInterval(v)[1] });
        for (const d of derived.get(p) ?? []) {
          const c = row[d.cost];
          const div = evalDivisor(row, d.divisor);
          if (typeof c !== "number" || c <= 0 || div === null || isMarketFigure(row, c / div)) continue;
          const [clo, chi] = roundingInterval(c);
          // float32 cells carry ~7 significant digits: widen by that much
          const slack = 1e-6 * (c / div);
          facts.push({
            ...base,
            lo: clo / div - slack,
            hi: chi / div + slack,
            derived: `${d.cost} / (${d.divisor})`,
          });
        }
      }
    }
  }
  return facts;
}

export interface Bound {
  org: string;
  year: number;
  employee: string;
  min: number;
  max: number;
  facts: number;
  example: string;
}

/**
 * Bounds each person's pay in each organisation and year by a MIP over the facts. Order constraints
 * for a quantile at position pos = q(n−1) (linear interpolation between order statistics k and k+1):
 * at least k+1 members are ≤ hi unless interpolated (then at least k+1 ≤ hi still holds for x_(k+1)
 * ≥ v is not implied), and at least n−k members are ≥ lo — each "at least m" with one binary per member.
 */
export async function boundPay(allFacts: Fact[], budgetMs = 60_000): Promise<Bound[]> {
  const glpk = await GLPK();
  // the same statistic of the same people published twice (site and export, two marts) is one fact
  // with the intersection of its intervals
  const merged = new Map<string, Fact>();
  for (const f of allFacts) {
    const key = `${f.year}|${f.q}|${[...f.members].sort().join(",")}`;
    const m = merged.get(key);
    if (!m) merged.set(key, { ...f });
    else if (f.hi - f.lo < m.hi - m.lo || (f.lo >= m.lo && f.hi <= m.hi)) {
      merged.set(key, { ...f, lo: Math.max(f.lo, m.lo), hi: Math.min(f.hi, m.hi) });
    } else merged.set(key, { ...m, lo: Math.max(f.lo, m.lo), hi: Math.min(f.hi, m.hi) });
  }
  const facts = [...merged.values()];
  const byPerson = new Map<string, Fact[]>();
  for (const f of facts)
    for (const p of f.members) {
      const key = `${f.year}|${p}`;
      if (!byPerson.has(key)) byPerson.set(key, []);
      byPerson.get(key)!.push(f);
    }
  const bounds: Bound[] = [];
  const started = Date.now();
  const ok = (r: { status: number }) => r.status === glpk.GLP_OPT || r.status === glpk.GLP_FEAS;
  const pinned = (a: number, b: number) => Math.abs(b - a) / 2 <= Math.max(2_000, 0.03 * ((a + b) / 2));
  // one programme per person and year over the facts that name them: dropping the other facts only
  // widens the bounds, so a bound found here holds for the whole publication
  // the revealing combinations are facts about groups that differ by a few people (a role and its
  // family when the family has one more member, one year's group and a pooled one): one programme per
  // person and pair of facts whose groups differ by at most 4 people, one of them this person
  const jobs: [string, Fact[]][] = [];
  for (const [key, mine] of byPerson) {
    const person = key.split("|").slice(1).join("|");
    for (const f of mine) {
      jobs.push([key, [f]]);
      const fm = new Set(f.members);
      for (const g of facts) {
        if (g === f || g.year !== f.year) continue;
        const gm = new Set(g.members);
        const diff = [...fm].filter((x) => !gm.has(x)).length + [...gm].filter((x) => !fm.has(x)).length;
        if (
          diff >= 1 &&
          diff <= 4 &&
          (fm.has(person) !== gm.has(person) || diff === 0) &&
          (g.members.length >= f.members.length || fm.has(person))
        )
          jobs.push([key, [f, g]]);
      }
    }
  }
  // pairs of facts first: they are where one person stands out
  jobs.sort((a, b) => b[1].length - a[1].length);
  let done = 0;
  // the members of a fact are interchangeable in its programme (and, for a pair of facts, the members
  // in the same one, or both): everyone alike gets the same bounds, so each programme is solved once
  // for them all and the time box goes to programmes that can differ
  const factId = new Map(facts.map((f, i) => [f, i]));
  const solved = new Map<
    string,
    { lo: { z: number; status: number }; hi: { z: number; status: number } } | null
  >();
  for (const [key, fs] of jobs) {
    const [year, ...rest] = key.split("|");
    const person = rest.join("|");
    const shape = fs.map((f) => `${factId.get(f)}:${f.members.includes(person)}`).join(",");
    const known = solved.get(shape);
    if (known === undefined && Date.now() - started > budgetMs) break;
    done++;
    if (known !== undefined) {
      if (known) record(year!, person, fs, known.lo, known.hi);
      continue;
    }
    const people = [...new Set(fs.flatMap((f) => f.members))];
    const xv = new Map(people.map((p, i) => [p, `x${i}`]));
    const subjectTo: LP["subjectTo"] = [];
    const binaries: string[] = [];
    fs.forEach((f, fi) => {
      const n = f.members.length;
      const pos = f.q * (n - 1);
      const k = Math.floor(pos + 1e-9); // 0-based index of the lower order statistic
      const exact = Math.abs(pos - k) < 1e-9;
      // v lies in [x_(k), x_(k+1)] (is x_(k) when exact): at least k+1 members are ≤ hi, and
      // n−k members (n−k−1 when interpolated) are ≥ lo
      const add = (side: "le" | "ge", m: number) => {
        if (m <= 0) return;
        const names = f.members.map((_, i) => `f${fi}${side}${i}`);
        binaries.push(...names);
        f.members.forEach((p, i) => {
          // le: x ≤ hi + (MAX−hi)(1−b) ⇔ x + (MAX−hi) b ≤ MAX ; ge: x ≥ lo − (lo−MIN)(1−b) ⇔ x − (lo−MIN) b ≥ MIN
          subjectTo.push({
            name: `c${fi}${side}${i}`,
            vars: [
              { name: xv.get(p)!, coef: 1 },
              { name: names[i]!, coef: side === "le" ? PAY_MAX - f.hi : -(f.lo - PAY_MIN) },
            ],
            bnds:
              side === "le"
                ? { type: glpk.GLP_UP, ub: PAY_MAX, lb: 0 }
                : { type: glpk.GLP_LO, lb: PAY_MIN, ub: 0 },
          });
        });
        subjectTo.push({
          name: `s${fi}${side}`,
          vars: names.map((name) => ({ name, coef: 1 })),
          bnds: { type: glpk.GLP_LO, lb: m, ub: 0 },
        });
      };
      add("le", k + 1);
      add("ge", exact ? n - k : n - k - 1);
    });
    const bnds = people.map((p) => ({ name: xv.get(p)!, type: glpk.GLP_DB, lb: PAY_MIN, ub: PAY_MAX }));
    const solve = (dir: number) =>
      glpk.solve(
        {
          name: "pay",
          objective: { direction: dir, name: "obj", vars: [{ name: xv.get(person)!, coef: 1 }] },
          subjectTo,
          bounds: bnds,
          binaries,
        },
        { msglev: glpk.GLP_MSG_OFF, tmlim: 1 },
      ).result;
    const hi = solve(glpk.GLP_MAX);
    const lo = ok(hi) ? solve(glpk.GLP_MIN) : hi;
    // the attacker's reading of some fact is wrong (infeasible): no claim
    solved.set(shape, ok(hi) && ok(lo) ? { lo, hi } : null);
    if (ok(hi) && ok(lo)) record(year!, person, fs, lo, hi);
  }
  function record(
    year: string,
    person: string,
    fs: Fact[],
    lo: { z: number; status: number },
    hi: { z: number; status: number },
  ): void {
    if (!pinned(lo.z, hi.z)) return;
    const proven = lo.status === glpk.GLP_OPT && hi.status === glpk.GLP_OPT;
    const tight = [...fs].sort((a, b) => a.hi - a.lo - (b.hi - b.lo))[0]!;
    bounds.push({
      org: person.split("|")[0]!,
      year: Number(year),
      employee: person.split("|").slice(1).join("|"),
      min: lo.z,
      max: hi.z,
      facts: fs.length,
      example: `${tight.file}.${tight.column}${tight.derived ? ` = ${tight.derived}` : ""} in [${tight.lo.toFixed(1)}, ${tight.hi.toFixed(1)}] for ${tight.members.length} people${proven ? "" : " (bounds not proven optimal)"}`,
    });
  }
  if (done < jobs.length)
    console.warn(
      `pay-lp: time budget spent after ${done} of ${jobs.length} programmes (a loaded machine attacks less)`,
    );
  return bounds;
}

/** Attack 1: a person whose pay the published facts pin within ±$2,000 or ±3%. */
export async function attackPayLP(tables: Table[], k: Knowledge, truth?: Truth): Promise<Finding[]> {
  const facts = payFacts(tables, k);
  const tightest = new Map<string, Bound>();
  for (const b of await boundPay(facts)) {
    const key = `${b.org}|${b.year}|${b.employee}`;
    const t = tightest.get(key);
    if (!t || b.max - b.min < t.max - t.min) tightest.set(key, b);
  }
  return [...tightest.values()]
    .filter((b) => {
      const half = (b.max - b.min) / 2;
      const mid = (b.max + b.min) / 2;
      return half <= 2_000 || half <= 0.03 * mid;
    })
    .map((b) => {
      const t = truth?.pay.get(`${b.org}|${b.year}|${b.employee}`);
      return {
        attack: "pay-lp",
        file: b.example.split(".")[0]!,
        column: "",
        detail: `${b.org} ${b.year} person ${b.employee}: pay in [${Math.round(b.min)}, ${Math.round(b.max)}] from ${b.facts} facts, e.g. ${b.example}${t === undefined ? "" : ` (true ${t})`}`,
      };
    });
}

/** Attack 2: a pay figure not rounded to $100, or a pay statistic of fewer than 5 people. */
export function attackPayRounding(tables: Table[]): Finding[] {
  const out: Finding[] = [];
  for (const t of tables) {
    const num = numericColumns(t);
    const sizes = sizeColumns(t);
    for (const c of num.filter((c) => isPayColumn(t, c))) {
      const bad = t.rows.filter((r) => typeof r[c] === "number" && Math.abs((r[c] as number) % 100) > 1e-6);
      if (bad.length)
        out.push({
          attack: "pay-unrounded",
          file: t.name,
          column: c,
          detail: `${bad.length} values not multiples of $100, e.g. ${bad
            .slice(0, 3)
            .map((r) => r[c])
            .join(", ")}`,
        });
      const small = t.rows.filter(
        (r) =>
          typeof r[c] === "number" &&
          sizes.some((s) => typeof r[s] === "number" && (r[s] as number) > 0 && (r[s] as number) < 5) &&
          !sizes.some((s) => typeof r[s] === "number" && (r[s] as number) >= 5),
      );
      if (small.length)
        out.push({
          attack: "pay-small-group",
          file: t.name,
          column: c,
          detail: `${small.length} pay figures of fewer than 5 people, e.g. ${JSON.stringify(small[0])}`,
        });
    }
    // a pay statistic read back from a cost column is a pay figure too
    for (const p of num.filter((c) => isPayColumn(t, c))) {
      for (const d of derivedPay(
        t,
        p,
        num.filter((c) => c !== p && !isPayColumn(t, c)),
      )) {
        const exact = t.rows
          .map((r) => {
            const c = r[d.cost];
            const div = evalDivisor(r, d.divisor);
            return typeof c === "number" && c > 0 && div && !isMarketFigure(r, c / div) ? c / div : null;
          })
          .filter(
            (v): v is number => v !== null && Math.abs(v - Math.round(v)) < 0.02 && Math.round(v) % 100 !== 0,
          );
        if (exact.length)
          out.push({
            attack: "pay-unrounded-derived",
            file: t.name,
            column: `${d.cost} / (${d.divisor})`,
            detail: `${exact.length} values give back a pay statistic to the dollar, e.g. ${exact
              .slice(0, 3)
              .map((v) => v.toFixed(2))
              .join(", ")}`,
          });
      }
    }
  }
  return out;
}
