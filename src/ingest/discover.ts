/** Finds each contract source's file in the input folder (mapping.json may rename it). */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { SOURCES, type SourceContract } from "../contract/index.ts";
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
  const entries = readdirSync(inputDir).filter((f) => statSync(path.join(inputDir, f)).isFile());
  const byLowerName = new Map(entries.map((f) => [f.toLowerCase(), f]));
  const used = new Set<string>();
  const sources = SOURCES.map((source): SourceFile => {
    const wanted = mapping.sources[source.name]?.file ?? source.file;
    const actual = byLowerName.get(wanted.toLowerCase());
    if (actual) used.add(actual);
    return { source, file: actual ?? wanted, path: actual ? path.join(inputDir, actual) : undefined };
  });
  const unknownFiles = entries.filter((f) => /\.(csv|tsv|txt)$/i.test(f) && !used.has(f));
  return { sources, unknownFiles };
}
