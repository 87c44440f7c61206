/**
 * Compiles a source contract into DuckDB: the column types the bulk CSV reader casts to, the
 * normalising expressions applied while reading, the checks that move failing rows to
 * meta.rejected_rows, and the typed expressions raw.* is built from. This is why validation runs
 * at DuckDB speed: one typed read_csv, then set-based predicates, no per-row JavaScript.
 *
 * The mapping's features compile to SQL too: empty values to the reader's `nullstr` and a CASE,
 * constants to literals, derived columns to a `case when ... then ... end` (first match wins),
 * two-digit years to a date rebuilt with the declared century pivot, and the scope to a boolean
 * column that decides which rows are out of scope. Mapping values are quoted literals; no
 * mapping text is ever evaluated.
 */
import { quotedIdentifier as id, quotedString as str } from "@duckdb/node-api";
import {
  BOOLEAN_FALSE,
  BOOLEAN_TRUE,
  duckdbType,
  ruleMessage,
  type ColumnSpec,
  type RowRule,
  type SourceContract,
} from "../src/contract/index.ts";
import {
  DATE_FORMATS,
  isTwoDigitYear,
  type Condition,
  type Conditions,
  type DateFormatName,
  type SourceMapping,
} from "./mapping.ts";
import { findHeader, type HeaderColumn } from "./header.ts";

export interface Check {
  column: string;
  /** SQL over the stage view that is true when the row FAILS. */
  fails: string;
  /** SQL giving the offending value as text, as written in the file. */
  value: string;
  /** The reason without this row's values: what rejected rows are grouped by. */
  reason: string;
  /** SQL giving the reason with this row's values, when it has them ("... 2018-02-30 is not a calendar date"). */
  reasonSql?: string;
}

