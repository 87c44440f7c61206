// What the site was built from: as-of date, settings in force (assumptions, audience) and which input
// files were present in the latest load. Tolerates a warehouse without meta tables.
import { query, readSiteSettings, tableExists, writeJson } from "../../src/site/mart-reader.ts";

await writeJson(async (conn) => {
  const settings = await readSiteSettings(conn);
  const asOf = (await tableExists(conn, "meta", "as_of"))
    ? (await query(conn, "select strftime(as_of, '%Y-%m-%d') as as_of from meta.as_of limit 1")).rows[0]?.as_of
    : null;
  const latestLoad = (await tableExists(conn, "meta", "load_runs"))
    ? (
        await query(
          conn,
          `select load_id, strftime(started_at, '%Y-%m-%dT%H:%M:%S') as started_at,
                  strftime(finished_at, '%Y-%m-%dT%H:%M:%S') as finished_at, status
           from meta.load_runs order by started_at desc limit 1`,
        )
      ).rows[0]
    : null;
  const sourceFiles = (await tableExists(conn, "meta", "source_files"))
    ? (
        await query(
          conn,
          `select source, file, present, data_rows, accepted_rows, rejected_rows
           from meta.source_files
           where load_id = (select load_id from meta.source_files
                            order by (select started_at from meta.load_runs r where r.load_id = source_files.load_id) desc nulls last
                            limit 1)
           order by source`,
        )
      ).rows
    : [];
  const orgs = (await tableExists(conn, "core", "orgs"))
    ? (await query(conn, "select count(*) as n from core.orgs where org_id <> 'default'")).rows[0].n
    : null;
  return {
    as_of: asOf ?? settings.as_of ?? null,
    built_at: new Date().toISOString(),
    settings: { ...settings, as_of: asOf ?? settings.as_of ?? null },
    audience: settings.audience,
    organisations: orgs,
    latest_load: latestLoad ?? null,
    source_files: sourceFiles,
    present: Object.fromEntries(sourceFiles.map((f) => [f.file, f.present === true])),
  };
});
