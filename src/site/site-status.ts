/**
 * Small JSON files describing the warehouse rather than a metric: what it was built from (status),
 * organisations for filters, canonical roles for ordering. Each tolerates a missing table.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { query, readOrgPseudonyms, readSiteSettings, tableExists } from "./mart-reader.ts";

/** As-of date, settings in force (assumptions, audience), latest load and which input files were present. */
export async function siteStatus(conn: DuckDBConnection) {
  const settings = await readSiteSettings(conn);
  const asOf = (await tableExists(conn, "meta", "as_of"))
    ? (await query(conn, "select strftime(as_of, '%Y-%m-%d') as as_of from meta.as_of limit 1")).rows[0]
        ?.as_of
    : null;
  const hasRuns = await tableExists(conn, "meta", "load_runs");
  const latestLoad = hasRuns
    ? (
        await query(
          conn,
          `select load_id, strftime(started_at, '%Y-%m-%dT%H:%M:%S') as started_at,
                  strftime(finished_at, '%Y-%m-%dT%H:%M:%S') as finished_at, status
           from meta.load_runs order by started_at desc limit 1`,
        )
      ).rows[0]
    : undefined;
  let sourceFiles: Record<string, unknown>[] = [];
  if (await tableExists(conn, "meta", "source_files")) {
    const latest = latestLoad?.load_id;
    sourceFiles = (
      await query(
        conn,
        `select source, file, present, data_rows, accepted_rows, rejected_rows
         from meta.source_files
         ${typeof latest === "string" ? `where load_id = '${latest.replace(/'/g, "''")}'` : ""}
         order by source`,
      )
    ).rows;
  }
  const organisations = (await tableExists(conn, "core", "orgs"))
    ? (await query(conn, "select count(*) as n from core.orgs")).rows[0].n
    : null;
  const resolvedAsOf = asOf ?? settings.as_of ?? null;
  return {
    as_of: resolvedAsOf,
    built_at: new Date().toISOString(),
    audience: settings.audience,
    settings: { ...settings, as_of: resolvedAsOf, as_of_configured: settings.as_of ?? null },
    organisations,
    latest_load: latestLoad ?? null,
    source_files: sourceFiles,
    present: Object.fromEntries(sourceFiles.map((f) => [f.file, f.present === true])),
  };
}

/** Organisations for filters and labels: id and display name (a pseudonym for a public audience). */
export async function siteOrgs(conn: DuckDBConnection) {
  if (!(await tableExists(conn, "core", "orgs"))) return [];
  const settings = await readSiteSettings(conn);
  const pseudonym = await readOrgPseudonyms(conn);
  const { rows } = await query(conn, "select org_id, org_name, facility_type, staffed_beds from core.orgs");
  const isPublic = settings.audience === "public";
  return rows
    .map((o) => ({
      org_id: isPublic ? pseudonym(String(o.org_id)) : o.org_id,
      name: isPublic ? pseudonym(String(o.org_id)) : (o.org_name ?? o.org_id),
      facility_type: o.facility_type,
      staffed_beds: isPublic ? null : o.staffed_beds,
    }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

/** Canonical roles (taxonomy reference data, describes no person) for labels and ladder ordering. */
export async function siteRoles(conn: DuckDBConnection) {
  if (!(await tableExists(conn, "taxonomy", "roles"))) return [];
  const { rows } = await query(
    conn,
    "select role, role_family, ladder_level, primary_domain from taxonomy.roles order by ladder_level, role",
  );
  return rows;
}
