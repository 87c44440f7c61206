/**
 * Small JSON files describing the publication rather than a metric: what it was built from (status),
 * organisations for filters, canonical roles for ordering. All read from publish.*.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Settings } from "../config/settings.ts";
import { readPublished } from "./mart-reader.ts";

/** As-of date, settings in force (assumptions, audience, disclosure rules), latest load and input files. */
export async function siteStatus(conn: DuckDBConnection, settings: Settings) {
  const status = (await readPublished(conn, "status")).rows[0] ?? {};
  const sourceFiles = (await readPublished(conn, "data_quality_files")).rows;
  const asOf = (status.as_of as string | null) ?? settings.as_of ?? null;
  const loadWarning =
    status.load_status === "loaded_accepting_rejects" ? acceptedRejectsWarning(sourceFiles, settings) : null;
  return {
    as_of: asOf,
    built_at: new Date().toISOString(),
    published_on: status.published_on ?? null,
    audience: settings.audience,
    settings: { ...pageSettings(settings), as_of: asOf, as_of_configured: settings.as_of ?? null },
    organisations: status.organisations ?? null,
    latest_load: status.load_id
      ? {
          load_id: status.load_id,
          started_at: status.load_started_at,
          finished_at: status.load_finished_at,
          status: status.load_status,
        }
      : null,
    source_files: sourceFiles,
    present: Object.fromEntries(sourceFiles.map((f) => [f.file, f.present === true])),
    load_warning: loadWarning,
  };
}

/**
 * The sentence a warehouse loaded with --accept-rejects carries on its overview and data-quality
 * pages: which source rejected more than max_rejected_share (counts only, never a row's value).
 */
function acceptedRejectsWarning(files: Record<string, unknown>[], settings: Settings): string {
  const maxShare = settings.max_rejected_share;
  const pct = (x: number) => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;
  const over = files
    .filter((f) => f.present === true)
    .map((f) => ({
      file: String(f.file),
      source: String(f.source),
      rejected: Number(f.rejected_rows),
      rows: Number(f.data_rows) - Number(f.out_of_scope_rows ?? 0),
    }))
    .filter((f) => f.rows > 0 && f.rejected / f.rows > maxShare);
  // one file read as several sources with the same counts is said once
  const said = new Map<string, string[]>();
  for (const f of over) {
    const key = `${f.file} rejected ${f.rejected} of ${f.rows} rows (${pct(f.rejected / f.rows)})`;
    said.set(key, [...(said.get(key) ?? []), f.source]);
  }
  const parts = [...said].map(([text, sources]) => `${text} as ${sources.join(", ")}`);
  return (
    `Loaded with --accept-rejects: ${parts.length ? parts.join("; ") : "a source rejected too many rows"}, more than ` +
    `the ${pct(maxShare)} allowed (max_rejected_share). The figures rest on the rows that loaded.`
  );
}

/**
 * The settings the pages name (assumptions, audience, disclosure rules): the plausibility bounds are
 * ingest's alone, and a pay bound is no statistic to ship.
 */
function pageSettings(settings: Settings): Partial<Settings> {
  return Object.fromEntries(
    Object.entries(settings).filter(
      ([key]) =>
        !key.startsWith("plausible_") &&
        key !== "max_labor_hours_per_work_order" &&
        key !== "max_training_hours" &&
        key !== "max_cost_usd",
    ),
  );
}

/** Organisations for filters and labels: id and display name (a pseudonym for a public audience). */
export async function siteOrgs(conn: DuckDBConnection) {
  return (await readPublished(conn, "orgs")).rows;
}

/** Canonical roles (taxonomy reference data, describes no person) for labels and ladder ordering. */
export async function siteRoles(conn: DuckDBConnection) {
  return (await readPublished(conn, "roles")).rows;
}
