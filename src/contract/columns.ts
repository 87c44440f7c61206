/**
 * The vocabulary every source contract is written in. A column is described once, here, and
 * from that one description come: the zod schema that checks a row with exact messages, the
 * DuckDB column type the bulk reader casts to, the SQL predicates that reject bad rows in the
 * warehouse, and the generated data dictionary.
 */
import { z } from "zod";

export type ColumnKind = "id" | "text" | "date" | "integer" | "number" | "enum" | "boolean";

export interface ColumnSpec {
  readonly kind: ColumnKind;
  readonly description: string;
  readonly required: boolean;
  /** Allowed values for `enum` columns, lowercase. */
  readonly values?: readonly string[];
  /** Inclusive / exclusive numeric bounds. */
  readonly min?: number;
  readonly minExclusive?: boolean;
  readonly max?: number;
  readonly maxExclusive?: boolean;
  /** Value used when the cell is empty (documented in the dictionary, applied in core). */
  readonly defaultValue?: string | number | boolean;
}

/** Spellings accepted for a boolean cell, lowercase. */
export const BOOLEAN_TRUE = ["true", "yes", "y", "1", "t"] as const;
export const BOOLEAN_FALSE = ["false", "no", "n", "0", "f"] as const;

function spec(kind: ColumnKind, description: string, extra: Partial<ColumnSpec> = {}): ColumnSpec {
  return { kind, description, required: false, ...extra };
}

/** Builders for column specs; `.required()` style is avoided so specs stay plain data. */
export const col = {
  id: (description: string, required = false) => spec("id", description, { required }),
  text: (description: string, required = false) => spec("text", description, { required }),
  date: (description: string, required = false) => spec("date", description, { required }),
  integer: (description: string, bounds: Partial<ColumnSpec> = {}, required = false) =>
    spec("integer", description, { ...bounds, required }),
  number: (description: string, bounds: Partial<ColumnSpec> = {}, required = false) =>
    spec("number", description, { ...bounds, required }),
  enum: (description: string, values: readonly string[], extra: Partial<ColumnSpec> = {}) =>
    spec("enum", description, { values, ...extra }),
  boolean: (description: string, required = false) => spec("boolean", description, { required }),
};

/**
 * Rules that involve more than one column. They are data, not code, so the same rule can be
 * checked by zod on one row and by a SQL predicate on millions.
 */
export type RowRule =
  | { kind: "date_order"; column: string; after: string; strict: boolean }
  | { kind: "required_iff"; column: string; when: string }
  | { kind: "not_both"; column: string; other: string };

/** [start, end] periods (end inclusive, empty = ongoing) that must not overlap for one key. */
export interface NonOverlapping {
  readonly key: string;
  readonly start: string;
  readonly end: string;
  /** What one period is, for messages: "employment". */
  readonly what: string;
}

export interface SourceContract<Name extends string = string> {
  readonly name: Name;
  readonly file: `${Name}.csv`;
  readonly description: string;
  /** Columns whose combined value must be unique; all but the first duplicate are rejected. */
  readonly key: readonly string[];
  readonly columns: Readonly<Record<string, ColumnSpec>>;
  readonly rules: readonly RowRule[];
  /** Periods that may not overlap per key (one person's employments); a later overlapping row is rejected. */
  readonly nonOverlapping?: NonOverlapping;
  /** Columns that reference another source's key. */
  readonly references: readonly { column: string; source: string; sourceColumn: string }[];
}

/** DuckDB type a column is cast to by the bulk CSV reader. */
export function duckdbType(c: ColumnSpec): string {
  switch (c.kind) {
    case "date":
      return "DATE";
    case "integer":
      return "BIGINT";
    case "number":
      return "DOUBLE";
    default:
      // Identifiers stay strings ("007" is not 7); enums and booleans are normalised in SQL.
      return "VARCHAR";
  }
}

