import { DuckDBInstance } from "@duckdb/node-api";
const [db, sql] = process.argv.slice(2);
const i = await DuckDBInstance.create(db, { access_mode: "READ_ONLY" });
const c = await i.connect();
const r = await c.runAndReadAll(sql);
console.table(r.getRowObjectsJS().map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : typeof v === "number" ? Math.round(v * 1000) / 1000 : v]))));
