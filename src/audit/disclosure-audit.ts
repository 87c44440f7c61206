/**
 * An attacker's disclosure audit of a built site (docs/architecture.md, privacy). It reads only what a reader can get —
 * the data files Framework wrote into dist/ (.arrow, .json, .csv) — and the raw input CSVs the
 * attacker is assumed to know parts of, and tries to recover what the rules withhold. It is written
 * independently of the code that suppresses: nothing from src/site/ is imported, and which columns
 * group and which add up is discovered from the published data itself.
 *
 * Attacks, on every published table:
 * - exact matches of any input employee or technician id (whole cell or inside a string), and of any
 *   individual annual pay (also × 0.5 and × 1.3, the replacement and benefits factors);
 * - rebuilding a small pay group's values from its published quantiles (linear interpolation, R type 7):
 *   which order statistics the quantiles and n pin down;
 * - total − published siblings along every key column that has an 'all' total, for every column that
 *   adds up along it (checked on the complete lines first);
 * - the same across tables: a withheld cell published elsewhere under the same keys, a column summed
 *   over years against a table without years, and months or quarters summed to their year against a
 *   table published by year (same column name, checked on the complete groups first).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { tableFromIPC } from "apache-arrow";
import { parse } from "csv-parse/sync";

export type Value = string | number | boolean | null;
export type Record_ = Record<string, Value>;
export interface PublishedTable {
  name: string;
  rows: Record_[];
}

export interface Finding {
  attack: "id" | "pay" | "quantiles" | "subtraction" | "cross-table";
  table: string;
  detail: string;
}

export interface AuditOptions {
  /** Fewest people a pay quantile may describe before the attacker calls the group small. */
  smallGroup?: number;
  /** Also report multiples of $100 equal to an individual pay (collisions of the published rounding). */
  strictRounding?: boolean;
}

// ---------- reading what was published ----------

function plain(v: unknown): Value {
  if (v == null) return null;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** Arrays of objects anywhere in a JSON document, each as a table. */
function jsonTables(name: string, doc: unknown, out: PublishedTable[]): void {
  if (Array.isArray(doc)) {
    if (doc.length && doc.every((d) => d && typeof d === "object" && !Array.isArray(d))) {
      out.push({
        name,
        rows: doc.map((d) =>
          Object.fromEntries(
            Object.entries(d as object)
              .filter(([, v]) => v === null || typeof v !== "object")
              .map(([k, v]) => [k, plain(v)]),
          ),
        ),
      });
      doc.forEach((d, i) => {
        for (const [k, v] of Object.entries(d as object))
          if (v && typeof v === "object") jsonTables(`${name}[${i}].${k}`, v, out);
      });
    }
    return;
  }
  if (doc && typeof doc === "object") {
    const scalars = Object.entries(doc).filter(([, v]) => v === null || typeof v !== "object");
    if (scalars.length)
      out.push({
        name: `${name}(scalars)`,
        rows: [Object.fromEntries(scalars.map(([k, v]) => [k, plain(v)]))],
      });
    for (const [k, v] of Object.entries(doc))
      if (v && typeof v === "object") jsonTables(`${name}.${k}`, v, out);
  }
}

/** Every data file a reader of the built site can download. */
export function readPublished(distDir: string): PublishedTable[] {
  const out: PublishedTable[] = [];
  for (const file of walk(distDir)) {
    const name = path.relative(distDir, file);
    if (file.endsWith(".arrow")) {
      const table = tableFromIPC(readFileSync(file));
      const rows = table.toArray().map((r) => {
        const o = r.toJSON() as Record<string, unknown>;
        return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plain(v)]));
      });
      out.push({ name, rows });
    } else if (file.endsWith(".json")) {
      jsonTables(name, JSON.parse(readFileSync(file, "utf8")), out);
    } else if (file.endsWith(".csv")) {
      const rows = parse(readFileSync(file), {
        columns: true,
        skip_empty_lines: true,
        cast: true,
      }) as Record_[];
      out.push({ name, rows });
    }
  }
  return out;
}

// ---------- what the attacker knows of the input ----------

export interface InputSecrets {
  ids: Set<string>;
  pays: number[];
}

