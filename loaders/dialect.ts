/**
 * Finds how a CSV export is written: encoding (UTF-8 with or without BOM, else Windows-1252 as
 * Excel writes it), delimiter, decimal separator and header. The bulk read is DuckDB's; this
 * only looks at the head of the file, where csv-parse gives exact answers cheaply.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { scanFile } from "./file-scan.ts";

export type Encoding = "utf-8" | "windows-1252";

export interface Dialect {
  encoding: Encoding;
  hasBom: boolean;
  delimiter: string;
  decimalSeparator: "." | ",";
  /** Header cells as written (trimmed, BOM removed). */
  header: string[];
  bytes: number;
  /** Longest physical line, from the file scan (sizes the reader's buffer). */
  longestLineBytes?: number;
  /** Line breaks of the file as read (undefined: not counted, e.g. a normalised copy). */
  lineBreaks?: number;
}

// Enough for the header and 50 rows of any real export; csv-parse reads all of it four times (one per delimiter).
const HEAD_BYTES = 64 * 1024;
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

function firstRecords(text: string, delimiter: string, max: number): string[][] | undefined {
  const options = {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    // Every line ending an export may mix (load-source reads a normalised copy of such files).
    record_delimiter: ["\r\n", "\n", "\r"],
    to: max,
    bom: true,
  };
  // The head may end inside a quoted field, or a quote in the first rows may never close: then
  // retry on fewer and fewer whole lines, down to the header alone, so a broken row is reported
  // by the loader with its line instead of making the header look wrong.
  const lines = text.split(/(?<=\n)/);
  const candidates = [text];
  for (let n = Math.min(lines.length - 1, 64); n >= 1; n = Math.floor(n / 2))
    candidates.push(lines.slice(0, n).join(""));
  for (const candidate of candidates) {
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
  declared: { delimiter?: string; encoding?: Encoding; decimalSeparator?: "." | ","; isUtf8?: boolean } = {},
): Dialect {
  const bytes = statSync(file).size;
  const head = readHead(file, Math.min(bytes, HEAD_BYTES));
  const hasBom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const encoding: Encoding =
    declared.encoding ?? ((declared.isUtf8 ?? scanFile(file).isUtf8) ? "utf-8" : "windows-1252");
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
