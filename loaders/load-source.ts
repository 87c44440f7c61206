/**
 * Loads one source file into raw.<source>: a typed DuckDB read (cast and structural errors land
 * in DuckDB's reject tables), then contract checks and key uniqueness as set-based SQL. Every
 * data row ends either in raw.<source> or in meta.rejected_rows.
 *
 * Line numbers: DuckDB reports a rejected row's line as its record number + 1 (the header is
 * line 1). Accepted rows get the same numbering, reconstructed from their order and the rejected
 * records before them. It is the physical line unless an earlier field holds a quoted newline.
 */
import { quotedIdentifier as id, quotedString as str, type DuckDBConnection } from "@duckdb/node-api";
import type { NonOverlapping, SourceContract } from "../src/contract/index.ts";
import { compileSource, expectedDate } from "./contract-sql.ts";
import type { Dialect } from "./dialect.ts";
import { normaliseHeader, UnusableInputError, type HeaderColumn } from "./header.ts";
import { DATE_FORMATS, type SourceMapping } from "./mapping.ts";
import { physicalLine, physicalLineSql, recordLineShifts, trailingBlankLines } from "./physical-lines.ts";
import { plausibilityChecks, type PlausibilityBounds } from "./plausibility.ts";

export interface SourceLoadResult {
  dataRows: number;
  acceptedRows: number;
  rejectedRows: number;
  /** Rows the mapping's scope left out: neither loaded nor rejected. */
  outOfScopeRows: number;
  ignoredColumns: string[];
}

/** The reader's row size limit; longer rows are rejected. */
const MAX_LINE_BYTES = 2 * 2 ** 20;

const READER_ERRORS: Record<string, string> = {
  "MISSING COLUMNS": "row has fewer fields than the header",
  "TOO MANY COLUMNS": "row has more fields than the header",
  "UNQUOTED VALUE":
    "malformed quoting: an unclosed or stray quote (the lines after an unclosed quote are read into this field)",
  "LINE SIZE OVER MAXIMUM": "row longer than the reader's limit (2 MB)",
  "INVALID UNICODE": "bytes that are not valid text in the file's encoding",
  "INVALID ENCODING": "bytes that are not valid text in the file's encoding",
};

