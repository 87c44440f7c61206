/**
 * Physical line numbers for files whose records are not one line each. DuckDB numbers a CSV row
 * by its record (header = line 1), so after a quoted field holding a newline, or a blank line, every
 * later row would be reported a line or more too early. When the file has more line breaks than
 * records, csv-parse reads it once more to find where each record starts, and the record lines
 * are shifted to the physical ones. A file of one record per line (nearly all exports) skips this.
 */
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";

/** From record line `from` on (1 = header), the physical line is the record line + `shift`. */
export interface LineShift {
  from: number;
  shift: number;
}

/**
 * The shifts from record lines to physical lines of a CSV file, or undefined when csv-parse does not
 * see the same number of data records as DuckDB did (a malformed file where the two parsers cut
 * records differently: then the record lines stay, as DESIGN §9 documents).
 */
export async function recordLineShifts(
  file: string,
  delimiter: string,
  expectedRecords: number,
): Promise<LineShift[] | undefined> {
  const shifts: LineShift[] = [];
  const parser = createReadStream(file).pipe(
    parse({
      delimiter,
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      // the records are only counted and located: their fields are not needed
      cast: false,
    }),
  );
  let records = 0;
  let endOfPrevious = 0;
  let emptyBefore = 0;
  let shift = 0;
  try {
    for await (const { info } of parser as AsyncIterable<{
      info: { lines: number; empty_lines: number };
      record: string[];
    }>) {
      // a record starts on the line after the previous one ended, past any blank lines between
      const start = endOfPrevious + 1 + (info.empty_lines - emptyBefore);
      const recordLine = records + 1;
      if (start - recordLine !== shift) {
        shift = start - recordLine;
        shifts.push({ from: recordLine, shift });
      }
      // csv-parse's info.lines is the line the record ends on
      endOfPrevious = info.lines;
      emptyBefore = info.empty_lines;
      records++;
    }
  } catch {
    return undefined;
  }
  return records - 1 === expectedRecords ? shifts : undefined;
}

/** SQL for the physical line of a record line given by `expr` (evaluated once per use). */
export function physicalLineSql(expr: string, shifts: readonly LineShift[]): string {
  if (shifts.length === 0) return expr;
  const whens = [...shifts]
    .reverse()
    .map((s) => `when (${expr}) >= ${s.from} then ${s.shift}`)
    .join(" ");
  return `((${expr}) + case ${whens} else 0 end)`;
}

/** The physical line of one record line. */
export function physicalLine(line: number, shifts: readonly LineShift[]): number {
  let shift = 0;
  for (const s of shifts) if (line >= s.from) shift = s.shift;
  return line + shift;
}
