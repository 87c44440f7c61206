/**
 * Matches a file's header row to the contract: vendor headers renamed by the mapping config,
 * otherwise matched by name (see `normaliseHeader`). Missing required columns make the file
 * unusable (exit 2), and so does a mapping that names a header the file does not have; columns
 * the contract does not know are ignored and reported (unless a rule or the scope reads them).
 */
import type { ColumnSpec, SourceContract } from "../src/contract/index.ts";
import { closestName, generatedColumns, type SourceMapping } from "./mapping.ts";

export interface HeaderColumn {
  /** Header cell as written in the file. */
  header: string;
  /** 1-based position in the file. */
  position: number;
  /** Contract column, or undefined when the contract does not know it. */
  column?: string;
}

export class UnusableInputError extends Error {}

/**
 * How headers are compared, as docs/mapping.md says: surrounding spaces (also no-break and
 * zero-width ones) dropped, lower case, and every run of spaces, `-`, `.`, `/`, `_` read as one `_`.
 */
export function normaliseHeader(h: string): string {
  return h
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s\-./_]+/g, "_");
}

/** Every vendor header a source mapping names (renames, rule and scope conditions, year_of). */
function referencedHeaders(mapping: SourceMapping): { key: string; header: string }[] {
  const refs: { key: string; header: string }[] = [];
  for (const from of Object.keys(mapping.columns)) refs.push({ key: `columns["${from}"]`, header: from });
  for (const [column, d] of Object.entries(mapping.derive)) {
    if (Array.isArray(d))
      d.forEach((r, i) => {
        for (const h of Object.keys(r.when))
          refs.push({ key: `derive.${column}[${i}].when["${h}"]`, header: h });
      });
    else refs.push({ key: `derive.${column}.year_of`, header: d.year_of });
  }
  for (const h of Object.keys(mapping.scope ?? {})) refs.push({ key: `scope["${h}"]`, header: h });
  return refs;
}

export function matchHeader(
  source: SourceContract,
  header: string[],
  mapping: SourceMapping,
  fileLabel: string,
): HeaderColumn[] {
  const byName = new Map(header.map((h) => [normaliseHeader(h), h]));
  const unknown = referencedHeaders(mapping).filter((r) => !byName.has(normaliseHeader(r.header)));
  if (unknown.length) {
    const u = unknown[0]!;
    const near = closestName(u.header, header);
    throw new UnusableInputError(
      `${fileLabel}: mapping.json sources.${source.name}.${u.key}: the file has no header '${u.header}'` +
        (near
          ? ` (did you mean '${visible(near)}'?)`
          : ` (header has: ${header.map((h) => `'${visible(h)}'`).join(", ")})`),
    );
  }

  const generated = new Set(generatedColumns(mapping));
  const renames = new Map(Object.entries(mapping.columns).map(([from, to]) => [normaliseHeader(from), to]));
  const contractColumns = new Map(
    Object.keys(source.columns)
      .filter((c) => !generated.has(c))
      .map((c) => [normaliseHeader(c), c]),
  );
  const columns: HeaderColumn[] = header.map((h, i) => {
    const key = normaliseHeader(h);
    // a header renamed to another column keeps that meaning even if it spells a contract name
    const column = renames.has(key) ? renames.get(key) : contractColumns.get(key);
    return { header: h, position: i + 1, column };
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
  const filled = (name: string) => seen.has(name) || generated.has(name);
  for (const [key, table] of [
    ["values", mapping.values],
    ["date_formats", mapping.date_formats],
  ] as const) {
    const column = Object.keys(table).find((c) => !filled(c));
    if (column) {
      const near = closestName(column, header);
      throw new UnusableInputError(
        `${fileLabel}: mapping.json sources.${source.name}.${key}: no header is mapped to '${column}'` +
          (near ? ` (did you mean to map '${visible(near)}' in columns?)` : ""),
      );
    }
  }
  const missing = Object.entries(source.columns as Record<string, ColumnSpec>)
    .filter(([name, spec]) => spec.required && !filled(name))
    .map(([name]) => name);
  if (missing.length) {
    const hints = missing
      .map((m) => [m, closestName(m, header)] as const)
      .filter(([, near]) => near)
      .map(([m, near]) => `'${visible(near!)}' for ${m}?`);
    throw new UnusableInputError(
      `${fileLabel}: missing required column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `'${m}'`).join(", ")} ` +
        `(header has: ${header.map((h) => `'${visible(h)}'`).join(", ")}; rename vendor headers in mapping.json` +
        (hints.length ? `: did you mean ${hints.join(", ")}` : "") +
        ")",
    );
  }
  return columns;
}

/** The header cell a mapping names, as matched by `normaliseHeader`. */
export function findHeader(header: HeaderColumn[], name: string): HeaderColumn {
  const key = normaliseHeader(name);
  const h = header.find((c) => normaliseHeader(c.header) === key);
  if (!h) throw new UnusableInputError(`no header '${name}'`);
  return h;
}

/**
 * A header or value as a message can show it: control characters (a NUL byte, a tab) and
 * invisible spaces written as \u escapes, so "emp\u0000loyee_id" does not print as "employee_id".
 */
export function visible(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u00a0\u200b-\u200d\u2060\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
