/**
 * What the site ships, without a browser: the compact Arrow encoding reads back to the same values
 * through the pages' loadArrow, Kaplan-Meier curves keep every step, and a zero in one count does not
 * exempt a small count in another from suppression (tests/publish.test.ts).
 */
import { describe, expect, it } from "vitest";
import { DuckDBTypeId } from "@duckdb/node-api";
import { tableToIPC } from "apache-arrow";
import type { Row } from "../src/publish/disclosure.ts";
import { toArrow } from "../src/site/mart-reader.ts";
import { kaplanMeierSteps, roleFamily } from "../src/site/page-slices.ts";

const { loadArrow } = (await import(new URL("../reports/components/arrow.js", import.meta.url).href)) as {
  loadArrow: (source: Uint8Array) => Promise<Row[]>;
};

describe("toArrow + loadArrow", () => {
  const rows: Row[] = [
    {
      org: "A",
      on: new Date(Date.UTC(2024, 1, 29)),
      small: 3,
      mid: 300,
      big: 70_000,
      rate: 0.1,
      fte: 12.3,
      usd: 1_234_567.89,
      flag: true,
      none: null,
    },
    {
      org: "B",
      on: null,
      small: -5,
      mid: null,
      big: 2,
      rate: 2 / 3,
      fte: null,
      usd: 0.5,
      flag: false,
      none: null,
    },
  ];
  const columns = [
    { name: "org", typeId: DuckDBTypeId.VARCHAR },
    { name: "on", typeId: DuckDBTypeId.DATE },
    { name: "small", typeId: DuckDBTypeId.BIGINT },
    { name: "mid", typeId: DuckDBTypeId.INTEGER },
    { name: "big", typeId: DuckDBTypeId.INTEGER },
    { name: "rate", typeId: DuckDBTypeId.DOUBLE },
    { name: "fte", typeId: DuckDBTypeId.DECIMAL },
    { name: "usd", typeId: DuckDBTypeId.DOUBLE },
    { name: "flag", typeId: DuckDBTypeId.BOOLEAN },
    { name: "none", typeId: DuckDBTypeId.VARCHAR },
  ];

  it("picks the narrowest type that holds every value", () => {
    const table = toArrow({ columns, rows });
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(types).toEqual({
      org: "Dictionary<Int8, Utf8>",
      on: "Date32<DAY>",
      small: "Int8",
      mid: "Int16",
      big: "Int32",
      rate: "Float32",
      fte: "Float32",
      usd: "Float64",
      flag: "Bool",
      none: "Null",
    });
  });

  it("reads back the same values, Float32 as 7 significant digits", async () => {
    const back = await loadArrow(tableToIPC(toArrow({ columns, rows }), "stream"));
    expect(back).toEqual([
      { ...rows[0], on: new Date("2024-02-29T00:00:00Z") },
      { ...rows[1], rate: 0.6666667 },
    ]);
  });
});

describe("kaplanMeierSteps", () => {
  const curve = (group: string, points: [number, number][]) =>
    points.map(([month, survival]) => ({
      org_id: "all",
      group_kind: "all",
      group_value: group,
      event_kind: "any",
      month,
      survival,
      ci_lower: survival / 2,
      ci_upper: 1,
      at_risk: 100 - month,
    }));

  it("keeps first and last months, changes and every 12th month", () => {
    const rows = [
      ...curve("a", [
        [0, 1],
        [1, 1],
        [2, 0.9],
        [3, 0.9],
        [11, 0.9],
        [12, 0.9],
        [13, 0.9],
        [14, 0.9],
      ]),
      ...curve("b", [
        [0, 1],
        [1, 1],
      ]),
    ];
    const kept = kaplanMeierSteps(rows).map((r) => `${r.group_value}${r.month}`);
    expect(kept).toEqual(["a0", "a2", "a12", "a14", "b0", "b1"]);
  });

  it("ships counts on the 12th months only, where every curve has a row", () => {
    const rows: Row[] = [0, 1, 12, 13].map((month) => ({
      org_id: "all",
      group_kind: "all",
      group_value: "all",
      event_kind: "any",
      month,
      at_risk: 20 - month,
      events: 1,
      survival: 1 - month / 100,
      ci_lower: null,
      ci_upper: null,
    }));
    const kept = kaplanMeierSteps(rows).map((r) => [r.month, r.at_risk, r.events]);
    expect(kept).toEqual([
      [0, 20, 1],
      [1, null, null],
      [12, 8, 1],
      [13, null, null],
    ]);
  });
});

describe("page slices", () => {
  it("roleFamily keeps one family", () => {
    expect(roleFamily("all")([{ role_family: "all" }, { role_family: "specialist" }])).toEqual([
      { role_family: "all" },
    ]);
  });
});