export interface CompiledSource {
  /** `columns={...}` struct for read_csv, in file order. */
  readColumns: string;
  /** read_csv date format when the whole file declares one the reader understands. */
  readDateFormat?: string;
  /** read_csv `nullstr`: the cells that mean empty, exactly as written. */
  nullStrings: string[];
  /**
   * Select list over read_csv output, in contract order: text trimmed, empty values and
   * synonyms applied, constants and derived columns filled; columns the file lacks as typed
   * NULLs. Enums and booleans keep their spelling and dates in a declared format stay text
   * here, so a bad value can be reported as written.
   */
  loadSelect: string[];
  /**
   * Helper columns loaded beside the contract columns and dropped after the checks: vendor
   * text a check reports (a date of birth) and `_in_scope`.
   */
  helperSelect: { name: string; expr: string }[];
  /** SQL over the stage view, true for rows the scope keeps; undefined without a scope. */
  inScope?: string;
  /** Columns turned into their contract type once the bad rows are gone. */
  retype: { column: string; type: string; using: string }[];
  /** Enum columns kept as written for messages, lower-cased once the bad rows are gone. */
  lowerCase: string[];
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

/**
 * Characters an identifier is trimmed of: spaces, tabs and line ends, no-break spaces and the
 * zero-width characters spreadsheets leave behind, so "A1\u00A0" and "A1" are one person.
 */
const ID_TRIM = " \t\r\n\u00A0\u2007\u202F\u200B\u200C\u200D\u2060\uFEFF";

/**
 * An identifier without surrounding ID_TRIM characters. trim(x, characters) is ten times slower
 * than trim(x), so it runs only on the ids that can need it: a space or tab at an end, or any
 * character beyond ASCII (byte length differs from length).
 */
function trimmedId(c: string): string {
  return `nullif(case when ${c} like ' %' or ${c} like '% ' or ${c} like '\t%' or ${c} like '%\t' or strlen(${c}) <> length(${c})
    then trim(${c}, ${str(ID_TRIM)}) else ${c} end, '')`;
}

function dateFormatOf(column: string, mapping: SourceMapping): DateFormatName | undefined {
  return mapping.date_formats[column] ?? mapping.date_format;
}

/** True when the reader cannot parse the file-level format itself. */
function readerCannotParse(format: DateFormatName | undefined): boolean {
  return format === "excel_serial" || (format !== undefined && isTwoDigitYear(format));
}

/**
 * A declared format that read_csv cannot apply itself (per-column formats, Excel serials,
 * two-digit years), a date column with vendor words for empty (they must be seen as text), or
 * any date column of a scoped source.
 */
function needsSqlDateParse(column: string, mapping: SourceMapping): boolean {
  const f = dateFormatOf(column, mapping);
  // with a scope, a date is read as text so that a bad one is reported only on rows in scope
  if (hasEmptySynonym(column, mapping) || mapping.scope) return true;
  if (!f || f === "YYYY-MM-DD") return false;
  return readerCannotParse(f) || mapping.date_formats[column] !== undefined;
}

function hasEmptySynonym(column: string, mapping: SourceMapping): boolean {
  return Object.values(mapping.values[column] ?? {}).some((v) => v === null);
}

/** SQL for the date a text cell holds in a declared format, null when it holds none. */
export function parsedDate(col: string, format: DateFormatName, centuryPivot: number): string {
  if (format === "excel_serial")
    // Excel's day 1 is 1900-01-01 and it counts a 29 Feb 1900 that never was: serial 0 is 1899-12-30.
    return `case when regexp_full_match(${col}, '[0-9]+(\\.0+)?') then date '1899-12-30' + cast(cast(${col} as double) as integer) end`;
  // strptime's %Y takes "17" as the year 17: the value must have the format's shape first
  const parsed = `case when regexp_full_match(${col}, ${str(DATE_FORMATS[format].shape)}) then try_strptime(${col}, ${str(DATE_FORMATS[format].strptime)}) end`;
  if (!isTwoDigitYear(format)) return `cast(${parsed} as date)`;
  // DuckDB's own %y century is fixed; the year is rebuilt from its last two digits and the pivot.
  // 29 February of a century year that is not a leap year (1900) is no date.
  const yy = `(year(${parsed}) % 100)`;
  const y = `cast(case when ${yy} < ${centuryPivot} then 2000 else 1900 end + ${yy} as bigint)`;
  // an export with two-digit years that writes some years in full: those need no pivot
  const full = FOUR_DIGIT_YEAR[format as keyof typeof FOUR_DIGIT_YEAR];
  return `case when regexp_full_match(${col}, ${str(DATE_FORMATS[full].shape)})
      then cast(try_strptime(${col}, ${str(DATE_FORMATS[full].strptime)}) as date)
    when day(${parsed}) <= day(last_day(make_date(${y}, month(${parsed}), 1)))
      then make_date(${y}, month(${parsed}), day(${parsed})) end`;
}

/** The four-digit-year twin of each two-digit-year format, for years written in full. */
const FOUR_DIGIT_YEAR = {
  "MM/DD/YY": "MM/DD/YYYY",
  "M/D/YY": "M/D/YYYY",
  "DD/MM/YY": "DD/MM/YYYY",
  "DD.MM.YY": "DD.MM.YYYY",
} as const satisfies Partial<Record<DateFormatName, DateFormatName>>;

/** Reason SQL for a text cell that is no date in `format`: a right-shaped value is "not a calendar date". */
function dateReasonSql(column: string, col: string, format: DateFormatName): string {
  const full = FOUR_DIGIT_YEAR[format as keyof typeof FOUR_DIGIT_YEAR];
  const shapes = [DATE_FORMATS[format].shape, ...(full ? [DATE_FORMATS[full].shape] : [])];
  return `case when ${shapes.map((sh) => `regexp_full_match(${col}, ${str(sh)})`).join(" or ")}
    then ${str(`${column}: `)} || ${col} || ' is not a calendar date'
    else ${str(`${column}: ${expectedDate(format)}`)} end`;
}

export function expectedDate(format: DateFormatName): string {
  return `expected a date ${format === "excel_serial" ? "as an Excel serial number" : `as ${format}`}`;
}

/** Trimmed text with the source's empty values and an empty string as NULL. */
function cleanText(expr: string, mapping: SourceMapping): string {
  // trim() copies every string; testing the ends first costs a fifth as much on clean exports
  return withoutEmptyValues(
    `nullif(case when ${expr} like ' %' or ${expr} like '% ' then trim(${expr}) else ${expr} end, '')`,
    mapping,
  );
}

/** NULL for a trimmed cell equal to one of the source's empty_values, ignoring case. */
function withoutEmptyValues(e: string, mapping: SourceMapping): string {
  if (!mapping.empty_values.length) return e;
  return `case when lower(${e}) in (${mapping.empty_values.map((v) => str(v.trim().toLowerCase())).join(", ")}) then null else ${e} end`;
}

function synonymCase(expr: string, synonyms: Record<string, string | null> | undefined): string {
  if (!synonyms || Object.keys(synonyms).length === 0) return expr;
  const whens = Object.entries(synonyms)
    .map(([from, to]) => `when ${str(from.trim().toLowerCase())} then ${to === null ? "null" : str(to)}`)
    .join(" ");
  return `case lower(${expr}) ${whens} else ${expr} end`;
}

const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);
const inList = (cell: string, values: string | string[]) =>
  `lower(${cell}) in (${list(values)
    .map((v) => str(v.trim().toLowerCase()))
    .join(", ")})`;

