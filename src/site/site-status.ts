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
  return {
    as_of: asOf,
    built_at: new Date().toISOString(),
    published_on: status.published_on ?? null,
    audience: settings.audience,
    settings: { ...settings, as_of: asOf, as_of_configured: settings.as_of ?? null },
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
  };
}

/** Organisations for filters and labels: id and display name (a pseudonym for a public audience). */
export async function siteOrgs(conn: DuckDBConnection) {
  return (await readPublished(conn, "orgs")).rows;
}

/** Canonical roles (taxonomy reference data, describes no person) for labels and ladder ordering. */
export async function siteRoles(conn: DuckDBConnection) {
  return (await readPublished(conn, "roles")).rows;
}
