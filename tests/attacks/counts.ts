/**
 * Attacks on counts in a public build (cells under 11 people are the rule) and on pseudonyms. Every
 * column of every file is read: a column is a count of people or events when its name says so and
 * its values are whole numbers, an FTE when its name says FTE; nothing depends on a mart's name.
 */
import type { Knowledge } from "./knowledge.ts";
import type { Finding } from "./pay.ts";
import { keyColumns, numericColumns, type Row, type Table } from "./published.ts";

const MIN_CELL = 11;

const COUNT_NAME =
  /(headcount|separations|^n$|_n$|^n_|people|holders|leavers|hires|moves|promotions|trainees|certifications|certified|at_risk|events|filled|open_now|open_reqs|requisitions|incumbents|expiring|aged_|paid|technicians|rows)/i;
// whole words of a snake_case name ("separations" holds "ratio" but is a count); organisations are
// not people: their counts are published by design
// not people either: spans of time ("n_quarters" of a backtest counts quarters of history)
const NOT_COUNT =
  /(^|_)(rate|share|per|ratio|pct|percent|usd|cost|pay|hours|days|weeks|months|quarters|year|years|order|rank|band|assets|fte|orgs|contributors)(_|$)/i;

function wholeColumn(t: Table, c: string): boolean {
  return t.rows.every((r) => r[c] === null || (typeof r[c] === "number" && Number.isInteger(r[c])));
}

export function countColumns(t: Table): string[] {
  return numericColumns(t).filter((c) => COUNT_NAME.test(c) && !NOT_COUNT.test(c) && wholeColumn(t, c));
}

const small = (v: unknown): v is number => typeof v === "number" && v >= 1 && v < MIN_CELL;
const near = (v: number) => Math.abs(v - Math.round(v)) < 0.005;
const show = (r: Row, keys: string[]) => keys.map((k) => `${k}=${r[k]}`).join(" ");

/** (a) a count under 11 published as it is, and an FTE that is a whole number under 11 (everyone full time). */
export function attackDirectCounts(tables: Table[]): Finding[] {
  const out: Finding[] = [];
  for (const t of tables) {
    const keys = keyColumns(t);
    for (const c of countColumns(t)) {
      const bad = t.rows.filter((r) => small(r[c]));
      if (bad.length)
        out.push({
          attack: "count-direct",
          file: t.name,
          column: c,
          detail: `${bad.length} cells under 11, e.g. ${show(bad[0]!, keys)} ${c}=${bad[0]![c]}`,
        });
    }
    for (const c of numericColumns(t).filter(
      (c) =>
        /fte/i.test(c) &&
        // FTE of work, not of staff: demand, its forecast and the forecast's error against the actual
        // demand (a backtest), gaps and shortfalls between work and staff
        !/per_|ratio|share|gap|demand|forecast|actual|error|lower|upper|projected|expected|shortfall|hours/i.test(
          c,
        ),
    )) {
      const bad = t.rows.filter(
        (r) => typeof r[c] === "number" && near(r[c] as number) && small(Math.round(r[c] as number)),
      );
      if (bad.length)
        out.push({
          attack: "count-fte",
          file: t.name,
          column: c,
          detail: `${bad.length} whole FTE under 11 (a headcount when everyone is full time), e.g. ${show(bad[0]!, keys)} ${c}=${bad[0]![c]}`,
        });
    }
  }
  return out;
}