function readCsv(file: string): Record<string, string>[] {
  try {
    return parse(readFileSync(file), {
      columns: true,
      skip_empty_lines: true,
      bom: true,
      relax_column_count: true,
    });
  } catch {
    return [];
  }
}

/** Employee and technician ids and every individual annual pay in the input folder. */
export function readSecrets(inputDir: string): InputSecrets {
  const ids = new Set<string>();
  const pays: number[] = [];
  for (const f of readdirSync(inputDir).filter((f) => f.toLowerCase().endsWith(".csv"))) {
    const rows = readCsv(path.join(inputDir, f));
    for (const r of rows) {
      for (const c of ["employee_id", "technician_id"]) if (r[c]) ids.add(r[c]!.trim());
      if (f === "pay.csv" && r.amount) {
        const amount = Number(r.amount);
        if (Number.isFinite(amount)) pays.push(r.basis === "hourly" ? amount * 2080 : amount);
      }
    }
  }
  return { ids, pays: [...new Set(pays)].sort((a, b) => a - b) };
}

// ---------- attacks ----------

const isNum = (v: Value): v is number => typeof v === "number" && Number.isFinite(v);
const KEY_NUMBER = /(^|_)(year|month|quarter|order|level|line)$/;

function nearest(sorted: number[], v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  const a = sorted[lo] ?? Infinity;
  const b = sorted[lo - 1] ?? Infinity;
  return Math.abs(a - v) < Math.abs(b - v) ? a : b;
}

/** Columns no pay reaches: bills (vendor invoices, parts, device prices, course fees) and device counts. */
const NON_PAY_MONEY = /vendor|parts|acquisition|course|spend|assets/;

function exactMatches(
  t: PublishedTable,
  secrets: InputSecrets,
  strictRounding: boolean,
  findings: Finding[],
): void {
  const longIds = [...secrets.ids].filter((id) => id.length >= 5);
  for (const row of t.rows) {
    for (const [col, v] of Object.entries(row)) {
      if (typeof v === "string") {
        if (secrets.ids.has(v.trim()) || longIds.some((id) => v.includes(id))) {
          findings.push({ attack: "id", table: t.name, detail: `${col} = '${v}' is an input employee id` });
        }
      } else if (isNum(v) && Math.abs(v) >= 1000 && secrets.pays.length) {
        // The site says pay is rounded to $100: a multiple of $100 equal to a round salary tells the
        // reader no more than the rounding does (it is reported only with --strict-rounding).
        if (!strictRounding && v % 100 === 0) continue;
        // Costs may be pay times a factor; bills (vendor, parts, devices, course fees) never reach pay,
        // and equal values there are coincidences of thousands of sums against hundreds of salaries.
        if (NON_PAY_MONEY.test(col)) continue;
        const factors = /cost/.test(col) ? [1, 0.5, 1.3] : [1];
        for (const factor of factors) {
          const p = nearest(secrets.pays, v / factor);
          if (Math.abs(p * factor - v) < 0.005) {
            findings.push({
              attack: "pay",
              table: t.name,
              detail: `${col} = ${v} equals one person's annual pay ${p}${factor === 1 ? "" : ` × ${factor}`}`,
            });
          }
        }
      }
    }
  }
}

/** Indexes of unknowns uniquely determined by the equations (rows of coefficients). */
function determined(equations: number[][], n: number): number[] {
  const m = equations.map((r) => [...r]);
  const pivots: number[] = [];
  let row = 0;
  for (let col = 0; col < n && row < m.length; col++) {
    const p = m.findIndex((r, i) => i >= row && Math.abs(r[col]!) > 1e-9);
    if (p < 0) continue;
    [m[row], m[p]] = [m[p]!, m[row]!];
    const pivot = m[row]![col]!;
    m[row] = m[row]!.map((x) => x / pivot);
    for (let i = 0; i < m.length; i++) {
      if (i !== row && Math.abs(m[i]![col]!) > 1e-9) {
        const f = m[i]![col]!;
        m[i] = m[i]!.map((x, j) => x - f * m[row]![j]!);
      }
    }
    pivots.push(col);
    row++;
  }
  // x_j is determined when some reduced row has a single non-zero coefficient, at j.
  const out: number[] = [];
  for (const r of m) {
    const nz = r.map((x, j) => (Math.abs(x) > 1e-9 ? j : -1)).filter((j) => j >= 0);
    if (nz.length === 1) out.push(nz[0]!);
  }
  return out;
}

