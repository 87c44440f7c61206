/**
 * Compiles a source contract into DuckDB: the column types the bulk CSV reader casts to, the
 * normalising expressions applied while reading, the checks that move failing rows to
 * meta.rejected_rows, and the typed expressions raw.* is built from. This is why validation runs
 * at DuckDB speed: one typed read_csv, then set-based predicates, no per-row JavaScript.
 */
import { quotedIdentifier as id, quotedString as str } from "@duckdb/node-api";
import {
  BOOLEAN_FALSE,
  BOOLEAN_TRUE,
  duckdbType,
  ruleMessage,
  type ColumnSpec,
  type SourceContract,
} from "../contract/index.ts";
import { DATE_FORMATS, type DateFormatName, type SourceMapping } from "./mapping.ts";
import type { HeaderColumn } from "./header.ts";

export interface Check {
  column: string;
  /** SQL over the stage view that is true when the row FAILS. */
  fails: string;
  /** SQL giving the offending value as text. */
  value: string;
  reason: string;
}

export interface CompiledSource {
  /** `columns={...}` struct for read_csv, in file order. */
  readColumns: string;
  /** read_csv date format when the whole file declares one the reader understands. */
  readDateFormat?: string;
  /**
   * Select list over read_csv output, in contract order: text trimmed, enums lowercased,
   * synonyms applied; columns the file lacks as typed NULLs. Booleans and dates in a declared
   * format stay text here, so a bad value can be reported as written.
   */
  loadSelect: string[];
  /** Columns turned into their contract type once the bad rows are gone. */
  retype: { column: string; type: string; using: string }[];
  checks: Check[];
  /** Typed expression of each contract column over the loaded table. */
  typed: Map<string, string>;
  /** Name each stage column had in the file, for messages. */
  headerOf: Map<string, string>;
}

const KIND_TEXT: Record<ColumnSpec["kind"], string> = {
  id: "an identifier",
  text: "text",
  date: "a date (YYYY-MM-DD)",
  integer: "a whole number",
  number: "a number",
  enum: "a listed value",
  boolean: "true/false",
};

export function kindText(c: ColumnSpec): string {
  return KIND_TEXT[c.kind];
}

function dateFormatOf(column: string, mapping: SourceMapping): DateFormatName | undefined {
  return mapping.date_formats[column] ?? mapping.date_format;
}

/** A declared format that read_csv cannot apply itself (per-column formats, Excel serials). */
function needsSqlDateParse(column: string, mapping: SourceMapping): boolean {
  const f = dateFormatOf(column, mapping);
  if (!f || f === "YYYY-MM-DD") return false;
  return f === "excel_serial" || mapping.date_formats[column] !== undefined;
}

function parsedDate(col: string, format: DateFormatName): string {
  if (format === "excel_serial")
    // Excel's day 1 is 1900-01-01 and it counts a 29 Feb 1900 that never was: serial 0 is 1899-12-30.
    return `case when regexp_full_match(${col}, '[0-9]+(\\.0+)?') then date '1899-12-30' + cast(cast(${col} as double) as integer) end`;
  return `cast(try_strptime(${col}, ${str(DATE_FORMATS[format])}) as date)`;
}

function synonymCase(expr: string, synonyms: Record<string, string> | undefined): string {
  if (!synonyms || Object.keys(synonyms).length === 0) return expr;
  const whens = Object.entries(synonyms)
    .map(([from, to]) => `when ${str(from.trim().toLowerCase())} then ${str(to)}`)
    .join(" ");
  return `case lower(${expr}) ${whens} else ${expr} end`;
}

/**
 * The type read_csv casts a column to. Integers are read as DOUBLE because DuckDB's cast to
 * BIGINT rounds "12.5" to 13 without complaint; a SQL check rejects fractions instead.
 */
function readType(column: string, spec: ColumnSpec, mapping: SourceMapping): string {
  if (spec.kind === "date" && needsSqlDateParse(column, mapping)) return "VARCHAR";
  if (spec.kind === "integer") return "DOUBLE";
  return duckdbType(spec);
}

