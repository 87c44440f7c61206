// Canonical roles from the taxonomy (role, family, ladder level, primary domain): labels and ordering for
// pay and career-ladder charts. Reference data only: describes no person.
import { query, tableExists, writeJson } from "../../src/site/mart-reader.ts";

await writeJson(async (conn) => {
  if (!(await tableExists(conn, "taxonomy", "roles"))) return [];
  const { rows } = await query(
    conn,
    "select role, role_family, ladder_level, primary_domain from taxonomy.roles order by ladder_level, role",
  );
  return rows;
});
