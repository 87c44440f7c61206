/**
 * The one SQL runner (src/warehouse/sql-runner.ts): parameters are bound by DuckDB as values, a
 * file's parameters are exactly the `$name`s it uses, and a failing file is named in the error.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runSqlFile, sqlFileRows, sqlParameters } from "../src/warehouse/sql-runner.ts";

const dir = mkdtempSync(path.join(tmpdir(), "sql-runner-"));
const file = (name: string, sql: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, sql);
  return p;
};
let instance: DuckDBInstance;
let conn: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

it("finds the parameters outside comments and string literals", () => {
  expect(
    sqlParameters(
      "-- the org's $salt is secret\nselect $a || '$1,000 -- $b' as x, /* $c */ $d as y where 'it''s $e' <> $a",
    ),
  ).toEqual(["a", "d"]);
});

it("binds a value as a value: quotes and semicolons stay text", async () => {
  const f = file(
    "echo.sql",
    "-- one row: the value given\nselect cast($v as varchar) as v, cast($n as integer) + 1 as n",
  );
  const hostile = "x'; drop table t; --";
  expect(await sqlFileRows(conn, f, { v: hostile, n: 41 })).toEqual([{ v: hostile, n: 42 }]);
});

it("refuses a missing or unused parameter, naming the file", async () => {
  const f = file("params.sql", "select $a as a");
  await expect(sqlFileRows(conn, f)).rejects.toThrow(/params\.sql: no value for \$a/);
  await expect(sqlFileRows(conn, f, { a: 1, b: 2 })).rejects.toThrow(/params\.sql: \$b given but not used/);
});

it("names the file when DuckDB fails, and runs several statements", async () => {
  const ok = file("two.sql", "create table t (x integer);\ninsert into t values (1), (2);");
  await runSqlFile(conn, ok);
  expect(await sqlFileRows(conn, file("count.sql", "select cast(count(*) as integer) as n from t"))).toEqual([
    { n: 2 },
  ]);
  await expect(runSqlFile(conn, file("bad.sql", "select * from no_such_table"))).rejects.toThrow(
    /bad\.sql: .*no_such_table/,
  );
});
