// Organisations for filters and labels: id and display name (a pseudonym for a public audience).
import { query, readOrgPseudonyms, readSiteSettings, tableExists, writeJson } from "../../src/site/mart-reader.ts";

await writeJson(async (conn) => {
  if (!(await tableExists(conn, "core", "orgs"))) return [];
  const settings = await readSiteSettings(conn);
  const pseudonym = await readOrgPseudonyms(conn);
  const { rows } = await query(
    conn,
    "select org_id, org_name, facility_type, staffed_beds from core.orgs order by org_name, org_id",
  );
  const isPublic = settings.audience === "public";
  return rows
    .map((o) => ({
      org_id: isPublic ? pseudonym(String(o.org_id)) : o.org_id,
      name: isPublic ? pseudonym(String(o.org_id)) : o.org_name,
      facility_type: o.facility_type,
      staffed_beds: isPublic ? null : o.staffed_beds,
    }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
});
