/**
 * Matches a file's header row to the contract: vendor headers renamed by the mapping config,
 * otherwise matched by name case- and punctuation-insensitively. Missing required columns make
 * the file unusable (exit 2); columns the contract does not know are ignored and reported.
 */
import type { SourceContract } from "../contract/index.ts";
import type { SourceMapping } from "./mapping.ts";

export interface HeaderColumn {
  /** Header cell as written in the file. */
  header: string;
  /** 1-based position in the file. */
  position: number;
  /** Contract column, or undefined when the contract does not know it. */
  column?: string;
}

export class UnusableInputError extends Error {}

const normalise = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s\-./]+/g, "_");

export function matchHeader(
  source: SourceContract,
  header: string[],
  mapping: SourceMapping,
  fileLabel: string,
): HeaderColumn[] {
  const renames = new Map(Object.entries(mapping.columns).map(([from, to]) => [normalise(from), to]));
  const contractColumns = new Map(Object.keys(source.columns).map((c) => [normalise(c), c]));
  const columns: HeaderColumn[] = header.map((h, i) => {
    const key = normalise(h);
    return { header: h, position: i + 1, column: renames.get(key) ?? contractColumns.get(key) };
  });

  const seen = new Map<string, HeaderColumn>();
  for (const c of columns) {
    if (!c.column) continue;
    const first = seen.get(c.column);
    if (first)
      throw new UnusableInputError(
        `${fileLabel}: columns ${first.position} ('${first.header}') and ${c.position} ('${c.header}') both map to '${c.column}'`,
      );
    seen.set(c.column, c);
  }
  const missing = Object.entries(source.columns)
    .filter(([name, spec]) => spec.required && !seen.has(name))
    .map(([name]) => name);
  if (missing.length)
    throw new UnusableInputError(
      `${fileLabel}: missing required column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `'${m}'`).join(", ")} ` +
        `(header has: ${header.map((h) => `'${h}'`).join(", ")}; rename vendor headers in mapping.json)`,
    );
  return columns;
}