export async function loadSource(
  conn: DuckDBConnection,
  args: {
    source: SourceContract;
    /** File DuckDB reads (a UTF-8 copy when the export was Windows-1252). */
    readPath: string;
    /** File name recorded in raw._source_file and meta.rejected_rows. */
    sourceFile: string;
    dialect: Dialect;
    header: HeaderColumn[];
    mapping: SourceMapping;
    loadId: string;
    /** Plausibility bounds from the settings; none: only the contract's own rules. */
    plausibility?: PlausibilityBounds;
  },
): Promise<SourceLoadResult> {
  const { source, dialect, header, mapping } = args;
  const compiled = compileSource(source, header, mapping);
  const name = source.name;
  const stage = id(`stage_${name}`);
  const rejects = id(`reader_rejects_${name}`);
  const scans = id(`reader_scans_${name}`);
  const fails = id(`fails_${name}`);
  const lines = id(`lines_${name}`);

  const options = [
    "header = true",
    "auto_detect = false",
    `delim = ${str(dialect.delimiter)}`,
    `quote = '"'`,
    `escape = '"'`,
    "strict_mode = true",
    `columns = ${compiled.readColumns}`,
    `decimal_separator = ${str(dialect.decimalSeparator)}`,
    `nullstr = [${compiled.nullStrings.map(str).join(", ")}]`,
    // Rows over 2 MB are rejected with their line. DuckDB drops a line longer than its read
    // buffer (32 MB) without a word and counts lines wrong after it, so the buffer is sized to
    // hold the longest line (×3: a Windows-1252 byte may become three in the UTF-8 copy).
    `max_line_size = ${MAX_LINE_BYTES}`,
    ...((dialect.longestLineBytes ?? 0) > 8 * 2 ** 20
      ? [`buffer_size = ${3 * dialect.longestLineBytes! + 4 * 2 ** 20}`]
      : []),
    "store_rejects = true",
    `rejects_table = ${str(`reader_rejects_${name}`)}`,
    `rejects_scan = ${str(`reader_scans_${name}`)}`,
    ...(compiled.readDateFormat ? [`dateformat = ${str(compiled.readDateFormat)}`] : []),
  ];
  // One typed read straight into the raw table, as a bare read_csv would write it; bad rows are
  // then found by set-based SQL and deleted, so the data is never copied a second time. A scoped
  // source (an organisation-wide export of which the HTM department is a sliver) is read into an
  // in-memory table instead, and only its rows in scope are written to the warehouse: storing and
  // compressing the whole organisation to delete 99% of it costs more than the read.
  const raw = `raw.${id(name)}`;
  const table = compiled.inScope ? id(`scoped_${name}`) : raw;
  await conn.run(
    `create or replace ${compiled.inScope ? "temp " : ""}table ${table} as select ${[...compiled.loadSelect, ...compiled.helperSelect.map((h) => `${h.expr} as ${id(h.name)}`)].join(", ")},
      ${str(args.sourceFile)} as _source_file, cast(null as bigint) as _source_line, ${str(args.loadId)} as _load_id
    from read_csv(${str(args.readPath)}, ${options.join(", ")})`,
  );

  const rejectedLines = (
    (await conn.runAndReadAll(`select distinct line from ${rejects} order by line`)).getRowObjectsJS() as {
      line: bigint;
    }[]
  ).map((r) => Number(r.line));
  // Record lines become physical lines when some record spans several lines or blank lines sit
  // between records (more line breaks than records): one more pass over the file's bytes.
  const records =
    Number(
      ((await conn.runAndReadAll(`select count(*) as n from ${table}`)).getRowObjectsJS()[0] as { n: bigint })
        .n,
    ) + rejectedLines.length;
  const shifts =
    dialect.lineBreaks === undefined || dialect.lineBreaks - trailingBlankLines(args.readPath) > records + 1
      ? ((await recordLineShifts(args.readPath, dialect.delimiter, records)) ?? [])
      : [];
  let lineOf: string;
  // Rows out of scope are not checked: an organisation-wide export's other departments are no concern.
  const scopeFilter = compiled.inScope ? `where ${compiled.inScope}` : "";
  if (rejectedLines.length <= MAX_CASE_THRESHOLDS) {
    lineOf = physicalLineSql(lineExpression(rejectedLines), shifts);
    await conn.run(
      `create or replace temp view ${stage} as select rowid as _row, *, ${lineOf} as _line from ${table} ${scopeFilter}`,
    );
  } else {
    // Many rejected records: an ASOF join against the thresholds, materialised once.
    await conn.run(`create or replace temp table ${lines} as
      with ranked as (select line - 1 - row_number() over (order by line) as t, row_number() over (order by line) as i
        from (select distinct line from ${rejects})),
      thresholds as (select t, max(i) as skipped from ranked group by t)
      select s.rowid as _row, ${physicalLineSql("s.rowid + 2 + coalesce(th.skipped, 0)", shifts)} as _line
      from ${table} s asof left join thresholds th on s.rowid + 1 > th.t`);
    lineOf = `(select l._line from ${lines} l where l._row = ${table}.rowid)`;
    await conn.run(`create or replace temp view ${stage} as
      select s.rowid as _row, s.*, l._line from ${table} s join ${lines} l on l._row = s.rowid ${scopeFilter}`);
  }

  const present = new Set(header.flatMap((h) => (h.column ? [h.column] : [])));
  const checks = [
    ...compiled.checks,
    ...(args.plausibility ? plausibilityChecks(source, compiled.typed, present, args.plausibility) : []),
  ];
  const checkSql = checks.map(
    (c) =>
      `select _row, _line, ${str(c.column)} as column_name, ${c.value} as value, ${c.reasonSql ?? str(c.reason)} as reason, ${str(c.reason)} as rule from ${stage} where ${c.fails}`,
  );
  await conn.run(
    `create or replace temp table ${fails} as ${
      checkSql.length
        ? checkSql.join(" union all ")
        : "select 0::bigint _row, 0::bigint _line, ''::varchar column_name, ''::varchar value, ''::varchar reason, ''::varchar rule where false"
    }`,
  );

  // Keys are checked on rows that passed every other rule: the first valid row wins. Most files
  // have no repeated key at all, which one hash aggregate over the raw table shows; when some
  // repeat, only the rows of those keys are looked at again (not the whole file).
  const keyExprs = source.key.map((k) => compiled.typed.get(k)!);
  const keyList = keyExprs.join(", ");
  const keyColumns = keyExprs.map((e, i) => `${e} as k${i}`).join(", ");
  const candidates = id(`key_candidates_${name}`);
  await conn.run(`create or replace temp table ${candidates} as
    select ${keyColumns} from ${table} ${scopeFilter} group by all having count(*) > 1`);
  const repeated = (
    await conn.runAndReadAll(`select count(*) as n from ${candidates}`)
  ).getRowObjectsJS()[0] as { n: bigint };
  if (repeated.n > 0n) {
    const onKeys = (alias: string) => keyExprs.map((e, i) => `${e} = ${alias}.k${i}`).join(" and ");
    await conn.run(`insert into ${fails}
    with valid as (
      select * from ${stage} s semi join ${candidates} c on ${onKeys("c")}
      where not exists (select 1 from ${fails} f where f._row = s._row)
    ),
    repeated as (select ${keyColumns} from valid group by all having count(*) > 1)
    select _row, _line, ${str(source.key.join(", "))}, concat_ws(' / ', ${keyExprs.map((e) => `cast(${e} as varchar)`).join(", ")}),
      'duplicate key (' || ${str(source.key.join(", "))} || '): first seen on line ' || first_line,
      ${str(`duplicate key (${source.key.join(", ")})`)}
    from (
      select v.*, row_number() over (partition by ${keyList} order by _row) as n,
        min(_line) over (partition by ${keyList}) as first_line
      from valid v semi join repeated r on ${onKeys("r")}
    ) where n > 1`);
  }
  await conn.run(`drop table ${candidates}`);

  if (source.nonOverlapping) await rejectOverlaps(conn, source.nonOverlapping, compiled.typed, stage, fails);

  await conn.run(
    rejectedLines.length <= MAX_CASE_THRESHOLDS
      ? `update ${table} set _source_line = ${lineOf}`
      : `update ${table} set _source_line = l._line from ${lines} l where l._row = ${table}.rowid`,
  );
  const outOfScope = compiled.inScope
    ? Number(
        (
          (
            await conn.runAndReadAll(`select count(*) as n from ${table} where not ${compiled.inScope}`)
          ).getRowObjectsJS()[0] as { n: bigint }
        ).n,
      )
    : 0;
  await conn.run(
    `delete from ${table} where rowid in (select _row from ${fails})${compiled.inScope ? ` or not ${compiled.inScope}` : ""}`,
  );
  for (const h of compiled.helperSelect) await conn.run(`alter table ${table} drop column ${id(h.name)}`);
  for (const column of compiled.lowerCase) {
    const c = id(column);
    await conn.run(`update ${table} set ${c} = lower(${c}) where ${c} <> lower(${c})`);
  }
  for (const r of compiled.retype) {
    await conn.run(`alter table ${table} alter ${id(r.column)} set data type ${r.type} using (${r.using})`);
  }
  if (table !== raw) {
    // in file order, so raw's rows keep the order of their lines
    await conn.run(`create or replace table ${raw} as select * from ${table} order by rowid`);
    await conn.run(`drop table ${table}`);
  }

  const headerName = (col: string | null) => {
    if (!col) return null;
    const m = /^_ignored_(\d+)$/.exec(col);
    return m ? header[Number(m[1]) - 1]!.header : col;
  };
  const readerRejects = (
    await conn.runAndReadAll(
      `select line, column_name, error_type, error_message, csv_line, byte_position from ${rejects} order by line, column_idx`,
    )
  ).getRowObjectsJS() as {
    line: bigint;
    column_name: string | null;
    error_type: string;
    error_message: string;
    csv_line: string | null;
    byte_position: bigint | null;
  }[];
  const seenLines = new Set<bigint>();
  const rejectedRows: [number, string | null, string | null, string, string][] = [];
  for (const r of readerRejects) {
    // DuckDB may report several problems on one record; the first explains the rejection.
    if (seenLines.has(r.line)) continue;
    seenLines.add(r.line);
    const column = headerName(r.column_name);
    if (r.error_type === "UNQUOTED VALUE" && r.csv_line && /[\r\n]./.test(r.csv_line)) {
      // An opening quote that is never closed swallows every later line into one field: the rows
      // after it cannot be told apart, so the file is unusable rather than one rejected row.
      const swallowed = r.csv_line.split(/\r\n|\r|\n/).filter((l) => l !== "").length - 1;
      throw new UnusableInputError(
        `${args.sourceFile} line ${physicalLine(Number(r.line), shifts)}${column ? `, column ${column}` : ""}: a quoted field opens and is not closed where it should be; ` +
          `the ${swallowed.toLocaleString("en-US")} line${swallowed === 1 ? "" : "s"} after it would be read into that one field (fix the quote, or double a quote inside a field as "")`,
      );
    }
    if (r.error_type === "INVALID ENCODING" || r.error_type === "INVALID UNICODE") {
      rejectedRows.push([
        physicalLine(Number(r.line), shifts),
        column,
        r.csv_line?.slice(0, 500) ?? null,
        `bytes that are not valid ${dialect.encoding === "utf-8" ? "UTF-8" : "text"} in this row (file byte ${r.byte_position ?? "?"}); the rest of the file is read as ${dialect.encoding === "utf-8" ? "UTF-8" : dialect.encoding}`,
        `bytes that are not valid ${dialect.encoding === "utf-8" ? "UTF-8" : "text"}`,
      ]);
      continue;
    }
    if (r.error_type === "CAST") {
      const value = /Could not convert string "(.*)" to/s.exec(r.error_message)?.[1] ?? null;
      const spec = column ? source.columns[column] : undefined;
      const format =
        spec?.kind === "date" ? (compiled.readDateFormat ? mapping.date_format! : "YYYY-MM-DD") : undefined;
      const expected =
        format && compiled.readDateFormat
          ? expectedDate(format)
          : spec
            ? `expected ${kindOf(spec.kind)}`
            : "expected a value of the column's type";
      // a value of the right shape that names no day ("2018-02-30") is told apart from one that is no date at all
      const notACalendarDate =
        format !== undefined && value !== null && new RegExp(`^(${DATE_FORMATS[format].shape})$`).test(value);
      rejectedRows.push([
        physicalLine(Number(r.line), shifts),
        column,
        value,
        notACalendarDate ? `${column}: ${value} is not a calendar date` : `${column}: ${expected}`,
        notACalendarDate ? `${column}: not a calendar date` : `${column}: ${expected}`,
      ]);
    } else {
      const reason = READER_ERRORS[r.error_type] ?? r.error_message;
      rejectedRows.push([
        physicalLine(Number(r.line), shifts),
        column,
        r.csv_line?.slice(0, 500) ?? null,
        reason,
        reason,
      ]);
    }
  }
  const appender = await conn.createAppender("rejected_rows", "meta");
  for (const [line, column, value, reason, rule] of rejectedRows) {
    appender.appendVarchar(args.loadId);
    appender.appendVarchar(args.sourceFile);
    appender.appendBigInt(BigInt(line));
    if (column === null) appender.appendNull();
    else appender.appendVarchar(column);
    if (value === null) appender.appendNull();
    else appender.appendVarchar(value);
    appender.appendVarchar(reason);
    appender.appendVarchar(rule);
    appender.appendVarchar(name);
    appender.endRow();
  }
  appender.closeSync();
  await conn.run(
    `insert into meta.rejected_rows select ${str(args.loadId)}, ${str(args.sourceFile)}, _line, column_name, value, reason, rule, ${str(name)} from ${fails}`,
  );

  const counts = (
    await conn.runAndReadAll(`select
      (select count(*) from ${raw}) + (select count(distinct _row) from ${fails}) as read_rows,
      (select count(distinct _row) from ${fails}) as failed_rows,
      (select count(*) from ${raw}) as accepted_rows`)
  ).getRowObjectsJS()[0] as { read_rows: bigint; failed_rows: bigint; accepted_rows: bigint };

  await conn.run(`drop view ${stage}`);
  await conn.run(`drop table if exists ${lines}`);
  await conn.run(`drop table ${fails}`);
  await conn.run(`drop table ${rejects}`);
  await conn.run(`drop table ${scans}`);

  const readerRejected = seenLines.size;
  return {
    dataRows: Number(counts.read_rows) + readerRejected + outOfScope,
    acceptedRows: Number(counts.accepted_rows),
    rejectedRows: Number(counts.failed_rows) + readerRejected,
    outOfScopeRows: outOfScope,
    ignoredColumns: header
      .filter((h) => !h.column && !readByMapping(mapping).has(normaliseHeader(h.header)))
      .map((h) => h.header),
  };
}

