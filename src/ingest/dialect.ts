/**
 * Finds how a CSV export is written: encoding (UTF-8 with or without BOM, else Windows-1252 as
 * Excel writes it), delimiter, decimal separator and header. The bulk read is DuckDB's; this
 * only looks at the head of the file, where csv-parse gives exact answers cheaply.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";

export type Encoding = "utf-8" | "windows-1252";

export interface Dialect {
  encoding: Encoding;
  hasBom: boolean;
  delimiter: string;
  decimalSeparator: "." | ",";
  /** Header cells as written (trimmed, BOM removed). */
  header: string[];
  bytes: number;
}

const HEAD_BYTES = 256 * 1024;
const DELIMITERS = [",", ";", "\t", "|"] as const;

function readHead(file: string, bytes: number): Buffer {
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** True when the buffer is UTF-8, allowing a multi-byte character cut off at the end of the head. */
function looksUtf8(buf: Buffer, truncated: boolean): boolean {
  if (isUtf8(buf)) return true;
  if (!truncated) return false;
  for (let cut = 1; cut <= 3 && cut < buf.length; cut++)
    if (isUtf8(buf.subarray(0, buf.length - cut))) return true;
  return false;
}

/** Bytes at the end of `buf[0, end)` that start a multi-byte character not yet complete. */
function incompleteTail(buf: Buffer, end: number): number {
  for (let i = end - 1; i >= Math.max(0, end - 3); i--) {
    const b = buf[i]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return end - i < need ? end - i : 0;
  }
  return 0;
}

/** Whole-file UTF-8 check in chunks; Node's isUtf8 runs at several GB/s. */
export function isFileUtf8(file: string): boolean {
  const fd = openSync(file, "r");
  const chunk = Buffer.alloc(8 * 1024 * 1024);
  let carry = 0;
  let pos = 0;
  try {
    for (;;) {
      const n = readSync(fd, chunk, carry, chunk.length - carry, pos);
      pos += n;
      const end = carry + n;
      if (n === 0) return isUtf8(chunk.subarray(0, end));
      const keep = incompleteTail(chunk, end);
      if (!isUtf8(chunk.subarray(0, end - keep))) return false;
      chunk.copy(chunk, 0, end - keep, end);
      carry = keep;
    }
  } finally {
    closeSync(fd);
  }
}

function firstRecords(text: string, delimiter: string, max: number): string[][] | undefined {
  const options = {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    to: max,
    bom: true,
  };
  // The head may end inside a quoted field: then retry without its last (partial) line.
  const cut = text.lastIndexOf("\n");
  for (const candidate of cut > 0 ? [text, text.slice(0, cut)] : [text]) {
    try {
      return parse(candidate, options) as string[][];
    } catch {
      continue;
    }
  }
  return undefined;
}

/**
 * Picks the delimiter that splits the header into the most columns and gives the following rows
 * the same width. Throws when the file is empty.
 */
export function sniffDialect(
  file: string,
  declared: { delimiter?: string; encoding?: Encoding; decimalSeparator?: "." | "," } = {},
): Dialect {
  const bytes = statSync(file).size;
  const head = readHead(file, Math.min(bytes, HEAD_BYTES));
  const hasBom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const encoding: Encoding =
    declared.encoding ??
    (looksUtf8(head, bytes > head.length) && isFileUtf8(file) ? "utf-8" : "windows-1252");
  const text =
    encoding === "utf-8" ? head.toString("utf8").replace(/^\uFEFF/, "") : iconv.decode(head, "win1252");
  if (text.trim() === "") throw new Error("the file is empty: expected a header row");

  let best: { delimiter: string; records: string[][]; score: number } | undefined;
  for (const delimiter of declared.delimiter ? [declared.delimiter] : DELIMITERS) {
    const records = firstRecords(text, delimiter, 50);
    if (!records || records.length === 0) continue;
    const width = records[0]!.length;
    const consistent = records.slice(1).filter((r) => r.length === width).length;
    const score = width > 1 ? width * 1000 + consistent : 0;
    if (!best || score > best.score) best = { delimiter, records, score };
  }
  if (!best) throw new Error("could not read a header row (not a CSV file?)");
  const header = best.records[0]!.map((h) => h.trim());

  // Excel in comma-decimal locales writes "1,5" in semicolon files; decide from the data, not the locale.
  let decimalSeparator: "." | "," = declared.decimalSeparator ?? ".";
  if (!declared.decimalSeparator && best.delimiter !== ",") {
    const cells = best.records.slice(1).flat();
    const comma = cells.filter((c) => /^\s*-?\d+,\d+\s*$/.test(c)).length;
    const dot = cells.filter((c) => /^\s*-?\d+\.\d+\s*$/.test(c)).length;
    if (comma > 0 && dot === 0) decimalSeparator = ",";
  }
  return { encoding, hasBom, delimiter: best.delimiter, decimalSeparator, header, bytes };
}
