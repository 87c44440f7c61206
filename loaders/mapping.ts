/**
 * The mapping config (`mapping.json` in the input folder): how a real export differs from the
 * contract. Per source: another file name, vendor header → contract column, declared date
 * formats (two-digit years with a century pivot), value synonyms and vendor words for "empty",
 * constants, columns derived by first-match rules or from a date of birth, and a scope filter.
 * Validated with zod; errors name the file and the field. docs/mapping.md documents every key.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { SOURCES, sourceByName, type ColumnSpec } from "../src/contract/index.ts";

/** strptime format and the shape a value of that format has (to tell "not a date" from "30 February"). */
export const DATE_FORMATS = {
  "YYYY-MM-DD": { strptime: "%Y-%m-%d", shape: "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}" },
  "MM/DD/YYYY": { strptime: "%m/%d/%Y", shape: "[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}" },
  "M/D/YYYY": { strptime: "%-m/%-d/%Y", shape: "[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}" },
  "DD/MM/YYYY": { strptime: "%d/%m/%Y", shape: "[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}" },
  "DD.MM.YYYY": { strptime: "%d.%m.%Y", shape: "[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{4}" },
  "YYYY/MM/DD": { strptime: "%Y/%m/%d", shape: "[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}" },
  // Two-digit years: the century comes from the source's century_pivot, never from DuckDB's guess.
  "MM/DD/YY": { strptime: "%m/%d/%y", shape: "[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}" },
  "M/D/YY": { strptime: "%-m/%-d/%y", shape: "[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}" },
  "DD/MM/YY": { strptime: "%d/%m/%y", shape: "[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}" },
  "DD.MM.YY": { strptime: "%d.%m.%y", shape: "[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{2}" },
  excel_serial: { strptime: "excel_serial", shape: "[0-9]+(\\.[0-9]+)?" },
} as const;
export type DateFormatName = keyof typeof DATE_FORMATS;

export const isTwoDigitYear = (f: DateFormatName) => f.endsWith("YY") && !f.endsWith("YYYY");

/** Two-digit years below this are 20YY, the rest 19YY (Excel's and Windows' default window). */
export const DEFAULT_CENTURY_PIVOT = 30;

const dateFormat = z.enum(Object.keys(DATE_FORMATS) as [DateFormatName, ...DateFormatName[]]);

/** A test on one vendor column's cell (trimmed; empty_values already applied). */
const condition = z.union([
  z.string().describe("equals this value, ignoring case"),
  z.array(z.string()).min(1).describe("equals one of these values, ignoring case"),
  z
    .object({
      empty: z.boolean().optional().describe("true: the cell is empty; false: it is not"),
      equals: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
      not: z
        .union([z.string(), z.array(z.string()).min(1)])
        .optional()
        .describe("is empty or differs from every one of these values, ignoring case"),
      matches: z.string().optional().describe("matches this regular expression, ignoring case"),
      maps_to_role: z
        .boolean()
        .optional()
        .describe("true: a job-title rule of data/taxonomy/job_title_rules.csv matches the cell"),
    })
    .strict()
    .refine((c) => Object.keys(c).length > 0, { message: "a condition needs at least one test" }),
]);
export type Condition = z.infer<typeof condition>;

/** Vendor header → condition; every condition must hold. */
const conditions = z.record(z.string(), condition);
export type Conditions = z.infer<typeof conditions>;

const rule = z
  .object({
    when: conditions.default({}).describe("conditions that must all hold; none: always"),
    then: z.union([z.string(), z.null()]).describe("the value (null: empty)"),
  })
  .strict();

const yearOf = z
  .object({
    year_of: z.string().min(1).describe("vendor header of a date (e.g. a date of birth)"),
    date_format: dateFormat.describe("format of that date"),
    century_pivot: z
      .number()
      .int()
      .min(0)
      .max(100)
      .optional()
      .describe("for this date only; default the source's century_pivot"),
  })
  .strict();

const derivation = z.union([z.array(rule).min(1), yearOf]);
export type Derivation = z.infer<typeof derivation>;

const sourceMapping = z
  .object({
    file: z.string().min(1).optional().describe("File name in the input folder, when not <source>.csv"),
    columns: z
      .record(z.string(), z.string())
      .default({})
      .describe("Vendor header → contract column (header matching is case-insensitive)"),
    date_format: dateFormat.optional().describe("Format of every date column of this file"),
    date_formats: z.record(z.string(), dateFormat).default({}).describe("Format per date column"),
    century_pivot: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(DEFAULT_CENTURY_PIVOT)
      .describe("Two-digit years below it are 20YY, the others 19YY"),
    decimal_separator: z.enum([".", ","]).optional(),
    delimiter: z.enum([",", ";", "\t", "|"]).optional(),
    encoding: z.enum(["utf-8", "windows-1252"]).optional(),
    empty_values: z
      .array(z.string().min(1))
      .default([])
      .describe("Cells that mean 'empty' in every column of this file"),
    values: z
      .record(z.string(), z.record(z.string(), z.union([z.string(), z.null()])))
      .default({})
      .describe("Per column: raw value → contract value, or null for empty (matching is case-insensitive)"),
    constants: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .default({})
      .describe("Contract column → the same value on every row (for columns the export does not have)"),
    derive: z
      .record(z.string(), derivation)
      .default({})
      .describe("Contract column → first-match rules over vendor columns, or the year of a date"),
    scope: conditions
      .optional()
      .describe("Keep only rows where every condition holds; the others are counted as out of scope"),
  })
  .strict();