export function compileSource(
  source: SourceContract,
  header: HeaderColumn[],
  mapping: SourceMapping,
): CompiledSource {
  const present = new Map(header.filter((h) => h.column).map((h) => [h.column!, h]));
  const fileFormat = mapping.date_format;
  const readDateFormat =
    fileFormat && fileFormat !== "excel_serial" && fileFormat !== "YYYY-MM-DD"
      ? DATE_FORMATS[fileFormat]
      : undefined;

  const readColumns =
    "{" +
    header
      .map((h) => {
        if (!h.column) return `${str(`_ignored_${h.position}`)}: 'VARCHAR'`;
        const spec = source.columns[h.column]!;
        return `${str(h.column)}: ${str(readType(h.column, spec, mapping))}`;
      })
      .join(", ") +
    "}";

  const loadSelect: string[] = [];
  const retype: CompiledSource["retype"] = [];
  const checks: Check[] = [];
  const headerOf = new Map<string, string>();
  const typed = new Map<string, string>();

  for (const [name, spec] of Object.entries(source.columns)) {
    const c = id(name);
    const h = present.get(name);
    const type = duckdbType(spec);
    if (!h) {
      typed.set(name, `cast(null as ${spec.kind === "boolean" ? "BOOLEAN" : type})`);
      loadSelect.push(`${typed.get(name)} as ${c}`);
      continue;
    }
    headerOf.set(name, h.header);
    const isText = type === "VARCHAR" || (spec.kind === "date" && needsSqlDateParse(name, mapping));
    // trim() copies every string; testing the ends first costs a fifth as much on clean exports
    let stageExpr = isText
      ? `nullif(case when ${c} like ' %' or ${c} like '% ' then trim(${c}) else ${c} end, '')`
      : c;
    if (spec.kind === "enum" || spec.kind === "boolean") stageExpr = `lower(${stageExpr})`;
    stageExpr = synonymCase(stageExpr, mapping.values[name]);
    loadSelect.push(`${stageExpr} as ${c}`);

    let rawExpr = c;
    if (spec.kind === "date" && needsSqlDateParse(name, mapping)) {
      const format = dateFormatOf(name, mapping)!;
      rawExpr = parsedDate(c, format);
      retype.push({ column: name, type: "DATE", using: rawExpr });
      checks.push({
        column: name,
        fails: `${c} is not null and ${rawExpr} is null`,
        value: c,
        reason: `${name}: expected a date ${format === "excel_serial" ? "as an Excel serial number" : `as ${format}`}`,
      });
    }
    if (spec.kind === "boolean") {
      const accepted = [...BOOLEAN_TRUE, ...BOOLEAN_FALSE].map(str).join(", ");
      checks.push({
        column: name,
        fails: `${c} is not null and ${c} not in (${accepted})`,
        value: c,
        reason: `${name}: expected true/false, yes/no or 1/0`,
      });
      rawExpr = `${c} in (${BOOLEAN_TRUE.map(str).join(", ")})`;
      retype.push({ column: name, type: "BOOLEAN", using: rawExpr });
    }
    if (spec.kind === "number" || spec.kind === "integer") {
      // read_csv accepts NaN, Infinity and 1e309 (→ inf) as doubles; no rule below would catch
      // them (NaN = NaN in DuckDB) and an integer's cast to BIGINT would fail on them.
      checks.push({
        column: name,
        // core stores whole numbers as INTEGER: a larger one would fail the build, not the row
        fails: `not isfinite(${c})${spec.kind === "integer" ? ` or abs(${c}) > 2147483647` : ""}`,
        value: `cast(${c} as varchar)`,
        reason: `${name}: expected a finite ${spec.kind === "integer" ? "whole number within ±2,147,483,647" : "number"} (not NaN or Infinity)`,
      });
    }
    if (spec.kind === "integer") {
      checks.push({
        column: name,
        fails: `${c} <> floor(${c})`,
        value: `cast(${c} as varchar)`,
        reason: `${name}: expected a whole number`,
      });
      // try_cast: DuckDB's ALTER … USING also evaluates rows already deleted as rejected (NaN, 1e20).
      rawExpr = `try_cast(${c} as bigint)`;
      retype.push({ column: name, type: "BIGINT", using: rawExpr });
    }
    if (spec.kind === "enum") {
      checks.push({
        column: name,
        fails: `${c} is not null and ${c} not in (${spec.values!.map(str).join(", ")})`,
        value: c,
        reason: `${name}: expected one of ${spec.values!.join(", ")}`,
      });
    }
    if (spec.required) {
      checks.push({ column: name, fails: `${c} is null`, value: "null", reason: `${name} is required` });
    }
    // A non-finite number has its own reason above; it is not also "out of bounds".
    const finite = spec.kind === "number" || spec.kind === "integer" ? `isfinite(${c}) and ` : "";
    if (spec.min !== undefined) {
      checks.push({
        column: name,
        fails: `${finite}${c} ${spec.minExclusive ? "<=" : "<"} ${spec.min}`,
        value: `cast(${c} as varchar)`,
        reason: `${name}: must be ${spec.minExclusive ? ">" : "≥"} ${spec.min}`,
      });
    }
    if (spec.max !== undefined) {
      checks.push({
        column: name,
        fails: `${finite}${c} ${spec.maxExclusive ? ">=" : ">"} ${spec.max}`,
        value: `cast(${c} as varchar)`,
        reason: `${name}: must be ${spec.maxExclusive ? "<" : "≤"} ${spec.max}`,
      });
    }
    typed.set(name, rawExpr);
  }

  // Cross-column rules compare typed values; a rule over a column the file lacks cannot fail.
  for (const r of source.rules) {
    const other = r.kind === "date_order" ? r.after : r.kind === "required_iff" ? r.when : r.other;
    if (!present.has(r.column) && !present.has(other)) continue;
    const a = typed.get(r.column)!;
    const b = typed.get(other)!;
    let fails: string;
    switch (r.kind) {
      case "date_order":
        fails = `${a} ${r.strict ? "<=" : "<"} ${b}`;
        break;
      case "required_iff":
        fails = `(${a} is null) <> (${b} is null)`;
        break;
      case "not_both":
        fails = `${a} is not null and ${b} is not null`;
        break;
    }
    checks.push({
      column: r.column,
      fails,
      value: `concat_ws(' / ', cast(${a} as varchar), cast(${b} as varchar))`,
      reason: ruleMessage(r),
    });
  }
  return { readColumns, readDateFormat, loadSelect, retype, checks, typed, headerOf };
}