export function ruleMessage(r: RowRule): string {
  switch (r.kind) {
    case "date_order":
      return `${r.column} must be ${r.strict ? "after" : "on or after"} ${r.after}`;
    case "required_iff":
      return `${r.column} is required when ${r.when} is given, and must be empty otherwise`;
    case "not_both":
      return `${r.column} and ${r.other} cannot both be given`;
  }
}

export function boundsText(c: ColumnSpec): string | undefined {
  const parts: string[] = [];
  if (c.min !== undefined) parts.push(`${c.minExclusive ? ">" : "≥"} ${c.min}`);
  if (c.max !== undefined) parts.push(`${c.maxExclusive ? "<" : "≤"} ${c.max}`);
  return parts.length ? parts.join(" and ") : undefined;
}

// ---------------------------------------------------------------------------------------------
// zod: one row of CSV text in, typed values out, with a message per failing column.

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

function cellSchema(name: string, c: ColumnSpec): z.ZodType {
  // Every cell arrives as CSV text; each branch turns that text into a typed value.
  let s: z.ZodType<unknown, string>;
  switch (c.kind) {
    case "id":
    case "text":
      s = z.string();
      break;
    case "date":
      s = z.iso.date({ error: `${name} must be a date YYYY-MM-DD` }).transform((v) => v);
      break;
    case "integer":
    case "number": {
      let n = z.coerce.number<string>({ error: `${name} must be a number` });
      if (c.kind === "integer") n = n.int({ error: `${name} must be a whole number` });
      if (c.min !== undefined)
        n = c.minExclusive
          ? n.gt(c.min, { error: `${name} must be > ${c.min}` })
          : n.gte(c.min, { error: `${name} must be ≥ ${c.min}` });
      if (c.max !== undefined)
        n = c.maxExclusive
          ? n.lt(c.max, { error: `${name} must be < ${c.max}` })
          : n.lte(c.max, { error: `${name} must be ≤ ${c.max}` });
      s = z
        .string()
        .regex(/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/, { error: `${name} must be a number` })
        .pipe(n);
      break;
    }
    case "enum":
      s = z
        .string()
        .transform((v) => v.trim().toLowerCase())
        .pipe(
          z.enum(c.values as [string, ...string[]], {
            error: `${name} must be one of ${c.values!.join(", ")}`,
          }),
        );
      break;
    case "boolean":
      s = z
        .string()
        .transform((v) => v.trim().toLowerCase())
        .pipe(
          z.enum([...BOOLEAN_TRUE, ...BOOLEAN_FALSE], {
            error: `${name} must be true/false, yes/no or 1/0`,
          }),
        )
        .transform((v) => (BOOLEAN_TRUE as readonly string[]).includes(v));
      break;
  }
  if (c.kind === "id")
    s = z
      .string()
      .trim()
      .min(1, { error: `${name} is required` });
  return c.required
    ? z.preprocess(
        emptyToUndefined,
        z.custom<string>((v) => v !== undefined, { error: `${name} is required` }).pipe(s),
      )
    : z.preprocess(emptyToUndefined, s.optional());
}

function checkRule(r: RowRule, row: Record<string, unknown>): boolean {
  const a = row[r.column];
  const b = row[r.kind === "date_order" ? r.after : r.kind === "required_iff" ? r.when : r.other];
  switch (r.kind) {
    case "date_order":
      // ISO dates compare correctly as strings; a missing side is not this rule's business.
      return (
        a === undefined || b === undefined || (r.strict ? String(a) > String(b) : String(a) >= String(b))
      );
    case "required_iff":
      return (a === undefined) === (b === undefined);
    case "not_both":
      return a === undefined || b === undefined;
  }
}

/** The zod schema of one source's row: CSV strings in, typed and normalised values out. */
export function rowSchema(contract: Pick<SourceContract, "columns" | "rules">) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, c] of Object.entries(contract.columns)) shape[name] = cellSchema(name, c);
  return z.object(shape).superRefine((row, ctx) => {
    for (const r of contract.rules) {
      if (!checkRule(r, row)) ctx.addIssue({ code: "custom", path: [r.column], message: ruleMessage(r) });
    }
  });
}
