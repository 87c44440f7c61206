/**
 * One pass over an input file: its SHA-256 (recorded in meta.load_runs and part of the load id),
 * whether all of it is valid UTF-8, how its lines end, and the signs of a file that is not a text
 * CSV at all (UTF-16, NUL bytes). Reading the file once for all of it keeps the cost at about one
 * disk read; Node's hash, isUtf8 and Buffer.indexOf all run at GB/s.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { isUtf8 } from "node:buffer";

/**
 * `lf` or `crlf` throughout (DuckDB reads these as they are), `none` (a single line), or
 * `irregular`: a mix, CR CR LF, or a CR on its own, which DuckDB's strict reader cannot read.
 */
export type LineEndings = "lf" | "crlf" | "none" | "irregular";

export interface FileScan {
  sha256: string;
  isUtf8: boolean;
  /**
   * Not all valid UTF-8, but it holds valid multi-byte UTF-8 characters and far fewer invalid
   * bytes: a UTF-8 file with a few bad bytes (read as UTF-8, the bad rows rejected), not a
   * Windows-1252 export.
   */
  isMostlyUtf8: boolean;
  /** First byte that is not valid UTF-8: its 1-based line and 0-based file offset. */
  firstInvalidUtf8?: { line: number; offset: number; byte: number };
  lineEndings: LineEndings;
  /** UTF-16 byte-order mark, or the NUL pattern of UTF-16 text without one. */
  utf16?: "UTF-16LE" | "UTF-16BE";
  /** First NUL byte: its 1-based line. With bytes that are not UTF-8, the file is binary. */
  firstNulLine?: number;
  /** LF bytes in the file: its line breaks when its line endings are regular. */
  lineBreaks: number;
  /** Longest physical line in bytes (DuckDB's reader needs a buffer larger than it). */
  longestLineBytes: number;
  bytes: number;
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

function countByte(buf: Buffer, byte: number, end = buf.length): number {
  let n = 0;
  for (let i = buf.indexOf(byte); i !== -1 && i < end; i = buf.indexOf(byte, i + 1)) n++;
  return n;
}

/** Length of the valid UTF-8 sequence at buf[i], or 0 when the byte there starts none. */
function utf8SequenceAt(buf: Buffer, i: number, end: number): number {
  const b = buf[i]!;
  const need = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (need === 0 || i + need > end) return 0;
  for (let k = 1; k < need; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return 0;
  return isUtf8(buf.subarray(i, i + need)) ? need : 0;
}

/**
 * Counts valid multi-byte characters and invalid bytes of a file that failed the UTF-8 check,
 * and finds the first invalid byte. Only run on such files (rare), so a byte loop is affordable.
 */
function utf8Quality(file: string): {
  valid: number;
  invalid: number;
  first?: { line: number; offset: number; byte: number };
} {
  const fd = openSync(file, "r");
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  let valid = 0;
  let invalid = 0;
  let first: { line: number; offset: number; byte: number } | undefined;
  let offset = 0;
  let line = 1;
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, offset);
      if (n === 0) break;
      // Stop a few bytes short so a character split across chunks is read whole next time.
      const end = n === chunk.length ? n - 3 : n;
      let i = 0;
      while (i < end) {
        const b = chunk[i]!;
        if (b < 0x80) {
          if (b === 0x0a) line++;
          i++;
          continue;
        }
        const len = utf8SequenceAt(chunk, i, n);
        if (len) {
          valid++;
          i += len;
        } else {
          invalid++;
          first ??= { line, offset: offset + i, byte: b };
          i++;
        }
      }
      offset += i;
    }
  } finally {
    closeSync(fd);
  }
  return { valid, invalid, first };
}

export function scanFile(file: string): FileScan {
  const hash = createHash("sha256");
  const fd = openSync(file, "r");
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  let carry = 0;
  let bytes = 0;
  let utf8 = true;
  let lf = 0;
  let cr = 0;
  let crlf = 0;
  let previousEndsInCr = false;
  let head: Buffer | undefined;
  let nulLine: number | undefined;
  let linesBefore = 0;
  let longest = 0;
  let lineStart = 0;
  try {
    for (;;) {
      const n = readSync(fd, chunk, carry, chunk.length - carry, bytes);
      const fresh = chunk.subarray(carry, carry + n);
      hash.update(fresh);
      if (!head) head = Buffer.from(fresh.subarray(0, 4));
      if (n > 0) {
        // Line endings: count LF, CR and CR-LF pairs (a pair may straddle two chunks).
        if (previousEndsInCr && fresh[0] === 0x0a) crlf++;
        for (let i = fresh.indexOf(0x0d); i !== -1; i = fresh.indexOf(0x0d, i + 1)) {
          cr++;
          if (fresh[i + 1] === 0x0a) crlf++;
        }
        previousEndsInCr = fresh[n - 1] === 0x0d;
        let lfHere = 0;
        for (let i = fresh.indexOf(0x0a); i !== -1; i = fresh.indexOf(0x0a, i + 1)) {
          lfHere++;
          const at = bytes + i;
          longest = Math.max(longest, at - lineStart);
          lineStart = at + 1;
        }
        if (nulLine === undefined) {
          const nul = fresh.indexOf(0);
          if (nul !== -1) nulLine = linesBefore + countByte(fresh, 0x0a, nul) + 1;
        }
        lf += lfHere;
        linesBefore += lfHere;
      }
      bytes += n;
      const end = carry + n;
      if (n === 0) {
        if (utf8) utf8 = isUtf8(chunk.subarray(0, end));
        break;
      }
      if (utf8) {
        // A character split across chunks is checked with the next chunk.
        const keep = incompleteTail(chunk, end);
        utf8 = isUtf8(chunk.subarray(0, end - keep));
        chunk.copy(chunk, 0, end - keep, end);
        carry = keep;
      } else carry = 0;
    }
  } finally {
    closeSync(fd);
  }
  const lineEndings: LineEndings =
    cr === 0 ? (lf === 0 ? "none" : "lf") : cr === crlf && crlf === lf ? "crlf" : "irregular";
  let utf16: FileScan["utf16"];
  if (head && head[0] === 0xff && head[1] === 0xfe) utf16 = "UTF-16LE";
  else if (head && head[0] === 0xfe && head[1] === 0xff) utf16 = "UTF-16BE";
  // ASCII text in UTF-16 without a BOM: every other byte is NUL.
  else if (head && head.length >= 4 && head[0] !== 0 && head[1] === 0 && head[2] !== 0 && head[3] === 0)
    utf16 = "UTF-16LE";
  else if (head && head.length >= 4 && head[0] === 0 && head[1] !== 0 && head[2] === 0 && head[3] !== 0)
    utf16 = "UTF-16BE";
  let isMostlyUtf8 = utf8;
  let firstInvalidUtf8: FileScan["firstInvalidUtf8"];
  if (!utf8 && !utf16) {
    const q = utf8Quality(file);
    firstInvalidUtf8 = q.first;
    // Windows-1252 text almost never forms valid UTF-8 pairs (an accented letter followed by a
    // continuation byte); a file that has them and few invalid bytes is UTF-8 with damage.
    isMostlyUtf8 = q.valid > 0 && q.invalid <= q.valid;
  }
  return {
    sha256: hash.digest("hex"),
    isUtf8: utf8,
    isMostlyUtf8,
    firstInvalidUtf8,
    lineEndings,
    utf16,
    firstNulLine: nulLine,
    longestLineBytes: Math.max(longest, bytes - lineStart),
    lineBreaks: lf,
    bytes,
  };
}