/** Vendor headers the mapping reads for rules, year_of and scope: used, so not "ignored". */
function readByMapping(mapping: SourceMapping): Set<string> {
  const headers = new Set<string>();
  for (const d of Object.values(mapping.derive)) {
    if (Array.isArray(d))
      for (const r of d) for (const h of Object.keys(r.when)) headers.add(normaliseHeader(h));
    else headers.add(normaliseHeader(d.year_of));
  }
  for (const h of Object.keys(mapping.scope ?? {})) headers.add(normaliseHeader(h));
  return headers;
}

/**
 * Rejects a row whose period starts before an earlier period of the same key has ended (a second
 * employment while the first is still open), naming the earlier row's line. Runs on the rows
 * that passed every other check, so the earlier row is one that will be loaded.
 */
async function rejectOverlaps(
  conn: DuckDBConnection,
  rule: NonOverlapping,
  typed: Map<string, string>,
  stage: string,
  fails: string,
): Promise<void> {
  const [k, s, e] = [typed.get(rule.key)!, typed.get(rule.start)!, typed.get(rule.end)!];
  await conn.run(`insert into ${fails}
    with valid as (
      select _row, _line, ${k} as k, ${s} as s, ${e} as e from ${stage} as v
      where not exists (select 1 from ${fails} as f where f._row = v._row)
    ),
    overlapping as (
      select later._row, later._line, later.s, earlier._line as other_line, earlier.s as other_s, earlier.e as other_e
      from valid as later
      join valid as earlier on earlier.k = later.k and earlier.s < later.s and (earlier.e is null or earlier.e >= later.s)
      qualify row_number() over (partition by later._row order by earlier.s) = 1
    )
    select _row, _line, ${str(rule.start)}, cast(s as varchar),
      ${str(`${rule.start} `)} || cast(s as varchar) || ' is before the end of the employment on line ' || other_line
        || ' (' || cast(other_s as varchar) || ' to ' || coalesce(cast(other_e as varchar), 'no end') || ')',
      ${str(`${rule.start} is before the end of an earlier ${rule.what} of the same ${rule.key}`)}
    from overlapping`);
}

