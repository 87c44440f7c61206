/**
 * One pass over an input file: its SHA-256 (recorded in meta.load_runs and part of the load id)
 * and whether all of it is valid UTF-8 (else it is read as Windows-1252, as Excel writes CSV).
 * Reading the file once for both keeps the cost at about one disk read; Node's hash and isUtf8
 * both run at GB/s.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { isUtf8 } from "node:buffer";

export interface FileScan {
  sha256: string;
  isUtf8: boolean;
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

export function scanFile(file: string): FileScan {
  const hash = createHash("sha256");
  const fd = openSync(file, "r");
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  let carry = 0;
  let bytes = 0;
  let utf8 = true;
  try {
    for (;;) {
      const n = readSync(fd, chunk, carry, chunk.length - carry, bytes);
      hash.update(chunk.subarray(carry, carry + n));
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
  return { sha256: hash.digest("hex"), isUtf8: utf8, bytes };
}
