/** Windows-1252 exports (Excel's "CSV") are rewritten as UTF-8 before DuckDB reads them. */
import { createReadStream, createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import iconv from "iconv-lite";

export async function transcodeToUtf8(from: string, to: string): Promise<void> {
  await pipeline(
    createReadStream(from),
    iconv.decodeStream("win1252"),
    iconv.encodeStream("utf8"),
    createWriteStream(to),
  );
}