/** (b) a rate, share or per-100 figure times its denominator in the same row: a count under 11. */
export function attackRateTimesDenominator(tables: Table[]): Finding[] {
  const out: Finding[] = [];
  for (const t of tables) {
    const num = numericColumns(t);
    // rates of people only: a networked share is of devices, hours per FTE of work
    const rates = num.filter(
      (c) =>
        /rate|share|coverage|per_100|pct/i.test(c) && !/network|asset|device|hours|cost|workload/i.test(c),
    );
    const dens = num.filter(
      (c) => /headcount|^n$|_n$|fte|people|members/i.test(c) && !/per_|rate|share/i.test(c),
    );
    const keys = keyColumns(t);
    for (const r of rates)
      for (const d of dens) {
        const scale = /per_100/i.test(r) ? 100 : 1;
        const hits = t.rows.filter((row) => {
          const a = row[r];
          const b = row[d];
          if (typeof a !== "number" || typeof b !== "number" || a <= 0 || b <= 0) return false;
          const v = (a * b) / scale;
          // float32 rates carry ~7 digits; a recovered count must be whole to 0.01
          return (
            Math.abs(v - Math.round(v)) < 0.01 && small(Math.round(v)) && Math.round(v) !== Math.round(b)
          );
        });
        if (hits.length >= 1)
          out.push({
            attack: "count-rate-x-denominator",
            file: t.name,
            column: `${r} × ${d}`,
            detail: `${hits.length} cells give a count under 11, e.g. ${show(hits[0]!, keys)}: ${hits[0]![r]} × ${hits[0]![d]} = ${(((hits[0]![r] as number) * (hits[0]![d] as number)) / scale).toFixed(3)}`,
          });
      }
  }
  return out;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The step a column's published values are rounded to, as the attacker sees it: every value a whole
 * multiple of it (the methodology says public counts are rounded up to a step). 1 when they are not.
 */
export function roundingStep(t: Table, c: string): number {
  const vals = t.rows
    .map((r) => r[c])
    .filter((v): v is number => typeof v === "number" && v !== 0 && Number.isInteger(v));
  if (vals.length < 10 || vals.length < t.rows.filter((r) => typeof r[c] === "number" && r[c] !== 0).length)
    return 1;
  return vals.reduce((g, v) => gcd(g, Math.abs(v)), 0);
}

/**
 * (c) a withheld cell as its total minus its published siblings, along any key with an `all` value,
 * once the attacker has checked on complete groups of the same table that the column adds up; and
 * withheld cells forced to zero when the total equals the published siblings (non-negativity). Where
 * the column is rounded to a step g, each published value stands for an interval of width g: the
 * withheld cells together hold R ± g × (published cells + 1), R the total minus the siblings, and a
 * finding is a bound that holds over the whole interval (under 11, or 0). Two or more withheld cells
 * are together the count of the union of their groups: a finding when that sum lies wholly in 1 to 10
 * (from counts rounded up: between R − g + 1 and R + (g − 1) × published siblings).
 */
export function attackSubtraction(tables: Table[]): Finding[] {
  const out: Finding[] = [];
  for (const t of tables) {
    const keys = keyColumns(t);
    const counts = [
      ...countColumns(t),
      ...numericColumns(t).filter((c) => /fte/i.test(c) && /supply|^fte$|technical/i.test(c)),
    ];
    for (const along of keys) {
      if (!t.rows.some((r) => r[along] === "all")) continue;
      const rest = keys.filter((k) => k !== along);
      const groups = new Map<string, Row[]>();
      for (const r of t.rows) {
        const g = rest.map((k) => String(r[k])).join("|");
        if (!groups.has(g)) groups.set(g, []);
        groups.get(g)!.push(r);
      }
      for (const c of counts) {
        const step = roundingStep(t, c);
        // how far a sum of n rounded cells and their total can be from the true sum
        const slack = (n: number) => (step > 1 ? step * (n + 1) : 1e-3);
        let complete = 0;
        let adds = 0;
        for (const rows of groups.values()) {
          const parent = rows.find((r) => r[along] === "all");
          const kids = rows.filter((r) => r[along] !== "all");
          if (
            !parent ||
            kids.length < 2 ||
            typeof parent[c] !== "number" ||
            kids.some((k) => typeof k[c] !== "number")
          )
            continue;
          complete++;
          const sum = kids.reduce((s, k) => s + (k[c] as number), 0);
          if (Math.abs(sum - (parent[c] as number)) < slack(kids.length)) adds++;
        }
        if (complete < 3 || adds < complete) continue; // the attacker cannot rely on it adding up
        for (const rows of groups.values()) {
          const parent = rows.find((r) => r[along] === "all");
          const kids = rows.filter((r) => r[along] !== "all");
          if (!parent || typeof parent[c] !== "number") continue;
          const missing = kids.filter((k) => typeof k[c] !== "number");
          if (missing.length === 0) continue;
          const residual =
            (parent[c] as number) -
            kids.reduce((s, k) => s + (typeof k[c] === "number" ? (k[c] as number) : 0), 0);
          // the most the withheld cells can hold together, given the rounding of what is published
          const most = step > 1 ? residual + slack(kids.length - missing.length) : residual;
          if (missing.length === 1 && residual >= 0 && most < MIN_CELL)
            out.push({
              attack: "count-subtraction",
              file: t.name,
              column: c,
              detail: `${show(missing[0]!, keys)}: ${c} = ${residual}${step > 1 ? ` (at most ${most}, counts rounded to ${step})` : ""} (the ${along}=all total ${parent[c]} minus the published siblings)`,
            });
          // a total of 0 says by itself that every part of it is 0: only a total with some of the count
          // whose withheld parts must hold none of it tells about them
          else if (missing.length > 1 && Math.abs(residual) < 1e-6 && most < 1 && (parent[c] as number) > 0)
            out.push({
              attack: "count-margins",
              file: t.name,
              column: c,
              detail: `${missing.length} withheld cells are 0 (total ${parent[c]} equals the published siblings), e.g. ${show(missing[0]!, keys)}`,
            });
          // two or more withheld cells: together they are one group (the union of theirs), whose count
          // is the total minus the published siblings. Counts rounded up to a step g leave each true
          // value in (published − g, published], so for whole counts the group holds between
          // R − g + 1 and R + (g − 1) × published siblings; a finding is when all of it is 1 to 10
          else if (missing.length > 1) {
            const published = kids.length - missing.length;
            const [least, upper] =
              step > 1 ? [residual - step + 1, residual + (step - 1) * published] : [residual, residual];
            if (least > 1e-6 && upper < MIN_CELL - 1e-6)
              out.push({
                attack: "count-withheld-sum",
                file: t.name,
                column: c,
                detail: `${missing.length} withheld cells hold ${least === upper ? residual : `${least} to ${upper}`} together (the ${along}=all total ${parent[c]} minus the published siblings${step > 1 ? `, counts rounded up to ${step}` : ""}), e.g. ${show(missing[0]!, keys)}`,
              });
          }
        }
      }
    }
  }
  return out;
}

/**
 * Columns in which a file says why a row's values are missing: the site's own dictionary says every
 * withheld value is marked with the rule that applied (`suppressed`, `partly_withheld`).
 */
const REASON = /^(suppressed|partly_withheld|withheld_by)$/i;

/**
 * Whether a null of column c in row r can be a withheld value: its file marks withheld values and the
 * row carries no mark (a value that does not exist, e.g. no specialists, no forecast for a past year),
 * or the file's published rows of the same kind (the same labels but the organisation, the same flags)
 * never carry the column (a forecast bound on a year that is not forecast).
 */
function mayBeWithheld(t: Table, keys: string[]): (r: Row, c: string) => boolean {
  const columns = [...new Set(t.rows.flatMap((r) => Object.keys(r)))];
  const reasons = columns.filter((c) => REASON.test(c));
  const marked = (r: Row) => reasons.some((c) => typeof r[c] === "string" && r[c] !== "");
  // a mark on part of a row that names columns ("turnover_rate withheld where …") withholds those only
  const markedFor = (r: Row, c: string) =>
    reasons.some((x) => {
      const text = r[x];
      if (typeof text !== "string" || text === "") return false;
      if (!/partly/i.test(x)) return true;
      const named = columns.filter((n) => new RegExp(`(^|[^a-z_])${n}([^a-z_]|$)`).test(text));
      return named.length === 0 || named.includes(c);
    });
  const flags = [...new Set(t.rows.flatMap((r) => Object.keys(r)))].filter((c) =>
    t.rows.some((r) => typeof r[c] === "boolean"),
  );
  const kind = (r: Row) =>
    [...keys.filter((k) => !/org/i.test(k)), ...flags].map((k) => String(r[k])).join("|");
  const flagsOf = (r: Row) => flags.map((k) => String(r[k])).join("|");
  // per kind (and per set of flags alone, when no published row is of the kind) and column: whether a
  // published (unmarked) row carries it
  const carried = new Map<string, boolean>();
  const note = (key: string, v: unknown) => carried.set(key, (carried.get(key) ?? false) || v !== null);
  if (reasons.length)
    for (const r of t.rows) {
      if (marked(r)) continue;
      for (const [c, v] of Object.entries(r)) {
        note(`kind|${kind(r)}|${c}`, v);
        note(`flags|${flagsOf(r)}|${c}`, v);
      }
    }
  return (r, c) => {
    if (r[c] !== null) return false;
    if (!reasons.length) return true;
    if (!markedFor(r, c)) return false;
    return (carried.get(`kind|${kind(r)}|${c}`) ?? carried.get(`flags|${flagsOf(r)}|${c}`)) !== false;
  };
}

/** (d) a cell withheld in one file and published in another under the same keys and column name. */
export function attackAcrossFiles(tables: Table[]): Finding[] {
  const out: Finding[] = [];
  const index = tables.map((t) => {
    const keys = keyColumns(t);
    return { t, keys, num: new Set(numericColumns(t)), withheld: mayBeWithheld(t, keys) };
  });
  for (const a of index)
    for (const b of index) {
      if (a === b) continue;
      // a column withheld everywhere in one file is not numeric there: take the other file's columns
      const shared = [...b.num].filter(
        (c) => !b.keys.includes(c) && a.t.rows.some((r) => c in r && r[c] === null),
      );
      const keys = a.keys.filter((k) => b.keys.includes(k));
      if (!shared.length || keys.length < 2) continue;
      // the two files describe the same cell when they agree on the shared labels and every other
      // label of each is `all` (turnover of role family all = turnover of domain all)
      const onlyAll = (r: Row, own: string[]) =>
        own.every((k) => keys.includes(k) || r[k] === "all" || r[k] === null);
      const byKey = new Map(
        b.t.rows.filter((r) => onlyAll(r, b.keys)).map((r) => [keys.map((k) => String(r[k])).join("|"), r]),
      );
      for (const c of shared) {
        const isCount = COUNT_NAME.test(c) && !NOT_COUNT.test(c);
        const hits = a.t.rows.filter((r) => {
          if (!a.withheld(r, c) || !onlyAll(r, a.keys)) return false;
          const o = byKey.get(keys.map((k) => String(r[k])).join("|"));
          // a withheld count is a leak when it is small; any other withheld value is a leak as it is
          return o && typeof o[c] === "number" && (!isCount || (o[c] as number) < MIN_CELL);
        });
        if (hits.length)
          out.push({
            attack: "withheld-published-elsewhere",
            file: `${a.t.name} / ${b.t.name}`,
            column: c,
            detail: `${hits.length} cells withheld in the first and published in the second, e.g. ${show(hits[0]!, keys)}`,
          });
      }
    }
  return out;
}

export function attackPublicCounts(tables: Table[]): Finding[] {
  return [
    ...attackDirectCounts(tables),
    ...attackRateTimesDenominator(tables),
    ...attackSubtraction(tables),
    ...attackAcrossFiles(tables),
  ];
}

/**
 * (4) Pseudonyms against what a reader knows of each organisation: its staff on each month end and
 * its staffed beds. A pseudonym whose published headcounts (or beds) fit one organisation only is
 * re-identified.
 */
export function attackReidentify(tables: Table[], k: Knowledge): Finding[] {
  const real = new Set(k.orgs.map((o) => o.org));
  const published = new Map<string, { date: string; n: number; file: string }[]>();
  const beds = new Map<string, number>();
  for (const t of tables) {
    const orgCol = keyColumns(t).find((c) => /org/i.test(c));
    if (!orgCol) continue;
    const keys = keyColumns(t);
    const dateCol = keys.find((c) =>
      t.rows.some((r) => typeof r[c] === "string" && /^\d{4}-\d{2}-\d{2}$/.test(r[c] as string)),
    );
    for (const r of t.rows) {
      const org = r[orgCol];
      if (typeof org !== "string" || org === "all" || real.has(org)) continue;
      for (const [c, v] of Object.entries(r)) if (/beds/i.test(c) && typeof v === "number") beds.set(org, v);
      if (!dateCol) continue;
      // an all-staff row: every other label is `all` (or absent)
      if (keys.some((c) => c !== orgCol && c !== dateCol && r[c] !== "all" && typeof r[c] === "string"))
        continue;
      for (const c of countColumns(t).filter((c) => /headcount/i.test(c) && !/avg/i.test(c))) {
        if (typeof r[c] !== "number") continue;
        if (!published.has(org)) published.set(org, []);
        published.get(org)!.push({ date: r[dateCol] as string, n: r[c] as number, file: t.name });
      }
    }
  }
  const out: Finding[] = [];
  // a publication of one organisation names it by being published: there is no one to confuse it with
  if (k.orgs.filter((o) => k.headcountByMonth.has(o.org)).length < 2) return out;
  for (const [pseudo, b] of beds) {
    const fits = k.orgs.filter((o) => o.beds === b);
    if (fits.length === 1)
      out.push({
        attack: "reidentify-beds",
        file: "",
        column: "staffed_beds",
        detail: `${pseudo} has ${b} staffed beds: only ${fits[0]!.org} (${fits[0]!.name})`,
      });
  }
  for (const [pseudo, cells] of published) {
    const scores = k.orgs.map((o) => {
      const known = k.headcountByMonth.get(o.org);
      const comparable = cells.filter((c) => known?.has(c.date));
      const hits = comparable.filter((c) => known!.get(c.date) === c.n).length;
      return { org: o, hits, of: comparable.length };
    });
    const fitting = scores.filter((s) => s.of >= 3 && s.hits / s.of >= 0.8);
    const others = scores.filter((s) => !fitting.includes(s) && s.of > 0 && s.hits / s.of >= 0.5);
    if (fitting.length === 1 && others.length === 0)
      out.push({
        attack: "reidentify-counts",
        file: cells[0]!.file,
        column: "headcount",
        detail: `${pseudo} is ${fitting[0]!.org.org} (${fitting[0]!.org.name}): ${fitting[0]!.hits}/${fitting[0]!.of} published headcounts equal its known staff`,
      });
  }
  return out;
}
