/**
 * A taxonomy or reference table is described once: its CSV file, its warehouse table and its
 * columns. Each column carries the zod schema that turns a trimmed CSV cell into a typed value
 * (with a message saying what was expected) and the DuckDB type it is stored as.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { patternProblem } from "./portable_pattern.ts";
import { TaxonomyError, type TaxonomyIssue } from "./taxonomy_error.ts";

export type SqlType = "VARCHAR" | "INTEGER" | "DOUBLE" | "BOOLEAN";

export interface Column<Out> {
  readonly sqlType: SqlType;
  readonly required: boolean;
  readonly schema: z.ZodType<Out, string>;
}

export interface TableSpec<Columns extends Record<string, Column<unknown>>> {
  readonly file: string;
  readonly schema: "taxonomy" | "reference";
  readonly table: string;
  readonly columns: Columns;
  /** Columns whose combined value must be unique in the file. */
  readonly key: readonly (keyof Columns & string)[];
  /**
   * A file added after the first release: a taxonomy folder written before it existed still loads,
   * as if the file had a header and no rows.
   */
  readonly optional?: boolean;
}

export type RowOf<Spec> =
  Spec extends TableSpec<infer Columns>
    ? { [K in keyof Columns]: Columns[K] extends Column<infer Out> ? Out : never }
    : never;

/** A row plus the line it came from, so later checks can point at it. */
export type Located<Row> = Row & { readonly line: number };

export interface LoadedTable<Row> {
  /** Path of the CSV the rows were read from. */
  readonly file: string;
  readonly rows: readonly Located<Row>[];
}

function column<Out>(
  sqlType: SqlType,
  required: boolean,
  expected: string,
  convert: (raw: string) => Out | undefined,
): Column<Out> {
  const schema = z.string().transform((raw, ctx) => {
    if (raw === "") {
      if (!required) return null as Out;
      ctx.addIssue({ code: "custom", message: `is empty; expected ${expected}` });
      return z.NEVER;
    }
    const value = convert(raw);
    if (value === undefined) {
      ctx.addIssue({ code: "custom", message: `is not ${expected}` });
      return z.NEVER;
    }
    return value;
  });
  return { sqlType, required, schema };
}

const INTEGER = /^-?\d+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)$/;
const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0"]);

function toBoolean(raw: string): boolean | undefined {
  const v = raw.toLowerCase();
  return TRUE.has(v) ? true : FALSE.has(v) ? false : undefined;
}

/** Cell types. `optional` cells are null when empty. */
export const cell = {
  text: (expected = "a value") => column<string>("VARCHAR", true, expected, (s) => s),
  optionalText: () => column<string | null>("VARCHAR", false, "text", (s) => s),
  matching: (re: RegExp, expected: string) =>
    column<string>("VARCHAR", true, expected, (s) => (re.test(s) ? s : undefined)),
  optionalMatching: (re: RegExp, expected: string) =>
    column<string | null>("VARCHAR", false, expected, (s) => (re.test(s) ? s : undefined)),
  oneOf: <T extends string>(values: readonly T[]) =>
    column<T>("VARCHAR", true, `one of ${values.join(", ")}`, (s) =>
      (values as readonly string[]).includes(s) ? (s as T) : undefined,
    ),
  integer: (min: number, max: number) =>
    column<number>("INTEGER", true, `a whole number from ${min} to ${max}`, (s) =>
      INTEGER.test(s) && Number(s) >= min && Number(s) <= max ? Number(s) : undefined,
    ),
  optionalInteger: (min: number, max: number) =>
    column<number | null>("INTEGER", false, `a whole number from ${min} to ${max}`, (s) =>
      INTEGER.test(s) && Number(s) >= min && Number(s) <= max ? Number(s) : undefined,
    ),
  optionalAmount: () =>
    column<number | null>("DOUBLE", false, "a positive amount without currency sign or separators", (s) =>
      NUMBER.test(s) && Number(s) > 0 ? Number(s) : undefined,
    ),
  amount: () =>
    column<number>("DOUBLE", true, "a positive amount without currency sign or separators", (s) =>
      NUMBER.test(s) && Number(s) > 0 ? Number(s) : undefined,
    ),
  boolean: () => column<boolean>("BOOLEAN", true, "true or false", toBoolean),
  optionalBoolean: () => column<boolean | null>("BOOLEAN", false, "true or false", toBoolean),
  /** An ISO date (YYYY-MM-DD), kept as text and cast to a date in SQL. */
  optionalDate: () =>
    column<string | null>("VARCHAR", false, "a date as YYYY-MM-DD", (s) =>
      ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) ? s : undefined,
    ),
  /** A case-insensitive regular expression that behaves the same in JS and DuckDB (RE2). */
  pattern: (): Column<string> => {
    const schema = z.string().transform((raw, ctx) => {
      const problem = raw === "" ? "is empty; expected a regular expression" : patternProblem(raw);
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return raw;
    });
    return { sqlType: "VARCHAR", required: true, schema };
  },
};

