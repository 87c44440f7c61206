/**
 * Rewrites an export DuckDB's strict reader cannot read as it is into a UTF-8, LF-terminated copy:
 * Windows-1252 (Excel's "CSV") is decoded, and irregular line endings (a mix of LF and CRLF,
 * CR CR LF from a double conversion, a CR on its own) become one LF each. A CR or LF inside a
 * quoted field is data and is kept. Only files that need it are copied.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import iconv from "iconv-lite";

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;

/**
 * Outside quotes, every run of CRs with or without a following LF is one line break (LF). The
 * byte values of CR, LF and '"' never occur inside a UTF-8 multi-byte character, so this works on
 * the bytes of UTF-8 and Windows-1252 alike.
 */
export class LineEndingNormaliser extends Transform {
  private inQuotes = false;
  private pendingCr = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const out = Buffer.allocUnsafe(chunk.length + 1);
    let o = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.inQuotes) {
        if (b === QUOTE) this.inQuotes = false;
        out[o++] = b;
        continue;
      }
      if (b === CR) {
        this.pendingCr = true;
        continue;
      }
      if (this.pendingCr) {
        this.pendingCr = false;
        out[o++] = LF;
        if (b === LF) continue;
      }
      if (b === QUOTE) this.inQuotes = true;
      out[o++] = b;
    }
    done(null, out.subarray(0, o));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.pendingCr ? Buffer.from([LF]) : null);
  }
}

export async function rewriteForReader(
  from: string,
  to: string,
  options: { fromWindows1252: boolean; normaliseLineEndings: boolean },
): Promise<void> {
  const steps: NodeJS.ReadWriteStream[] = [];
  if (options.fromWindows1252) steps.push(iconv.decodeStream("win1252"), iconv.encodeStream("utf8"));
  if (options.normaliseLineEndings) steps.push(new LineEndingNormaliser());
  await pipeline([createReadStream(from), ...steps, createWriteStream(to)]);
}

export async function transcodeToUtf8(from: string, to: string): Promise<void> {
  await rewriteForReader(from, to, { fromWindows1252: true, normaliseLineEndings: false });
}