/** SQL for one condition on a cleaned cell; a NULL cell equals nothing and matches nothing. */
function conditionSql(cell: string, c: Condition): string {
  if (typeof c === "string" || Array.isArray(c)) return `coalesce(${inList(cell, c)}, false)`;
  const parts: string[] = [];
  if (c.empty !== undefined) parts.push(c.empty ? `${cell} is null` : `${cell} is not null`);
  if (c.equals !== undefined) parts.push(`coalesce(${inList(cell, c.equals)}, false)`);
  if (c.not !== undefined) parts.push(`not coalesce(${inList(cell, c.not)}, false)`);
  if (c.matches !== undefined) parts.push(`coalesce(regexp_matches(${cell}, ${str(c.matches)}, 'i'), false)`);
  if (c.maps_to_role !== undefined)
    parts.push(
      `${c.maps_to_role ? "" : "not "}exists (select 1 from taxonomy.job_title_rules as r where regexp_matches(${cell}, r.pattern, 'i'))`,
    );
  return parts.length === 1 ? parts[0]! : `(${parts.join(" and ")})`;
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

/** A constant as a literal of the column's stage type. */
function constantSql(value: string | number | boolean, spec: ColumnSpec): string {
  const text = str(String(value));
  switch (spec.kind) {
    case "date":
      return `cast(${text} as date)`;
    case "integer":
    case "number":
      return `cast(${text} as double)`;
    default:
      return text;
  }
}

export function compileSource(
  source: SourceContract,
  header: HeaderColumn[],
  mapping: SourceMapping,
): CompiledSource {
  const present = new Map(header.filter((h) => h.column).map((h) => [h.column!, h]));
  const fileFormat = mapping.date_format;
  const readDateFormat =
    fileFormat && !readerCannotParse(fileFormat) && fileFormat !== "YYYY-MM-DD"
      ? DATE_FORMATS[fileFormat].strptime
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

  /** A vendor header's cell as cleaned text over read_csv output (typed columns as their text). */
  const cellOf = (name: string) => {
    const h = findHeader(header, name);
    const readName = h.column ? id(h.column) : id(`_ignored_${h.position}`);
    const spec = h.column ? source.columns[h.column] : undefined;
    const isVarchar = !spec || readType(h.column!, spec, mapping) === "VARCHAR";
    return cleanText(isVarchar ? readName : `cast(${readName} as varchar)`, mapping);
  };
  const whenSql = (when: Conditions) => {
    const parts = Object.entries(when).map(([h, c]) => conditionSql(cellOf(h), c));
    return parts.length ? parts.join(" and ") : "true";
  };

  const loadSelect: string[] = [];
  const helperSelect: CompiledSource["helperSelect"] = [];
  const retype: CompiledSource["retype"] = [];
  const lowerCase: string[] = [];
  const checks: Check[] = [];
  const headerOf = new Map<string, string>();
  const typed = new Map<string, string>();

  for (const [name, spec] of Object.entries(source.columns)) {
    const c = id(name);
    const h = present.get(name);
    const type = duckdbType(spec);
    const constant = mapping.constants[name];
    const derived = mapping.derive[name];
    if (!h && constant === undefined && derived === undefined) {
      typed.set(name, `cast(null as ${spec.kind === "boolean" ? "BOOLEAN" : type})`);
      loadSelect.push(`${typed.get(name)} as ${c}`);
      continue;
    }
    headerOf.set(name, h ? h.header : name);
    const isText = type === "VARCHAR" || (spec.kind === "date" && needsSqlDateParse(name, mapping));

    let stageExpr: string;
    let yearOfText: string | undefined;
    if (constant !== undefined) stageExpr = constantSql(constant, spec);
    else if (derived !== undefined && Array.isArray(derived)) {
      const whens = derived.map(
        (r) => `when ${whenSql(r.when)} then ${r.then === null ? "null" : str(r.then)}`,
      );
      stageExpr = `case ${whens.join(" ")} end`;
    } else if (derived !== undefined && !Array.isArray(derived)) {
      // the date's text is kept beside the year, so a date that cannot be read is reported as written
      yearOfText = `_text_${name}`;
      helperSelect.push({ name: yearOfText, expr: cellOf(derived.year_of) });
      const pivot = derived.century_pivot ?? mapping.century_pivot;
      stageExpr = `cast(year(${parsedDate(cellOf(derived.year_of), derived.date_format, pivot)}) as double)`;
      headerOf.set(name, derived.year_of);
    } else if (spec.kind === "id") stageExpr = withoutEmptyValues(trimmedId(c), mapping);
    else stageExpr = isText ? cleanText(c, mapping) : c;
    stageExpr = synonymCase(stageExpr, mapping.values[name]);
    loadSelect.push(`${stageExpr} as ${c}`);

    let rawExpr = c;
    if (yearOfText !== undefined && derived !== undefined && !Array.isArray(derived)) {
      const t = id(yearOfText);
      checks.push({
        column: name,
        fails: `${t} is not null and ${c} is null`,
        value: t,
        reason: `${derived.year_of}: ${expectedDate(derived.date_format)}`,
        reasonSql: dateReasonSql(derived.year_of, t, derived.date_format),
      });
    }
    if (spec.kind === "date" && needsSqlDateParse(name, mapping) && constant === undefined) {
      const format = dateFormatOf(name, mapping) ?? "YYYY-MM-DD";
      rawExpr = parsedDate(c, format, mapping.century_pivot);
      retype.push({ column: name, type: "DATE", using: rawExpr });
      checks.push({
        column: name,
        fails: `${c} is not null and ${rawExpr} is null`,
        value: c,
        reason: `${name}: ${expectedDate(format)}`,
        reasonSql: dateReasonSql(name, c, format),
      });
    }
    if (spec.kind === "boolean") {
      const accepted = [...BOOLEAN_TRUE, ...BOOLEAN_FALSE].map(str).join(", ");
      checks.push({
        column: name,
        fails: `${c} is not null and lower(${c}) not in (${accepted})`,
        value: c,
        reason: `${name}: expected true/false, yes/no or 1/0`,
      });
      rawExpr = `lower(${c}) in (${BOOLEAN_TRUE.map(str).join(", ")})`;
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
        fails: `${c} is not null and lower(${c}) not in (${spec.values!.map(str).join(", ")})`,
        value: c,
        reason: `${name}: expected one of ${spec.values!.join(", ")}`,
      });
      rawExpr = `lower(${c})`;
      // an update touches only the rows not already in lower case (most exports): cheaper than a retype
      lowerCase.push(name);
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
    const other = ruleOther(r);
    if (!headerOf.has(r.column) && !headerOf.has(other)) continue;
    const a = typed.get(r.column)!;
    const b = typed.get(other)!;
    const text = (e: string) => `coalesce(cast(${e} as varchar), 'empty')`;
    let fails: string;
    let reasonSql: string;
    switch (r.kind) {
      case "date_order":
        fails = `${a} ${r.strict ? "<=" : "<"} ${b}`;
        reasonSql = `${str(`${r.column} `)} || ${text(a)} || ${str(` is ${r.strict ? "not after" : "before"} ${other} `)} || ${text(b)}`;
        break;
      case "required_iff":
        fails = `(${a} is null) <> (${b} is null)`;
        reasonSql = `case when ${a} is null
          then ${str(`${r.column} is empty but ${other} is `)} || ${text(b)}
          else ${str(`${r.column} `)} || ${text(a)} || ${str(` is given but ${other} is empty`)} end`;
        break;
      case "not_both":
        fails = `${a} is not null and ${b} is not null`;
        reasonSql = `${str(`${r.column} `)} || ${text(a)} || ${str(` and ${other} `)} || ${text(b)} || ' cannot both be given'`;
        break;
    }
    checks.push({
      column: r.column,
      fails,
      value: `cast(${a} as varchar)`,
      reason: ruleMessage(r),
      reasonSql,
    });
  }

  const inScope = mapping.scope ? whenSql(mapping.scope) : undefined;
  if (inScope) helperSelect.push({ name: "_in_scope", expr: inScope });
  return {
    readColumns,
    readDateFormat,
    nullStrings: ["", ...mapping.empty_values],
    loadSelect,
    helperSelect,
    inScope: inScope ? id("_in_scope") : undefined,
    retype,
    lowerCase,
    checks,
    typed,
    headerOf,
  };
}

function ruleOther(r: RowRule): string {
  return r.kind === "date_order" ? r.after : r.kind === "required_iff" ? r.when : r.other;
}
