/** Finds each contract source's file in the input folder (mapping.json may rename it). */
import { existsSync, lstatSync, readdirSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { SOURCES, type SourceContract } from "../src/contract/index.ts";
import type { Mapping } from "./mapping.ts";

export interface SourceFile {
  source: SourceContract;
  /** Absolute path, or undefined when the folder has no file for this source. */
  path?: string;
  /** Name as given in the folder. */
  file: string;
}

export interface Discovery {
  sources: SourceFile[];
  /** CSV files in the folder that belong to no source. */
  unknownFiles: string[];
}

export function discoverSources(inputDir: string, mapping: Mapping): Discovery {
  if (!existsSync(inputDir) || !statSync(inputDir).isDirectory())
    throw new Error(
      `input folder ${inputDir} does not exist: create it and put your exports there (see docs/mapping.md), or use --input data/sample (htm-workforce sample writes it)`,
    );
  const names = readdirSync(inputDir);
  const entries = names.filter((f) => statOf(path.join(inputDir, f))?.isFile());
  const byLowerName = new Map(names.map((f) => [f.toLowerCase(), f]));
  const used = new Set<string>();
  const sources = SOURCES.map((source): SourceFile => {
    const wanted = mapping.sources[source.name]?.file ?? source.file;
    const actual = byLowerName.get(wanted.toLowerCase());
    if (actual === undefined) return { source, file: wanted };
    const full = path.join(inputDir, actual);
    // A name a source reads that is not a regular file (a folder, a pipe, a device, a broken link)
    // is an unusable input, never "not supplied": ignoring it would replace a good load with none.
    if (!entries.includes(actual))
      throw new Error(`${full}: ${notARegularFile(full)}; ${source.file} must be a CSV file`);
    used.add(actual);
    return { source, file: actual, path: full };
  });
  const unknownFiles = entries.filter((f) => /\.(csv|tsv|txt)$/i.test(f) && !used.has(f));
  return { sources, unknownFiles };
}

/** The target's stat, or undefined when it cannot be reached (a broken link). */
function statOf(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function notARegularFile(file: string): string {
  const target = statOf(file);
  if (!target)
    return lstatSync(file).isSymbolicLink()
      ? "a link to nothing (its target does not exist)"
      : "cannot be read";
  if (target.isDirectory()) return "a folder, not a file";
  if (target.isFIFO()) return "a named pipe, not a file";
  if (target.isCharacterDevice() || target.isBlockDevice()) return "a device, not a file";
  if (target.isSocket()) return "a socket, not a file";
  return "not a regular file";
}