const QUANTILE = /^(p(\d{2})|median)_(.*pay.*|.*usd.*)$|^(.*pay.*)_(p(\d{2})|median)$/;

function quantileRebuild(t: PublishedTable, smallGroup: number, findings: Finding[]): void {
  const columns = Object.keys(t.rows[0] ?? {});
  const groups = new Map<string, { col: string; p: number }[]>();
  for (const c of columns) {
    const m = c.replace(/^rollup_/, "").match(QUANTILE);
    if (!m) continue;
    const p = m[1]
      ? m[1] === "median"
        ? 0.5
        : Number(m[2]) / 100
      : m[5] === "median"
        ? 0.5
        : Number(m[6]) / 100;
    const suffix = `${c.startsWith("rollup_") ? "rollup_" : ""}${m[3] ?? m[4]}`;
    groups.set(suffix, [...(groups.get(suffix) ?? []), { col: c, p }]);
  }
  const nColumn = (prefix: string) =>
    columns.find((c) => c === `${prefix}n`) ?? columns.find((c) => /(^|_)n$/.test(c) && c.startsWith(prefix));
  for (const [suffix, qs] of groups) {
    const nCol = nColumn(suffix.startsWith("rollup_") ? "rollup_" : "");
    if (!nCol) continue;
    for (const row of t.rows) {
      const n = row[nCol];
      if (!isNum(n) || n < 1 || n > 200) continue;
      const published = qs.filter((q) => isNum(row[q.col]));
      if (!published.length) continue;
      const equations = published.map(({ p }) => {
        const h = (n - 1) * p;
        const lo = Math.floor(h);
        const e = new Array(n).fill(0);
        e[lo] += 1 - (h - lo);
        if (h > lo) e[lo + 1] += h - lo;
        return e;
      });
      const pinned = determined(equations, n).length;
      if ((n < smallGroup && published.length) || (pinned >= 2 && pinned / n >= 0.25)) {
        findings.push({
          attack: "quantiles",
          table: t.name,
          detail: `${published.map((q) => q.col).join(", ")} of a group of ${n} pin down ${pinned} of its ${n} values (${JSON.stringify(keysOf(row, columns))})`,
        });
      }
    }
  }
}

function keysOf(row: Record_, columns: string[]): Record_ {
  return Object.fromEntries(columns.filter((c) => isKeyValue(c, row[c])).map((c) => [c, row[c]]));
}

function isKeyValue(column: string, v: Value): boolean {
  return typeof v === "string" || typeof v === "boolean" || (isNum(v) && KEY_NUMBER.test(column));
}

/** Key columns (text, flags, dates, years…) and measure columns (other numbers), from the data. */
export function discoverColumns(t: PublishedTable): { keys: string[]; measures: string[] } {
  const columns = [...new Set(t.rows.flatMap((r) => Object.keys(r)))];
  const keys: string[] = [];
  const measures: string[] = [];
  for (const c of columns) {
    const values = t.rows.map((r) => r[c]).filter((v) => v != null);
    if (!values.length) continue;
    if (values.every((v) => isNum(v)) && !KEY_NUMBER.test(c)) measures.push(c);
    else if (!/suppress|withheld|reason|rule|note/.test(c) || values.every((v) => typeof v === "boolean"))
      keys.push(c);
  }
  return { keys: keys.filter((k) => !/suppress|withheld/.test(k)), measures };
}

/** Whether the row says some of its values are withheld (a `suppressed`/`is_suppressed`… column). */
function isMarkedWithheld(row: Record_): boolean {
  return Object.entries(row).some(
    ([k, v]) => /suppress|withheld/.test(k) && v != null && v !== false && v !== "",
  );
}

const keyOf = (row: Record_, cols: string[]) => cols.map((c) => String(row[c])).join("\u001f");

/** Whether b is a function of a in this table (each value of a comes with one value of b). */
function dependsOn(rows: Record_[], a: string, b: string): boolean {
  const seen = new Map<string, string>();
  for (const r of rows) {
    const k = String(r[a]);
    const v = String(r[b]);
    if (seen.has(k) && seen.get(k) !== v) return false;
    seen.set(k, v);
  }
  return true;
}