/** Above this many rejected records a CASE costs more than a join. */
const MAX_CASE_THRESHOLDS = 32;

/**
 * SQL for the line of the row with a given rowid. Accepted row k (0-based, file order) comes after
 * every rejected record r_i (1-based, sorted) with r_i - i < k + 1, so its record number is k + 1
 * plus their count and its line one more (the header is line 1). The count is a CASE over the
 * few rejected records: a vectorised expression, no join.
 */
function lineExpression(rejectedLines: number[]): string {
  if (rejectedLines.length === 0) return "rowid + 2";
  const thresholds = rejectedLines.map((line, i) => line - 1 - (i + 1));
  const whens: string[] = [];
  for (let i = thresholds.length - 1; i >= 0; i--) {
    // equal thresholds (consecutive rejected records): the largest count wins, so keep the first seen
    if (i < thresholds.length - 1 && thresholds[i] === thresholds[i + 1]) continue;
    whens.push(`when rowid + 1 > ${thresholds[i]} then ${i + 1}`);
  }
  return `rowid + 2 + case ${whens.join(" ")} else 0 end`;
}

function kindOf(kind: string): string {
  switch (kind) {
    case "date":
      return "a date as YYYY-MM-DD (declare other formats in mapping.json)";
    case "integer":
      return "a whole number";
    case "number":
      return "a number";
    default:
      return "text";
  }
}
