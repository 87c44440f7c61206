/**
 * The fuzz corpus (issue 10): 333 seeded malformed variants across all nine sources. For each:
 * no crash (the ingest returns, or refuses with a one-line UnusableInputError naming the file);
 * accepted + rejected = data rows, and data rows = what csv-parse (not our code) counts; the
 * previous warehouse is byte-for-byte intact whenever a load is refused.
 *
 * Speed: variants are loaded nine at a time, one damaged file per source in one input folder,
 * into one warehouse that each successful load replaces. A refused file is put back clean and
 * the rest of its batch loaded again, so every variant is checked on its own terms.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ingest, UnusableInputError, type IngestReport } from "../loaders/ingest.ts";
import { CLEAN_FILES, generateVariants, independentRowCount, type Variant } from "./support/fuzz-corpus.ts";

const SEED = 20261201;
const VARIANTS = 333;

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

function writeClean(dir: string): void {
  for (const [file, text] of Object.entries(CLEAN_FILES)) writeFileSync(path.join(dir, file), text);
}

/** Batches with at most one variant per file, in corpus order. */
function batches(variants: Variant[]): Variant[][] {
  const out: Variant[][] = [];
  for (const v of variants) {
    const open = out.find((b) => !b.some((x) => x.file === v.file));
    if (open) open.push(v);
    else out.push([v]);
  }
  return out;
}

describe("fuzz corpus: no crash on any content, nothing lost", () => {
  let dir: string;
  let dbPath: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "htm-fuzz-"));
    dbPath = path.join(dir, "warehouse.duckdb");
    writeClean(dir);
    const clean = await ingest({ inputDir: dir, dbPath, quiet: true });
    // The clean dataset is valid: every row loads.
    expect(clean.files.filter((f) => f.rejectedRows > 0)).toEqual([]);
  }, 120_000);

  it("the corpus has at least 300 variants covering all nine sources and every mutation", () => {
    const variants = generateVariants(SEED, VARIANTS);
    expect(variants.length).toBeGreaterThanOrEqual(300);
    expect(new Set(variants.map((v) => v.file)).size).toBe(9);
    expect(generateVariants(SEED, VARIANTS).map((v) => v.name)).toEqual(variants.map((v) => v.name));
  });

  it("every variant loads, rejects with reasons, or is refused naming its file", async () => {
    const variants = generateVariants(SEED, VARIANTS);
    const problems: string[] = [];
    const outcomes = { loaded: 0, refused: 0 };
    for (const batch of batches(variants)) {
      let pending = [...batch];
      while (pending.length) {
        writeClean(dir);
        for (const v of pending) writeFileSync(path.join(dir, v.file), v.bytes);
        const before = existsSync(dbPath) ? sha256(dbPath) : undefined;
        let report: IngestReport | undefined;
        try {
          report = await ingest({ inputDir: dir, dbPath, quiet: true });
        } catch (e) {
          const message = (e as Error).message;
          if (!(e instanceof UnusableInputError)) {
            problems.push(`CRASH in batch [${pending.map((v) => v.name).join(" | ")}]: ${message}`);
            break;
          }
          if (before !== undefined && sha256(dbPath) !== before)
            problems.push(`previous warehouse changed after a refusal: ${message}`);
          const culprit = pending.find((v) => message.startsWith(v.file) || message.includes(`${v.file}:`));
          if (!culprit) {
            problems.push(`refusal naming no damaged file: ${message}`);
            break;
          }
          if (culprit.rowLevel)
            problems.push(`${culprit.name}: damage confined to rows, yet the file was refused: ${message}`);
          if (message.includes("\n    at ")) problems.push(`${culprit.name}: a stack trace in the message`);
          outcomes.refused++;
          pending = pending.filter((v) => v !== culprit);
          continue;
        }
        if (report.exitCode !== 0 && before !== undefined && sha256(dbPath) !== before)
          problems.push(`previous warehouse changed on exit ${report.exitCode}`);
        for (const v of pending) {
          const f = report.files.find((x) => x.file === v.file)!;
          outcomes.loaded++;
          if (f.acceptedRows + f.rejectedRows !== f.dataRows)
            problems.push(
              `${v.name}: accepted ${f.acceptedRows} + rejected ${f.rejectedRows} ≠ ${f.dataRows} data rows`,
            );
          const expected = independentRowCount(v.bytes, v.delimiter);
          if (expected !== undefined && expected !== f.dataRows)
            problems.push(`${v.name}: ${f.dataRows} data rows, csv-parse counts ${expected}`);
        }
        pending = [];
      }
    }
    expect(problems).toEqual([]);
    // Most damage is to rows: the corpus exercises the loader, not only the refusals.
    expect(outcomes.loaded).toBeGreaterThan(outcomes.refused);
  }, 900_000);
});
