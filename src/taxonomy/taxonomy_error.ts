/**
 * A problem in a user-edited taxonomy or reference CSV, located precisely enough to fix it in a
 * spreadsheet: file, line, column, the offending value and what was expected.
 */
import path from "node:path";
import { PROJECT_ROOT } from "../warehouse/paths.ts";

export interface TaxonomyIssue {
  readonly file: string;
  /** 1-based line in the file; the header is line 1; 0 for the file as a whole. */
  readonly line: number;
  readonly column: string;
  readonly value: string | undefined;
  /** What is wrong, phrased to follow the quoted value, e.g. "is not a role in roles.csv". */
  readonly problem: string;
}

/** Paths inside the project are shown relative to it, as a user would type them. */
export function displayPath(file: string): string {
  const relative = path.relative(PROJECT_ROOT, path.resolve(file));
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

export function formatIssue(issue: TaxonomyIssue): string {
  if (issue.line === 0) return `${displayPath(issue.file)}: ${issue.problem}`;
  const subject = issue.value === undefined ? "" : `'${issue.value}' `;
  return `${displayPath(issue.file)} line ${issue.line}, column ${issue.column}: ${subject}${issue.problem}`;
}

export class TaxonomyError extends Error {
  readonly issues: readonly TaxonomyIssue[];
  constructor(issues: readonly TaxonomyIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "TaxonomyError";
    this.issues = issues;
  }
}
