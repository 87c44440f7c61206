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
        `select *
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
  const loadWarning =
    latestLoad?.status === "loaded_accepting_rejects"
      ? await acceptedRejectsWarning(conn, sourceFiles)
      : null;
  return {
    as_of: resolvedAsOf,
    built_at: new Date().toISOString(),
    audience: settings.audience,
    settings: { ...settings, as_of: resolvedAsOf, as_of_configured: settings.as_of ?? null },
    organisations,
    latest_load: latestLoad ?? null,
    source_files: sourceFiles,
    present: Object.fromEntries(sourceFiles.map((f) => [f.file, f.present === true])),
    load_warning: loadWarning,
  };
}

/**
 * The sentence a warehouse loaded with --accept-rejects carries on its overview and data-quality
 * pages: which source rejected more than max_rejected_share (counts only, never a row's value).
 */
async function acceptedRejectsWarning(
  conn: DuckDBConnection,
  files: Record<string, unknown>[],
): Promise<string> {
  let maxShare = 0.05;
  try {
    const r = (await query(conn, "select max_rejected_share from meta.settings")).rows[0];
    if (typeof r?.max_rejected_share === "number") maxShare = r.max_rejected_share;
  } catch {
    // a warehouse from before max_rejected_share: the default applied
  }
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
