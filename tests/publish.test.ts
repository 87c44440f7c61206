/**
 * The mart catalog is the one declaration of each published mart: every column of every mart a
 * reader sees is declared, the declared keys are the grain (key tests derived from the catalog, on
 * the marts and on publish.*), docs/marts.md carries the generated catalog, and publish.* holds
 * nothing the rules withhold: a public complementary-suppression case worked by hand.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderCatalogSection } from "../src/publish/catalog-doc.ts";
import {
  declaredColumns,
  MART_DISCLOSURE,
  PUBLISH_INPUT_DISCLOSURE,
  uniqueKeys,
  type MartDisclosure,
} from "../src/publish/mart-catalog.ts";
import { declarationJsonSchema } from "../src/publish/mart-declaration.ts";
import { withPublished } from "../src/publish/publish.ts";
import { duplicateKeys, nullValues } from "./support/key_checks.ts";
import { buildFixtureWarehouse, type FixtureWarehouse } from "./support/warehouse.ts";

/** Marts no reader sees (the model behind a forecast): not in the catalog on purpose. */
const UNPUBLISHED = new Set(["demand_trend"]);

let w: FixtureWarehouse;
beforeAll(async () => {
  w = await buildFixtureWarehouse(path.resolve("tests/fixtures/disclosure-one-org"));
}, 120_000);
afterAll(() => w?.close());

describe("the catalog", () => {
  it("declares every column of every mart, and every catalog mart exists", async () => {
    const columns = await w.rows(
      "select table_name, column_name from information_schema.columns where table_schema = 'marts'",
    );
    const undeclared = columns
      .filter((c) => !UNPUBLISHED.has(String(c.table_name)))
      .filter((c) => {
        const rule = MART_DISCLOSURE[String(c.table_name)];
        return !rule || !declaredColumns(rule).has(String(c.column_name));
      })
      .map((c) => `marts.${c.table_name}.${c.column_name}`);
    expect(undeclared).toEqual([]);
    const marts = new Set(columns.map((c) => String(c.table_name)));
    expect(Object.keys(MART_DISCLOSURE).filter((m) => !marts.has(m))).toEqual([]);
  });

  it("classifies every column of every declaration, and names columns that exist", () => {
    for (const [mart, rule] of Object.entries({ ...MART_DISCLOSURE, ...PUBLISH_INPUT_DISCLOSURE })) {
      const r: MartDisclosure = rule;
      for (const [c, d] of Object.entries(r.columns)) {
        expect(d.class, `${mart}.${c}`).toBeTruthy();
        if (d.source)
          expect(MART_DISCLOSURE[d.source.mart]?.columns[d.source.column], `${mart}.${c}`).toBeTruthy();
      }
    }
  });

  it("the declared keys are unique and never null, in every mart", async () => {
    for (const [mart, rule] of Object.entries(MART_DISCLOSURE)) {
      expect(await w.rows(duplicateKeys(`marts.${mart}`, uniqueKeys(rule))), mart).toEqual([]);
      expect(await w.rows(nullValues(`marts.${mart}`, rule.keys)), mart).toEqual([]);
    }
  });

  it("docs/marts.md carries the catalog as generated (run htm-workforce dictionary)", () => {
    expect(readFileSync("docs/marts.md", "utf8")).toContain(renderCatalogSection());
    expect(readFileSync("docs/mart-declaration.schema.json", "utf8")).toBe(declarationJsonSchema());
  });
});

describe("publish.*", () => {
  it("keeps the grain and every declared column, internal and public", async () => {
    for (const audience of ["internal", "public"] as const) {
      await withPublished(w.dbPath, { audience, warn: () => {} }, async (conn) => {
        for (const [mart, rule] of Object.entries(MART_DISCLOSURE)) {
          const dup = await conn.runAndReadAll(duplicateKeys(`publish.${mart}`, rule.keys));
          expect(dup.getRows(), `${audience} ${mart}`).toEqual([]);
          const cols = (await conn.runAndReadAll(`select * from publish."${mart}" limit 0`)).columnNames();
          expect(cols, mart).toEqual(expect.arrayContaining([...declaredColumns(rule).keys(), "suppressed"]));
        }
      });
    }
  });

  it("public: a small cell and its complement are withheld along both margins (worked by hand)", async () => {
    // headcount at 2024-12-31: generalist 10 (6 BMET I, 3 BMET II, 1 BMET III), specialist 2 (E401,
    // E402), other families 0; org total 12. Public rule: 1..10 suppressed → generalist (10) and
    // specialist (2) are primary; the total 12 stays: 12 − (10 + 2) leaves two unknowns. Along org_id
    // the one organisation and 'all' are equal rows: each family's org and 'all' rows are both withheld.
    await withPublished(w.dbPath, { audience: "public", warn: () => {} }, async (conn) => {
      const rows = (
        await conn.runAndReadAll(
          `select org_id, role_family, headcount, suppressed from publish.headcount_monthly
           where month_end = date '2024-12-31' order by org_id, role_family`,
        )
      ).getRowObjectsJson();
      const get = (org: string, f: string) => rows.find((r) => r.org_id === org && r.role_family === f)!;
      expect(get("all", "all").headcount).toBe(12);
      for (const org of ["all", "Org A"]) {
        expect(get(org, "generalist").headcount).toBeNull();
        expect(get(org, "specialist").headcount).toBeNull();
        expect(String(get(org, "specialist").suppressed)).toMatch(/fewer than 11 people/);
        expect(get(org, "leadership").headcount).toBe(0);
      }
    });
  });
});