export const mappingSchema = z
  .object({
    $schema: z.string().optional(),
    sources: z.record(z.string(), sourceMapping).default({}),
  })
  .strict();

export type SourceMapping = z.infer<typeof sourceMapping>;
export type Mapping = z.infer<typeof mappingSchema>;

export const EMPTY_SOURCE_MAPPING: SourceMapping = sourceMapping.parse({});

/** Contract columns a source mapping fills without reading a header of the same meaning. */
export function generatedColumns(m: SourceMapping): string[] {
  return [...Object.keys(m.constants), ...Object.keys(m.derive)];
}

/** Reads and validates mapping.json; every problem is reported with its JSON path. */
export function readMapping(file: string): Mapping {
  if (!existsSync(file)) return { sources: {} };
  let json: unknown;
  try {
    // a UTF-8 byte-order mark (Notepad, Excel) is not part of the JSON
    json = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.flatMap((i) => describeIssue(i, [])).join("; ")}`);
  }
  const problems: string[] = [];
  for (const [name, m] of Object.entries(parsed.data.sources)) {
    const source = sourceByName(name);
    if (!source) {
      problems.push(
        `sources.${name}: unknown source (expected one of ${SOURCES.map((s) => s.name).join(", ")})`,
      );
      continue;
    }
    const columns = source.columns as Record<string, ColumnSpec>;
    const known = (c: string) => c in columns;
    const closest = (c: string) => {
      const near = closestName(c, Object.keys(columns));
      return near ? ` (did you mean '${near}'?)` : "";
    };
    for (const [from, to] of Object.entries(m.columns)) {
      if (!known(to))
        problems.push(
          `sources.${name}.columns["${from}"]: '${to}' is not a column of ${source.file}${closest(to)}`,
        );
    }
    const targets = Object.values(m.columns).map((t) => t.toLowerCase());
    const dup = targets.find((t, i) => targets.indexOf(t) !== i);
    if (dup) problems.push(`sources.${name}.columns: two headers are mapped to '${dup}'`);
    for (const [key, table] of [
      ["date_formats", m.date_formats],
      ["values", m.values],
      ["constants", m.constants],
      ["derive", m.derive],
    ] as const) {
      for (const column of Object.keys(table))
        if (!known(column))
          problems.push(
            `sources.${name}.${key}: '${column}' is not a column of ${source.file}${closest(column)}`,
          );
    }
    for (const column of Object.keys(m.date_formats)) {
      if (known(column) && columns[column]!.kind !== "date")
        problems.push(`sources.${name}.date_formats: '${column}' is not a date column`);
    }
    for (const column of Object.keys(m.values)) {
      const kind = columns[column]?.kind;
      const nulls = Object.entries(m.values[column]!).filter(([, to]) => to === null);
      if ((kind === "number" || kind === "integer") && nulls.length)
        problems.push(
          `sources.${name}.values.${column}: a number column cannot map '${nulls[0]![0]}' to empty here; list it in empty_values`,
        );
    }
    const mapped = new Set(Object.values(m.columns));
    for (const column of generatedColumns(m)) {
      if (mapped.has(column))
        problems.push(
          `sources.${name}: '${column}' is both mapped from a header and set by ${column in m.constants ? "constants" : "derive"}`,
        );
    }
    for (const [column, value] of Object.entries(m.constants)) {
      if (column in m.derive) problems.push(`sources.${name}: '${column}' is both a constant and derived`);
      const kind = columns[column]?.kind;
      // a constant is SQL text cast to the column's type: it must be one, or the load would fail
      if (kind === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(String(value)))
        problems.push(`sources.${name}.constants.${column}: '${value}' is not a date YYYY-MM-DD`);
      const allowed = columns[column]?.values;
      if (allowed && !allowed.includes(String(value).trim().toLowerCase()))
        problems.push(`sources.${name}.constants.${column}: '${value}' is not one of ${allowed.join(", ")}`);
      if ((kind === "number" || kind === "integer") && !Number.isFinite(Number(value)))
        problems.push(`sources.${name}.constants.${column}: '${value}' is not a number`);
    }
    for (const [column, d] of Object.entries(m.derive)) {
      if (!Array.isArray(d) && known(column) && columns[column]!.kind !== "integer")
        problems.push(
          `sources.${name}.derive.${column}: year_of gives a year; '${column}' is not a whole-number column`,
        );
      const kind = columns[column]?.kind;
      if (Array.isArray(d) && (kind === "date" || kind === "number" || kind === "integer"))
        problems.push(
          `sources.${name}.derive.${column}: rules give text; derive a ${kind} column from a header in columns instead`,
        );
      // a rule's value must be one the column accepts (directly or through values), or every row it gives is rejected
      const allowed = columns[column]?.values;
      if (Array.isArray(d) && allowed) {
        const synonyms = Object.keys(m.values[column] ?? {}).map((v) => v.trim().toLowerCase());
        d.forEach((r, i) => {
          const v = r.then?.trim().toLowerCase();
          if (v !== undefined && !allowed.includes(v) && !synonyms.includes(v))
            problems.push(
              `sources.${name}.derive.${column}[${i}].then: '${r.then}' is not one of ${allowed.join(", ")}`,
            );
        });
      }
    }
  }
  for (const { key, pattern } of mappingPatterns(parsed.data)) {
    try {
      new RegExp(pattern);
    } catch (e) {
      problems.push(`${key}: ${(e as Error).message}`);
    }
  }
  if (problems.length) throw new Error(`${file}: ${problems.join("; ")}`);
  return parsed.data;
}

/**
 * One zod issue as "json.path: what is wrong". A value that fits none of a union's shapes ("Invalid
 * input") is explained by the shape it came closest to: the branch whose problems are not a wrong
 * type at the value itself (an object with a bad date_format is a year_of with a bad format), else
 * by listing the shapes the value may take.
 */
function describeIssue(issue: z.core.$ZodIssue, base: PropertyKey[]): string[] {
  const at = [...base, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length) {
    const near = issue.errors.filter(
      (branch) => !branch.some((b) => b.code === "invalid_type" && b.path.length === 0),
    );
    if (near.length === 1) return near[0]!.flatMap((b) => describeIssue(b, at));
    const expected = [
      ...new Set(
        issue.errors.flatMap((branch) =>
          branch.filter((b) => b.code === "invalid_type").map((b) => b.expected),
        ),
      ),
    ];
    if (expected.length)
      return [`${at.join(".") || "(root)"}: expected ${expected.join(" or ")} (see docs/mapping.md)`];
  }
  return [`${at.join(".") || "(root)"}: ${issue.message}`];
}

/**
 * Every regular expression of a mapping (`matches` conditions of derive rules and scopes) with the
 * key that holds it, so each can be checked before any row is read: JavaScript's parser here,
 * DuckDB's (RE2, which runs them) at ingest.
 */
export function mappingPatterns(m: Mapping): { key: string; pattern: string }[] {
  const found: { key: string; pattern: string }[] = [];
  const visit = (conditions: Conditions, at: string) => {
    for (const [header, c] of Object.entries(conditions))
      if (typeof c === "object" && !Array.isArray(c) && c.matches !== undefined)
        found.push({ key: `${at}["${header}"].matches`, pattern: c.matches });
  };
  for (const [name, source] of Object.entries(m.sources)) {
    for (const [column, d] of Object.entries(source.derive))
      if (Array.isArray(d)) d.forEach((r, i) => visit(r.when, `sources.${name}.derive.${column}[${i}].when`));
    if (source.scope) visit(source.scope, `sources.${name}.scope`);
  }
  return found;
}

/** Levenshtein distance on normalised names, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** Words of a name: split at separators and lower→upper case changes ("DateofHire" → dateof, hire). */
function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Every word of `name` appears in `candidate`, whole or abbreviated ("emp" for employee). */
function sameWords(name: string, candidate: string): boolean {
  const tokens = words(candidate);
  return words(name).every((w) =>
    tokens.some((t) => t === w || (t.length >= 3 && (w.startsWith(t) || t.startsWith(w)))),
  );
}

/**
 * The candidate nearest to `name`: one with the same words in another order or spelling
 * (hire_date ~ DateofHire, employee_id ~ EmpID), else the closest by edit distance (ignoring
 * case, spaces and punctuation); undefined when nothing is close enough to be meant.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "");
  const n = norm(name);
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(n, norm(c));
    if (!best || d < best.d) best = { c, d };
  }
  if (best && best.d <= Math.max(2, Math.ceil(n.length / 4))) return best.c;
  const same = candidates.filter((c) => sameWords(name, c) || sameWords(c, name));
  if (same.length)
    return same.sort((a, b) => Math.abs(norm(a).length - n.length) - Math.abs(norm(b).length - n.length))[0];
  return undefined;
}
