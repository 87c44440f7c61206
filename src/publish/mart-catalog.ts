/**
 * Every table a reader may see, each from its one declaration: the JSON sidecar beside its SQL
 * (`src/sql/marts/<mart>.json`; the data-quality inputs in `src/sql/publish/inputs/<table>.json`),
 * validated by src/publish/mart-declaration.ts. The publish layer (src/publish/publish.ts) derives its SQL
 * from them, the key tests check the grain against them, and docs/marts.md is generated from them.
 * Adding a mart the site reads is its SQL file plus its sidecar; a column a mart has but its sidecar
 * does not classify is not published (and tests/publish.test.ts fails, naming it).
 */
import path from "node:path";
import { PROJECT_ROOT } from "../warehouse/paths.ts";
import {
  COUNT_CLASSES,
  columnsOf,
  loadDeclarations,
  type ColumnClass,
  type MartDeclaration,
} from "./mart-declaration.ts";

export type MartDisclosure = MartDeclaration;
export type { ColumnClass } from "./mart-declaration.ts";

export const MARTS_SQL_DIR = path.join(PROJECT_ROOT, "src/sql/marts");
export const PUBLISH_INPUTS_DIR = path.join(PROJECT_ROOT, "src/sql/publish/inputs");

/**
 * Every mart the site reads (a sidecar exists for each). A mart without a sidecar (the model behind a
 * forecast) is not published.
 */
export const MART_DISCLOSURE: Readonly<Record<string, MartDisclosure>> = loadDeclarations(MARTS_SQL_DIR);

export type MartName = string;

/**
 * The data-quality page's tables, built from meta.* and raw.* by src/sql/publish/inputs/<name>.sql
 * (into work.<name>_input) and published under the same rules as a mart: in a public build a count of
 * fewer than min_cell_public rows is suppressed, with complementary suppression. Every row count is
 * treated as a count of people (most input rows describe one person).
 */
export const PUBLISH_INPUT_DISCLOSURE: Readonly<Record<string, MartDisclosure>> =
  loadDeclarations(PUBLISH_INPUTS_DIR);

/** Every column a declaration classifies, with its class, in declaration order. */
export function declaredColumns(rule: MartDisclosure): Map<string, ColumnClass> {
  return new Map(Object.entries(rule.columns).map(([c, d]) => [c, d.class]));
}

/** Columns the public cell rule applies to: counts of people and events, and staff FTE. */
export function countColumns(rule: MartDisclosure): string[] {
  return columnsOf(rule, ...COUNT_CLASSES);
}

/** The columns that must be unique together (what the key tests check). */
export function uniqueKeys(rule: MartDisclosure): readonly string[] {
  return rule.unique ?? rule.keys;
}

/**
 * Columns the site never ships whatever a mart contains: person identifiers, names, birth years and
 * individual pay (docs/architecture.md, privacy). A mart should not have them; this is the second lock.
 */
export const FORBIDDEN_COLUMNS: readonly RegExp[] = [
  /(^|_)employee_id$/,
  /(^|_)technician_id$/,
  /^(first_|last_|full_|employee_)?name$/,
  /birth_year/,
  /^annual_pay_usd$/,
  /^amount$/,
];
