/**
 * The declaration of a published table: a JSON sidecar beside its SQL (`src/sql/marts/<mart>.json`,
 * `src/sql/publish/inputs/<table>.json`), validated here. JSON so that BI tools and documentation
 * generators read the same file the publish layer does. A declaration gives the grain, the key columns,
 * the `'all'` totals, and a class for every published column; the class decides the disclosure rule
 * (src/publish/disclosure.ts) and the documentation (docs/marts.md), so a column without one cannot be
 * published.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * What a column is. The rule each class follows in publish (docs/marts.md, "Publication"):
 * - `key`: a grain column; never withheld (org_id pseudonymised for a public audience).
 * - `people`, `events`, `fte`: counts of people, of things that happened to people, and staff FTE (which
 *   equals headcount when everyone is full time). A public build withholds the row when any is between 0
 *   and min_cell_public, with complementary suppression along the totals and the years.
 * - `pay`: a pay statistic of the people counted by `people`: withheld below min_pay_group (quartiles
 *   below min_pay_quartile_group), USD rounded to pay_rounding_usd, ratios to three significant digits.
 * - `pay_derived`: money computed from pay (a cost per FTE, turnover or labour cost): the pay rule of its
 *   `people`, rounded like pay, so dividing it by published factors gives no more than the rounded pay.
 * - `money`: money that is no one's pay (vendor bills, course fees): withheld with its row.
 * - `rate`, `share`: a ratio of `numerator` over `denominator` (columns of the table, or the class of a
 *   quantity published elsewhere, named by `source`): withheld with its row, and wherever its source is.
 * - `amount`: other quantities (hours, assets, FTE of work demanded); `measure`: other statistics (days,
 *   months, survival); both withheld with their row.
 * - `reference`: describes no person (reference data, the table's own flags): never withheld.
 */
export const COLUMN_CLASSES = [
  "key",
  "people",
  "events",
  "fte",
  "pay",
  "pay_derived",
  "money",
  "rate",
  "share",
  "amount",
  "measure",
  "reference",
] as const;
export type ColumnClass = (typeof COLUMN_CLASSES)[number];

/** Classes whose small values identify people: the cell rule of a public build applies to them. */
export const COUNT_CLASSES: readonly ColumnClass[] = ["people", "events", "fte"];

const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, "a lower-case SQL identifier");