export function defineTable<Columns extends Record<string, Column<unknown>>>(
  spec: TableSpec<Columns>,
): TableSpec<Columns> {
  return spec;
}

/**
 * Reads `dir/<spec.file>`: any column order, trimmed cells, header names matched case-insensitively.
 * Throws a TaxonomyError listing every problem in the file (missing or unknown columns, bad cells,
 * duplicate keys).
 */
export function readTable<Columns extends Record<string, Column<unknown>>>(
  dir: string,
  spec: TableSpec<Columns>,
): LoadedTable<RowOf<TableSpec<Columns>>> {
  const file = path.join(dir, spec.file);
  if (!existsSync(file) && spec.optional) return { file, rows: [] };
  if (!existsSync(file)) {
    throw new TaxonomyError([
      {
        file,
        line: 0,
        column: "(file)",
        value: undefined,
        problem: "file not found",
      },
    ]);
  }
  const records = parse(readFileSync(file), {
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];

  const expected = Object.keys(spec.columns);
  const header = (records[0]?.record ?? []).map((name) => name.toLowerCase());
  const issues: TaxonomyIssue[] = [];
  const issue = (line: number, column: string, value: string | undefined, problem: string) =>
    issues.push({ file, line, column, value, problem });

  for (const name of expected) {
    if (!header.includes(name)) {
      issue(1, name, undefined, `required column is missing (header has: ${header.join(", ") || "nothing"})`);
    }
  }
  header.forEach((name, index) => {
    if (!expected.includes(name)) {
      issue(1, name || `#${index + 1}`, undefined, `unknown column (expected: ${expected.join(", ")})`);
    } else if (header.indexOf(name) !== index) {
      issue(1, name, undefined, "column appears twice in the header");
    }
  });
  if (issues.length > 0) throw new TaxonomyError(issues);

  const rowSchema = z.object(
    Object.fromEntries(Object.entries(spec.columns).map(([name, column]) => [name, column.schema])),
  );
  const rows: Located<RowOf<TableSpec<Columns>>>[] = [];
  const firstLineOfKey = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      issue(line, "(row)", undefined, `has ${record.length} fields; the header has ${header.length}`);
      continue;
    }
    const cells = Object.fromEntries(header.map((name, i) => [name, record[i]]));
    const parsed = rowSchema.safeParse(cells);
    if (!parsed.success) {
      for (const problem of parsed.error.issues) {
        const column = String(problem.path[0]);
        issue(line, column, cells[column], problem.message);
      }
      continue;
    }
    const row = { ...(parsed.data as RowOf<TableSpec<Columns>>), line };
    const key = JSON.stringify(spec.key.map((name) => cells[name]?.toLowerCase()));
    const first = firstLineOfKey.get(key);
    if (first !== undefined) {
      const column = spec.key.join(", ");
      const value = spec.key.map((name) => cells[name]).join(", ");
      issue(line, column, value, `is a duplicate (first on line ${first}); ${column} must be unique`);
      continue;
    }
    firstLineOfKey.set(key, line);
    rows.push(row);
  }
  if (issues.length > 0) throw new TaxonomyError(issues);
  return { file, rows };
}