/** Lines along column d: members sharing every other key, and the total row with d = 'all'. */
function linesAlong(t: PublishedTable, keys: string[], d: string): { total: Record_; members: Record_[] }[] {
  const totals = t.rows.filter((r) => r[d] === "all");
  // Columns that are 'all' on every total row along d move with d (group_kind with group_value).
  const coupled = keys.filter(
    (c) =>
      c !== d && totals.length && totals.every((r) => r[c] === "all") && t.rows.some((r) => r[c] !== "all"),
  );
  const attributes = keys.filter(
    (c) =>
      c !== d &&
      !coupled.includes(c) &&
      dependsOn(
        t.rows.filter((r) => r[d] !== "all"),
        d,
        c,
      ) &&
      !dependsOn(t.rows, c, d),
  );
  const outer = keys.filter((c) => c !== d && !coupled.includes(c) && !attributes.includes(c));
  const lineCols = [...outer, ...coupled];
  const totalByOuter = new Map(totals.map((r) => [keyOf(r, outer), r]));
  const members = new Map<string, Record_[]>();
  for (const r of t.rows) {
    if (r[d] === "all" || coupled.some((c) => r[c] === "all")) continue;
    const k = keyOf(r, lineCols);
    members.set(k, [...(members.get(k) ?? []), r]);
  }
  const out: { total: Record_; members: Record_[] }[] = [];
  for (const ms of members.values()) {
    const total = totalByOuter.get(keyOf(ms[0]!, outer));
    if (total) out.push({ total, members: ms });
  }
  return out;
}

const looksRounded = (values: number[]) => values.length > 0 && values.every((v) => v % 100 === 0);

function subtraction(t: PublishedTable, findings: Finding[]): void {
  const { keys, measures } = discoverColumns(t);
  for (const d of keys.filter((k) => t.rows.some((r) => r[k] === "all"))) {
    const lines = linesAlong(t, keys, d);
    for (const m of measures) {
      const complete = lines.filter((l) => isNum(l.total[m]) && l.members.every((r) => isNum(r[m])));
      const slack = (l: { members: Record_[] }) =>
        looksRounded([...l.members.map((r) => r[m] as number)]) ? 50 * (l.members.length + 1) : 0;
      // Additive along d when the total equals the sum on lines with two or more non-zero members
      // (a one-member line proves nothing), on at least 3 such lines and 90% of them.
      const telling = complete.filter((l) => l.members.filter((r) => (r[m] as number) !== 0).length >= 2);
      // Counts are whole numbers (half a unit of slack); a fractional measure (a survival, a rate) adds
      // up only to within floating-point error, or any two values under 0.5 would "add up".
      const whole = (l: { total: Record_; members: Record_[] }) =>
        [l.total, ...l.members].every((r) => Number.isInteger(r[m] as number));
      const agrees = (l: { total: Record_; members: Record_[] }) =>
        Math.abs((l.total[m] as number) - l.members.reduce((s, r) => s + (r[m] as number), 0)) <=
        Math.max(whole(l) ? 0.51 : 1e-9, 1e-6 * Math.abs(l.total[m] as number)) + slack(l);
      const additive = telling.length >= 3 && telling.filter(agrees).length >= 0.9 * telling.length;
      if (!additive) continue;
      for (const l of lines) {
        const cells = [l.total, ...l.members];
        const missing = cells.filter((r) => !isNum(r[m]));
        // the target: a value the site marks as withheld (a null without a mark is unknown, not secret)
        if (missing.length !== 1 || !isMarkedWithheld(missing[0]!)) continue;
        const published = l.members.filter((r) => isNum(r[m])).reduce((s, r) => s + (r[m] as number), 0);
        const recovered = missing[0] === l.total ? published : (l.total[m] as number) - published;
        if (Math.abs(recovered) > 0.51 + slack(l)) {
          findings.push({
            attack: "subtraction",
            table: t.name,
            detail: `${m} of ${JSON.stringify(keysOf(missing[0]!, keys))} is withheld but ${missing[0] === l.total ? "the sum of its members" : `the total minus its ${l.members.length - 1} published siblings along ${d}`} gives ${recovered}`,
          });
        }
      }
    }
  }
}

