/**
 * A CSV file written through a stream with backpressure: rows are joined into chunks, each chunk
 * is hashed and written, and the caller awaits `drained()` when the stream's buffer is full, so a
 * ten-million-row file is written in flat memory. Tracks the physical line of each row.
 */
import { createHash, type Hash } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

const CHUNK_CHARS = 1 << 16;

/** RFC 4180 quoting, only where needed. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export class CsvFile {
  private readonly stream: WriteStream;
  private readonly hash: Hash = createHash("sha256");
  private chunk = "";
  private waiting = false;
  /** Data rows written so far; the next row lands on physical line `rows + 2`. */
  rows = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path, { encoding: "utf8" });
    this.chunk = header.map(csvField).join(",") + "\n";
  }

  get nextLine(): number {
    return this.rows + 2;
  }

  /** Adds one row of already-quoted fields. Returns true when the caller should await drained(). */
  pushLine(line: string): boolean {
    this.chunk += line + "\n";
    this.rows++;
    if (this.chunk.length < CHUNK_CHARS) return false;
    return this.flushChunk();
  }

  pushRow(fields: readonly string[]): boolean {
    return this.pushLine(fields.map(csvField).join(","));
  }

  private flushChunk(): boolean {
    if (this.chunk.length === 0) return false;
    this.hash.update(this.chunk);
    const ok = this.stream.write(this.chunk);
    this.chunk = "";
    this.waiting = !ok;
    return !ok;
  }

  async drained(): Promise<void> {
    if (this.waiting) {
      await once(this.stream, "drain");
      this.waiting = false;
    }
  }

  /** Flushes, closes and returns the file's sha256. */
  async close(): Promise<string> {
    this.flushChunk();
    this.stream.end();
    await once(this.stream, "finish");
    return this.hash.digest("hex");
  }
}
