/**
 * Physical line numbers for files whose records are not one line each. DuckDB numbers a CSV row
 * by its record (header = line 1), so after a quoted field holding a newline, or a blank line, every
 * later row would be reported a line or more too early. When the file has more line breaks than
 * records, one more pass over its bytes finds where each record starts, and the record lines
 * are shifted to the physical ones. A file of one record per line (nearly all exports) skips this.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** From record line `from` on (1 = header), the physical line is the record line + `shift`. */
export interface LineShift {
  from: number;
  shift: number;
}

/**
 * The shifts from record lines to physical lines of a CSV file, or undefined when this scan does
 * not count the same number of data records as DuckDB did (a malformed file the two cut
 * differently: then the record lines stay, as docs/benchmarks.md documents).
 *
 * One pass over the bytes with indexOf, in the reader's terms (RFC 4180): a quote opens a quoted
 * field only at the start of a field, `""` inside one is a quote, a line break inside one is part of
 * the field; an empty line between records is no record. Lines without a quote cost one LF search.
 */
export async function recordLineShifts(
  file: string,
  delimiter: string,
  expectedRecords: number,
): Promise<LineShift[] | undefined> {
  const QUOTE = 0x22;
  const LF = 0x0a;
  const CR = 0x0d;
  const DELIM = delimiter.charCodeAt(0);
  const shifts: LineShift[] = [];
  const fd = openSync(file, "r");
  let buf = Buffer.alloc(16 * 2 ** 20);
  let kept = 0; // bytes of an unfinished line carried to the next read
  let position = 0;
  let line = 0; // physical line of the current line (1 = the first)
  let records = 0; // records ended so far (the header is the first)
  let inQuotes = false;
  let shift = 0;
  // position of the next quote in buf at or after the current line; -1: none; -2: not searched yet
  let nextQuote = -2;
  const lineDone = (s: number, e: number) => {
    line++;
    const continues = inQuotes;
    if (!continues && (e === s || (e === s + 1 && buf[s] === CR))) return; // an empty line: no record
    if (!continues) {
      const recordLine = records + 1;
      if (line - recordLine !== shift) {
        shift = line - recordLine;
        shifts.push({ from: recordLine, shift });
      }
    }
    // follow the quotes of this line; the next quote of the buffer is remembered, so lines without
    // one cost nothing (searching from every line start would be quadratic)
    if (nextQuote === -2 || (nextQuote !== -1 && nextQuote < s)) nextQuote = buf.indexOf(QUOTE, s);
    if (nextQuote === -1 || nextQuote >= e) {
      if (!inQuotes) records++;
      return;
    }
    const atFieldStart = !continues;
    for (let q = nextQuote; q !== -1 && q < e; q = buf.indexOf(QUOTE, q + 1)) {
      if (inQuotes) {
        if (q + 1 < e && buf[q + 1] === QUOTE)
          q++; // "" inside a quoted field
        else inQuotes = false;
      } else if (q === s ? atFieldStart : buf[q - 1] === DELIM) inQuotes = true;
    }
    if (!inQuotes) records++;
  };
  try {
    for (;;) {
      if (kept === buf.length) {
        // one line longer than the buffer: grow it
        const bigger = Buffer.alloc(buf.length * 2);
        buf.copy(bigger, 0, 0, kept);
        buf = bigger;
      }
      const n = readSync(fd, buf, kept, buf.length - kept, position);
      nextQuote = -2; // the buffer moved: search again
      position += n;
      const end = kept + n;
      let s = position === n && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
      for (let e = buf.indexOf(LF, s); e !== -1 && e < end; e = buf.indexOf(LF, s)) {
        lineDone(s, e);
        s = e + 1;
      }
      if (n === 0) {
        if (s < end) lineDone(s, end); // a last line without a line break
        break;
      }
      buf.copy(buf, 0, s, end);
      kept = end - s;
    }
  } finally {
    closeSync(fd);
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

/**
 * Blank lines at the very end of a file (after its last record's line break): DuckDB reads no
 * record from them, and they shift no line, so they must not trigger the location pass.
 */
export function trailingBlankLines(file: string): number {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, 4096));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    let breaks = 0;
    for (let i = tail.length - 1; i >= 0; i--) {
      if (tail[i] === 0x0a) breaks++;
      else if (tail[i] !== 0x0d) break;
    }
    return Math.max(0, breaks - 1);
  } finally {
    closeSync(fd);
  }
}