/** The same cell withheld in one table and published in another, or a sum over years published elsewhere. */
/**
 * A table with a date key (month_end, quarter_start…) and no year, seen also by year: months and
 * quarters summed to the year are attacked against a table published by year.
 */
function withDerivedYear(t: PublishedTable): PublishedTable | null {
  const { keys } = discoverColumns(t);
  if (keys.includes("year")) return null;
  const dateKey = keys.find((k) =>
    t.rows.every((r) => r[k] == null || /^\d{4}-\d{2}-\d{2}/.test(String(r[k]))),
  );
  if (!dateKey) return null;
  return {
    name: `${t.name} (by year of ${dateKey})`,
    rows: t.rows.map((r) => {
      const { [dateKey]: date, ...rest } = r;
      return { ...rest, year: date == null ? null : Number(String(date).slice(0, 4)) };
    }),
  };
}

function crossTable(tables: PublishedTable[], findings: Finding[]): void {
  const byYear = tables.map(withDerivedYear).filter((t): t is PublishedTable => t !== null);
  const shapes = [...tables, ...byYear].map((t) => ({ t, ...discoverColumns(t) }));
  for (const a of shapes) {
    for (const b of shapes) {
      if (a === b) continue;
      const shared = a.measures.filter((m) => b.measures.includes(m));
      if (!shared.length) continue;
      // b's keys must all be in a (b is the same cell or a coarser one, e.g. without year)
      if (!b.keys.length || !b.keys.every((k) => a.keys.includes(k))) continue;
      const extra = a.keys.filter((k) => !b.keys.includes(k));
      if (extra.some((k) => !KEY_NUMBER.test(k) && !/year/.test(k))) continue;
      const bIndex = new Map(b.t.rows.map((r) => [keyOf(r, b.keys), r]));
      if (bIndex.size !== b.t.rows.length) continue; // b's keys are not its grain: no totals to use
      for (const m of shared) {
        const groups = new Map<string, Record_[]>();
        for (const r of a.t.rows) {
          const k = keyOf(r, b.keys);
          groups.set(k, [...(groups.get(k) ?? []), r]);
        }
        let checked = 0;
        let agree = 0;
        const attempts: { k: string; recovered: number; row: Record_; of: number }[] = [];
        for (const [k, rows] of groups) {
          const total = bIndex.get(k)?.[m] ?? null;
          if (!isNum(total)) continue;
          const missing = rows.filter((r) => !isNum(r[m]));
          const sum = rows.filter((r) => isNum(r[m])).reduce((s, r) => s + (r[m] as number), 0);
          if (!missing.length) {
            checked++;
            if (Math.abs(total - sum) <= 0.51) agree++;
          } else if (missing.length === 1 && isMarkedWithheld(missing[0]!))
            attempts.push({ k, recovered: total - sum, row: missing[0]!, of: rows.length });
        }
        if (!checked || agree < 0.9 * checked) continue;
        for (const at of attempts) {
          if (Math.abs(at.recovered) > 0.51) {
            findings.push({
              attack: "cross-table",
              table: a.t.name,
              detail: `${m} of ${JSON.stringify(keysOf(at.row, a.keys))} is withheld but ${b.t.name} publishes ${extra.length || at.of > 1 ? `the total of its ${at.of} rows` : "the same cell"}: ${at.recovered}`,
            });
          }
        }
      }
    }
  }
}

/** Runs every attack on the published tables; an empty list means nothing was recovered. */
export function auditTables(
  tables: PublishedTable[],
  secrets: InputSecrets,
  options: AuditOptions = {},
): Finding[] {
  const findings: Finding[] = [];
  const smallGroup = options.smallGroup ?? 5;
  for (const t of tables) {
    if (!t.rows.length) continue;
    exactMatches(t, secrets, options.strictRounding ?? false, findings);
    quantileRebuild(t, smallGroup, findings);
    subtraction(t, findings);
  }
  crossTable(
    tables.filter((t) => t.rows.length),
    findings,
  );
  return findings;
}

export function auditSite(distDir: string, inputDir: string, options: AuditOptions = {}): Finding[] {
  return auditTables(readPublished(distDir), readSecrets(inputDir), options);
}