/** The same quantity published by another table: withheld here wherever it is withheld there. */
const Source = z
  .object({
    mart: identifier,
    column: identifier,
    /** This table's column, or a literal (`'all'`, `false`, `2024`), for each key column of the source. */
    match: z.record(identifier, z.string().regex(/^([a-z][a-z0-9_]*|'[^']*'|true|false|-?[0-9]+)$/)),
  })
  .strict();

const Column = z
  .object({
    class: z.enum(COLUMN_CLASSES),
    unit: z.string().min(1).optional(),
    additive: z.boolean().optional(),
    description: z.string().optional(),
    /** pay, pay_derived: the column counting the people behind the figure. */
    people: identifier.optional(),
    /** pay: which statistic (a quartile needs min_pay_quartile_group people). */
    statistic: z.enum(["median", "quartile", "ratio"]).optional(),
    /** rate, share: a column of this table, or a class of a quantity carried by `source`. */
    numerator: z.string().optional(),
    denominator: z.string().optional(),
    source: Source.optional(),
  })
  .strict();
export type ColumnDeclaration = z.infer<typeof Column>;

const Total = z
  .object({
    columns: z.array(identifier).min(1),
    within: z.array(identifier).optional(),
    attributes: z.array(identifier).optional(),
  })
  .strict();

export const Declaration = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    /** One row per … (docs/marts.md). */
    grain: z.string().min(1),
    /** Key columns: unique together, never withheld. */
    keys: z.array(identifier).min(1),
    /** The smallest set of keys that is unique (what the key tests check); default `keys`. */
    unique: z.array(identifier).optional(),
    /** Key columns with `'all'` total rows: complementary suppression runs along each. */
    totals: z.array(Total).optional(),
    /** A key column of periods (year): a line of complementary suppression runs along it too. */
    periods: identifier.optional(),
    /** Audiences the table is published for (default every audience). */
    audiences: z.array(z.enum(["internal", "public"])).optional(),
    columns: z.record(identifier, Column),
  })
  .strict()
  .superRefine((d, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", message });
    const cols = d.columns;
    for (const k of [...d.keys, ...(d.unique ?? [])]) {
      if (cols[k]?.class !== "key") issue(`key ${k} needs a column of class "key"`);
    }
    for (const [c, col] of Object.entries(cols)) {
      if (col.class === "key" && !d.keys.includes(c)) issue(`${c} is of class "key" but not in keys`);
      if (col.class !== "key" && !col.unit) issue(`${c}: a unit is required`);
      if (col.class === "pay" || col.class === "pay_derived") {
        const p = col.people ? cols[col.people] : undefined;
        if (!p || p.class !== "people") issue(`${c}: "people" must name a column of class "people"`);
        if (col.class === "pay" && !col.statistic) issue(`${c}: a pay column needs its "statistic"`);
      } else if (col.people || col.statistic) {
        issue(`${c}: "people" and "statistic" belong to pay columns`);
      }
      if (col.class === "rate" || col.class === "share") {
        for (const part of ["numerator", "denominator"] as const) {
          const ref = col[part];
          if (!ref) {
            issue(`${c}: a ${col.class} needs its ${part}`);
            continue;
          }
          // A part of a rate not carried by this table: a count published elsewhere must be named, so
          // the rate is withheld wherever that count is, unless the row carries counts of its own that
          // the cell rule applies to (a retention rate over the year's starting headcount, in a row
          // withheld when its average headcount is small).
          const ownCounts = Object.values(cols).some((x) => COUNT_CLASSES.includes(x.class));
          if (!(ref in cols) && COUNT_CLASSES.includes(ref as ColumnClass) && !col.source && !ownCounts) {
            issue(`${c}: its ${part} is a count neither in this table nor named by "source"`);
          }
          if (!(ref in cols) && !(COLUMN_CLASSES as readonly string[]).includes(ref)) {
            issue(`${c}: ${part} "${ref}" is neither a column nor a class`);
          }
        }
      } else if (col.numerator || col.denominator) {
        issue(`${c}: numerator and denominator belong to rates and shares`);
      }
    }
    for (const t of d.totals ?? []) {
      for (const k of [...t.columns, ...(t.within ?? []), ...(t.attributes ?? [])]) {
        if (!d.keys.includes(k)) issue(`total column ${k} is not a key`);
      }
    }
    if (d.periods && !d.keys.includes(d.periods)) issue(`period ${d.periods} is not a key`);
    for (const [c, col] of Object.entries(cols)) {
      for (const v of Object.values(col.source?.match ?? {})) {
        if (/^[a-z]/.test(v) && !["true", "false"].includes(v) && !(v in cols)) {
          issue(`${c}: source match "${v}" is not a column of this table`);
        }
      }
    }
  });
export type MartDeclaration = z.infer<typeof Declaration>;

/**
 * The declaration format as JSON Schema (docs/mart-declaration.schema.json, written by
 * `htm-workforce dictionary`), for editors, BI tools and documentation generators. The cross-column
 * checks (a pay column's `people` is a people count, …) are this module's alone.
 */
export function declarationJsonSchema(): string {
  const schema = z.toJSONSchema(Declaration, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, title: "htm-workforce mart declaration" }, null, 2)}\n`;
}

/** Parses one sidecar; the error names the file and every problem. */
export function parseDeclaration(file: string, text: string): MartDeclaration {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  const parsed = Declaration.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(declaration)"}: ${i.message}`);
    throw new Error(`${file} is not a valid declaration:\n${problems.join("\n")}`);
  }
  return parsed.data;
}

/** Every `<name>.json` of a folder, by name (sorted), validated. */
export function loadDeclarations(dir: string): Record<string, MartDeclaration> {
  if (!existsSync(dir)) return {};
  const out: Record<string, MartDeclaration> = {};
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const file = path.join(dir, f);
    out[f.slice(0, -5)] = parseDeclaration(file, readFileSync(file, "utf8"));
  }
  return out;
}

/** The columns of a declaration of the given classes, in declaration order. */
export function columnsOf(d: MartDeclaration, ...classes: ColumnClass[]): string[] {
  return Object.entries(d.columns)
    .filter(([, c]) => classes.includes(c.class))
    .map(([name]) => name);
}
