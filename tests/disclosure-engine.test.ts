/**
 * The disclosure engine on hand-made marts: each column class follows its rule (FTE and events under
 * the people-count rule, with complementary suppression along totals and years; a rate with its
 * numerator and denominator; pay-derived money rounded), a quantity withheld in one table is withheld in
 * every table carrying it, a column with no class is refused, and a declaration that leaves a column
 * unclassified (or a pay figure without its people) does not load. Every expected value is worked out
 * by hand in the comments next to it.
 */
import { cpSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { MART_DISCLOSURE, MARTS_SQL_DIR } from "../src/publish/mart-catalog.ts";
import { parseDeclaration, type MartDeclaration } from "../src/publish/mart-declaration.ts";
import { withPublished } from "../src/publish/publish.ts";

const ORG_KEY = { class: "key" } as const;

/** The declarations of the hand-made marts (the same shape as a sidecar). */
const DECLARATIONS: Record<string, MartDeclaration> = {
  // FTE by family, 'all' = the total: the count rule applies to FTE
  staff: {
    grain: "org_id, family",
    keys: ["org_id", "family"],
    totals: [{ columns: ["family"] }],
    columns: {
      org_id: ORG_KEY,
      family: ORG_KEY,
      fte: { class: "fte", unit: "FTE", additive: true },
    },
  },
  // certifications earned per year: events, with a line along the years
  certs: {
    grain: "org_id, year",
    keys: ["org_id", "year"],
    periods: "year",
    columns: {
      org_id: ORG_KEY,
      year: ORG_KEY,
      earned: { class: "events", unit: "certifications", additive: true },
    },
  },
  // turnover: the rate follows its numerator (leavers) and denominator (headcount)
  turnover: {
    grain: "org_id, year, family",
    keys: ["org_id", "year", "family"],
    columns: {
      org_id: ORG_KEY,
      year: ORG_KEY,
      family: ORG_KEY,
      headcount: { class: "people", unit: "people", additive: true },
      leavers: { class: "events", unit: "people", additive: true },
      rate: { class: "rate", unit: "ratio", additive: false, numerator: "leavers", denominator: "headcount" },
    },
  },
  // supply by domain; is_forecast is a key, so its key set differs from `price`'s
  supply: {
    grain: "org_id, year, domain",
    keys: ["org_id", "year", "domain", "is_forecast"],
    totals: [{ columns: ["domain"] }],
    columns: {
      org_id: ORG_KEY,
      year: ORG_KEY,
      domain: ORG_KEY,
      is_forecast: ORG_KEY,
      fte: { class: "fte", unit: "FTE", additive: true },
    },
  },
  // the cost of an FTE by domain: pay, pay-derived money, and copies of supply.fte and turnover.rate
  price: {
    grain: "org_id, domain, year",
    keys: ["org_id", "domain", "year"],
    columns: {
      org_id: ORG_KEY,
      domain: ORG_KEY,
      year: ORG_KEY,
      n_paid: { class: "people", unit: "people", additive: false },
      supply_fte: {
        class: "fte",
        unit: "FTE",
        additive: true,
        source: {
          mart: "supply",
          column: "fte",
          match: { org_id: "org_id", year: "year", domain: "domain", is_forecast: "false" },
        },
      },
      turnover_rate: {
        class: "rate",
        unit: "ratio",
        additive: false,
        numerator: "events",
        denominator: "people",
        source: {
          mart: "turnover",
          column: "rate",
          match: { org_id: "org_id", year: "year", family: "'all'" },
        },
      },
      base_pay_usd: { class: "pay", statistic: "median", unit: "USD", additive: false, people: "n_paid" },
      turnover_cost_usd: { class: "pay_derived", unit: "USD", additive: false, people: "n_paid" },
      cost_per_hour_usd: { class: "pay_derived", unit: "USD per hour", additive: false, people: "n_paid" },
      market_basis: { class: "reference", unit: "text", additive: false },
    },
  },
  // leavers by family, 'all' = the total: two small families withheld, whose leavers the total would
  // show to be 0
  exits: {
    grain: "org_id, role_family",
    keys: ["org_id", "role_family"],
    totals: [{ columns: ["role_family"] }],
    columns: {
      org_id: ORG_KEY,
      role_family: ORG_KEY,
      headcount: { class: "people", unit: "people", additive: true },
      separations: { class: "events", unit: "people", additive: true },
    },
  },
  // the same shape under its own key name (no cells shared with exits): lines whose withheld members
  // together hold a small count
  teams: {
    grain: "org_id, site, team",
    keys: ["org_id", "site", "team"],
    totals: [{ columns: ["team"] }],
    columns: {
      org_id: ORG_KEY,
      site: ORG_KEY,
      team: ORG_KEY,
      headcount: { class: "people", unit: "people", additive: true },
      separations: { class: "events", unit: "people", additive: true },
    },
  },
  // in-house hours by year (own key names: tables of the same key columns share their cells) (no count: no cell rule of its own), and a team table that copies them
  hours: {
    grain: "org_id, fiscal_year",
    keys: ["org_id", "fiscal_year"],
    columns: {
      org_id: ORG_KEY,
      fiscal_year: ORG_KEY,
      in_house_hours: { class: "amount", unit: "hours", additive: true },
    },
  },
  team: {
    grain: "org_id, fiscal_year",
    keys: ["org_id", "fiscal_year"],
    columns: {
      org_id: ORG_KEY,
      fiscal_year: ORG_KEY,
      staff: { class: "people", unit: "people", additive: false },
      in_house_hours: {
        class: "amount",
        unit: "hours",
        additive: true,
        source: {
          mart: "hours",
          column: "in_house_hours",
          match: { org_id: "org_id", fiscal_year: "fiscal_year" },
        },
      },
    },
  },
};

let db: string;
beforeAll(async () => {
  db = path.join(mkdtempSync(path.join(tmpdir(), "htm-engine-")), "w.duckdb");
  const instance = await DuckDBInstance.create(db);
  const conn = await instance.connect();
  await conn.run(`
    create schema meta; create schema core; create schema marts;
    create table meta.settings as select 'internal' as audience, 11 as min_cell_public, 5 as min_pay_group,
      10 as min_pay_quartile_group, 100.0 as pay_rounding_usd;
    create table core.orgs as select 'X' as org_id;
    create table marts.staff as select * from (values
      ('X', 'a', 3.0::double), ('X', 'b', 20.0::double), ('X', 'c', 15.0::double), ('X', 'all', 38.0::double)) t(org_id, family, fte);
    create table marts.certs as select * from (values
      ('X', 2022, 20), ('X', 2023, 4), ('X', 2024, 30)) t(org_id, year, earned);
    create table marts.turnover as select * from (values
      ('X', 2024, 'all', 8, 2, 0.25::double), ('X', 2023, 'all', 40, 4, 0.1::double)) t(org_id, year, family, headcount, leavers, rate);
    create table marts.supply as select * from (values
      ('X', 2024, 'a', false, 5.0::double), ('X', 2024, 'b', false, 30.0::double), ('X', 2024, 'c', false, 40.0::double),
      ('X', 2024, 'all', false, 75.0::double), ('X', 2024, 'b', true, 31.0::double)) t(org_id, year, domain, is_forecast, fte);
    create table marts.price as select * from (values
      ('X', 'b', 2024, 12, 30.0::double, 0.25::double, 61234.0::double, 1234567.89::double, 36.8123::double, null, 'secret 1'),
      ('X', 'c', 2024, null, 40.0::double, 0.25::double, 58000.0::double, 1000000.0::double, 30.0::double, 'market', 'secret 2'),
      ('X', 'c', 2023, 4, 40.0::double, 0.1::double, 57000.0::double, 912345.0::double, 29.12::double, null, 'secret 3'))
      t(org_id, domain, year, n_paid, supply_fte, turnover_rate, base_pay_usd, turnover_cost_usd,
        cost_per_hour_usd, market_basis, unclassified_note);
    create table marts.exits as select * from (values
      ('X', 'a', 4, 0), ('X', 'b', 3, 0), ('X', 'c', 30, 0), ('X', 'd', 40, 12), ('X', 'e', 50, 0),
      ('X', 'all', 127, 12)) t(org_id, role_family, headcount, separations);
    create table marts.teams as select * from (values
      ('X', 's1', 'a', 4, 0), ('X', 's1', 'b', 5, 0), ('X', 's1', 'c', 12, 0), ('X', 's1', 'd', 20, 0),
      ('X', 's1', 'e', 30, 0), ('X', 's1', 'all', 71, 0),
      ('X', 's2', 'a', 20, 3), ('X', 's2', 'b', 8, 0), ('X', 's2', 'c', 15, 0), ('X', 's2', 'd', 25, 11),
      ('X', 's2', 'e', 40, 12), ('X', 's2', 'all', 108, 26)) t(org_id, site, team, headcount, separations);
    create table marts.hours as select * from (values ('X', 2023, 800.0::double), ('X', 2024, 500.0::double))
      t(org_id, fiscal_year, in_house_hours);
    create table marts.team as select * from (values ('X', 2023, 20, 800.0::double), ('X', 2024, 4, 500.0::double))
      t(org_id, fiscal_year, staff, in_house_hours);
  `);
  conn.closeSync();
  instance.closeSync();
});

async function published(audience: "internal" | "public", warn: (m: string) => void = () => {}) {
  return withPublished(db, { audience, warn, declarations: DECLARATIONS }, async (conn) => {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const m of Object.keys(DECLARATIONS)) {
      out[m] = (await conn.runAndReadAll(`select * from publish.${m}`)).getRowObjectsJson();
    }
    return out;
  });
}

describe("the cell rule of a public build applies to every count class", () => {
  it("FTE: 3 FTE is withheld, and the next smallest family with it, so 38 − 20 leaves two unknowns", async () => {
    const p = await published("public");
    const fte = Object.fromEntries(p.staff!.map((r) => [r.family, r.fte]));
    // a = 3 < 11: primary; along the family line exactly one is withheld, so the smallest other
    // (c = 15) is withheld too; b = 20 and the total 38 stay
    expect(fte).toEqual({ a: null, b: 20, c: null, all: 38 });
    expect(p.staff!.find((r) => r.family === "a")!.suppressed).toMatch(/fewer than 11 people/);
    expect(p.staff!.find((r) => r.family === "c")!.suppressed).toMatch(/complementary/);
  });

  it("events: 4 certifications in 2023 are withheld, and another year with them (a line along years)", async () => {
    const p = await published("public");
    const earned = Object.fromEntries(p.certs!.map((r) => [r.year, r.earned]));
    // 2023 = 4 < 11: primary; the year line then withholds the smallest other year, 2022 (20)
    expect(earned).toEqual({ 2022: null, 2023: null, 2024: 30 });
  });

  it("internal builds apply no cell rule", async () => {
    const p = await published("internal");
    expect(Object.fromEntries(p.staff!.map((r) => [r.family, r.fte]))).toEqual({
      a: 3,
      b: 20,
      c: 15,
      all: 38,
    });
  });
});

describe("complementary suppression leaves no withheld cell recoverable as 0", () => {
  it("a total with leavers withholds a member with leavers beside two small families without any", async () => {
    const p = await published("public");
    const row = (f: string) => p.exits!.find((r) => r.role_family === f)!;
    // a (4 people) and b (3) are under 11: withheld; two withheld cells, so no single subtraction. But
    // their separations are 0 and the total's 12 are all d's: 12 − 12 − 0 − 0 = 0 would show that no
    // one in a or b left. The smallest member with leavers (d, 12) is withheld with them
    expect(Object.fromEntries(p.exits!.map((r) => [r.role_family, [r.headcount, r.separations]]))).toEqual({
      a: [null, null],
      b: [null, null],
      c: [30, 0],
      d: [null, null],
      e: [50, 0],
      all: [127, 12],
    });
    expect(row("d").suppressed).toMatch(/complementary/);
  });
});

describe("the withheld members of a line hold together at least 11 of each count", () => {
  const line = (p: Record<string, Record<string, unknown>[]>, site: string) =>
    Object.fromEntries(
      p.teams!.filter((r) => r.site === site).map((r) => [r.team, [r.headcount, r.separations]]),
    );

  it("two small teams of 4 and 5 people are withheld with the smallest published team", async () => {
    const p = await published("public");
    // a (4) and b (5) are under 11: withheld. Two withheld cells, so no one subtraction gives either
    // back, but 71 − 12 − 20 − 30 = 9 is the two teams together, a group of 9. The smallest published
    // team with people (c, 12) is withheld with them: 71 − 20 − 30 = 21 for a, b and c
    expect(line(p, "s1")).toEqual({
      a: [null, null],
      b: [null, null],
      c: [null, null],
      d: [20, 0],
      e: [30, 0],
      all: [71, 0],
    });
    expect(p.teams!.find((r) => r.site === "s1" && r.team === "c")!.suppressed).toMatch(/complementary/);
  });

  it("3 leavers between two withheld teams: the published team with the fewest people among those with leavers joins them", async () => {
    const p = await published("public");
    // a (3 leavers) and b (8 people) are under 11: withheld, 28 people together (enough), but
    // 26 − 0 − 11 − 12 = 3 leavers between them. The teams with leavers are d (11 of 25 people) and e
    // (12 of 40): d, the smaller, is withheld, and a, b and d hold 14 leavers and 53 people together
    expect(line(p, "s2")).toEqual({
      a: [null, null],
      b: [null, null],
      c: [15, 0],
      d: [null, null],
      e: [40, 12],
      all: [108, 26],
    });
  });

  it("internal builds withhold none of them", async () => {
    const p = await published("internal");
    expect(line(p, "s1")).toEqual({
      a: [4, 0],
      b: [5, 0],
      c: [12, 0],
      d: [20, 0],
      e: [30, 0],
      all: [71, 0],
    });
  });
});

describe("a quantity withheld in one table is withheld in every table that carries it", () => {
  it("hours withheld with a small team's row are withheld in the table they are copied from", async () => {
    const p = await published("public");
    // team 2024 has 4 people: its row is withheld, and with it its copy of 2024's 500 hours, which the
    // hours table would otherwise publish as they are
    expect(p.team!.map((r) => [r.fiscal_year, r.in_house_hours])).toEqual([
      [2023, 800],
      [2024, null],
    ]);
    expect(p.hours!.map((r) => [r.fiscal_year, r.in_house_hours])).toEqual([
      [2023, 800],
      [2024, null],
    ]);
    expect(p.hours!.find((r) => r.fiscal_year === 2024)!.partly_withheld).toMatch(
      /in_house_hours withheld where a table that carries the same quantity withholds it/,
    );
    // an internal build withholds neither
    const internal = await published("internal");
    expect(internal.hours!.map((r) => r.in_house_hours)).toEqual([800, 500]);
  });
});

describe("a rate follows its numerator and denominator, in every table that carries it", () => {
  it("a turnover rate over 8 people is withheld in its own table and in the table that copies it", async () => {
    const p = await published("public");
    const own = p.turnover!.find((r) => r.year === 2024)!;
    expect(own.rate).toBeNull(); // headcount 8 and leavers 2 are both under 11
    const copy = p.price!.filter((r) => r.year === 2024);
    expect(copy.map((r) => r.turnover_rate)).toEqual([null, null]);
    // c's row is otherwise published: the note names the one value withheld and why
    const c = copy.find((r) => r.domain === "c")!;
    expect(c.suppressed).toBeNull();
    expect(String(c.partly_withheld)).toMatch(/turnover_rate withheld where the table it comes from/);
    // 2023: headcount 40 but 4 leavers < 11 → also withheld (the numerator's rule)
    expect(p.turnover!.find((r) => r.year === 2023)!.rate).toBeNull();
    // internal: nothing is small, the copy equals its source
    const internal = await published("internal");
    expect(internal.price!.find((r) => r.year === 2023)!.turnover_rate).toBe(0.1);
  });
});

describe("the same count is withheld in every table that carries it", () => {
  it("supply withholds b (30 FTE) as the complement of a (5 FTE); price withholds its copy of b", async () => {
    const p = await published("public");
    const supply = Object.fromEntries(
      p.supply!.filter((r) => r.is_forecast === false).map((r) => [r.domain, r.fte]),
    );
    // a = 5 primary; smallest other in the domain line: b = 30; c = 40 and the total 75 stay
    expect(supply).toEqual({ a: null, b: null, c: 40, all: 75 });
    // price's own rule would publish 30 (≥ 11); the link to supply withholds it
    expect(p.price!.find((r) => r.domain === "b")!.supply_fte).toBeNull();
    expect(p.price!.find((r) => r.domain === "c" && r.year === 2024)!.supply_fte).toBe(40);
  });
});

describe("pay and pay-derived money", () => {
  it("are rounded to $100 (other units to three significant digits) and withheld under 5 people", async () => {
    const p = await published("internal");
    const b = p.price!.find((r) => r.domain === "b")!;
    expect(b.base_pay_usd).toBe(61200); // 61,234 → $100
    expect(b.turnover_cost_usd).toBe(1234600); // 1,234,567.89 → $100
    expect(b.cost_per_hour_usd).toBe(36.8); // 36.8123 → 3 significant digits
    // priced at the market figure (no people behind it): published, rounded
    expect(p.price!.find((r) => r.domain === "c" && r.year === 2024)!.base_pay_usd).toBe(58000);
    const c = p.price!.find((r) => r.domain === "c" && r.year === 2023)!;
    // 4 people < 5: every pay figure withheld, the rest of the row published
    expect([c.base_pay_usd, c.turnover_cost_usd, c.cost_per_hour_usd]).toEqual([null, null, null]);
    expect(c.supply_fte).toBe(40);
    expect(String(c.suppressed)).toMatch(/at least 5 people/);
  });
});

describe("a column with no class", () => {
  it("is refused: not published, and the warning names it", async () => {
    const warnings: string[] = [];
    const p = await published("internal", (m) => warnings.push(m));
    expect(Object.keys(p.price![0]!)).not.toContain("unclassified_note");
    expect(JSON.stringify(p)).not.toContain("secret");
    expect(warnings.join("\n")).toMatch(/price\.unclassified_note has no class/);
  });

  const base = {
    grain: "org_id",
    keys: ["org_id"],
    columns: { org_id: { class: "key" } } as Record<string, unknown>,
  };
  const parse = (columns: Record<string, unknown>) =>
    parseDeclaration("t.json", JSON.stringify({ ...base, columns: { ...base.columns, ...columns } }));

  it("does not load: a declaration names what is wrong", () => {
    expect(() => parse({ x: { unit: "people" } })).toThrow(/columns\.x\.class/);
    expect(() => parse({ x: { class: "secret", unit: "USD" } })).toThrow(/columns\.x\.class/);
    expect(() => parse({ x: { class: "pay", statistic: "median", unit: "USD" } })).toThrow(
      /x: "people" must name a column of class "people"/,
    );
    expect(() =>
      parse({ r: { class: "rate", unit: "ratio", numerator: "events", denominator: "people" } }),
    ).toThrow(/r: its numerator is a count neither in this table nor named by "source"/);
    expect(() => parse({ x: { class: "people" } })).toThrow(/x: a unit is required/);
    expect(() => parse({ n: { class: "people", unit: "people" } })).not.toThrow();
  });
});

describe("the sidecars", () => {
  it("every published mart has its SQL beside its declaration, and every source names a declared column", () => {
    for (const [mart, d] of Object.entries(MART_DISCLOSURE)) {
      expect(existsSync(path.join(MARTS_SQL_DIR, `${mart}.sql`)), mart).toBe(true);
      for (const [c, col] of Object.entries(d.columns)) {
        if (col.source) expect(MART_DISCLOSURE[col.source.mart]?.columns[col.source.column], c).toBeTruthy();
      }
    }
  });
});

describe("several organisations in a public build", () => {
  let many: string;
  const HEADS: Record<string, MartDeclaration> = {
    heads: {
      grain: "org_id",
      keys: ["org_id"],
      totals: [{ columns: ["org_id"] }],
      columns: { org_id: ORG_KEY, headcount: { class: "people", unit: "people", additive: true } },
    },
  };
  beforeAll(async () => {
    many = path.join(mkdtempSync(path.join(tmpdir(), "htm-engine-")), "w.duckdb");
    const instance = await DuckDBInstance.create(many);
    const conn = await instance.connect();
    await conn.run(`
      create schema meta; create schema core; create schema marts;
      create table meta.settings as select 'internal' as audience, 11 as min_cell_public, 5 as min_pay_group,
        10 as min_pay_quartile_group, 100.0::double as pay_rounding_usd;
      create table core.orgs as select * from (values ('X'), ('Y'), ('Z')) t(org_id);
      create table core.pay_snapshots as select * from (values (51000.0::double), (64000.0::double)) t(annual_pay_usd);
      create table marts.heads as select * from (values ('X', 12), ('Y', 23), ('Z', 40), ('all', 75)) t(org_id, headcount);
    `);
    conn.closeSync();
    instance.closeSync();
  });
  const publishHeads = (audience: "internal" | "public") =>
    withPublished(many, { audience, warn: () => {}, declarations: HEADS }, async (conn) =>
      (await conn.runAndReadAll("select org_id, headcount from publish.heads")).getRowObjectsJson(),
    );

  it("rounds counts up to a multiple of 5, so a known staff size does not name a pseudonym", async () => {
    const pub = await publishHeads("public");
    // 12 → 15, 23 → 25, 40 → 40; the total 75 → 75; none under 11, so none withheld
    expect(pub.map((r) => r.headcount).sort()).toEqual([15, 25, 40, 75]);
    // pseudonyms, in their own order (the rows do not come in the order of the real ids)
    expect(pub.map((r) => r.org_id)).toEqual(["Org A", "Org B", "Org C", "all"]);
    // one warehouse, one naming: a second publication calls each organisation the same
    expect(await publishHeads("public")).toEqual(pub);
  });

  it("coarsens to a step at which every organisation's size is shared by another", async () => {
    const sized = path.join(mkdtempSync(path.join(tmpdir(), "htm-engine-")), "w.duckdb");
    cpSync(many, sized);
    const instance = await DuckDBInstance.create(sized);
    const conn = await instance.connect();
    // sizes a reader knows: X 12, Y 23, Z 40 (largest month-end headcount)
    await conn.run(`create table marts.headcount_monthly as select * from (values
      ('X', 'all', 12), ('Y', 'all', 23), ('Z', 'all', 40), ('X', 'all', 10)) t(org_id, role_family, headcount)`);
    conn.closeSync();
    instance.closeSync();
    const pub = await withPublished(
      sized,
      { audience: "public", warn: () => {}, declarations: HEADS },
      async (c) => (await c.runAndReadAll("select headcount from publish.heads")).getRowObjectsJson(),
    );
    // step 5: 15, 25, 40 (all differ); 10: 20, 30, 40; 25: 25, 25, 50 (Z alone); 50: 50, 50, 50 → 50.
    // Published: 12, 23, 40 → 50 each; the total 75 → 100
    expect(pub.map((r) => r.headcount).sort()).toEqual([100, 50, 50, 50]);
  });

  it("internal builds keep the real ids and exact counts", async () => {
    expect(await publishHeads("internal")).toEqual([
      { org_id: "X", headcount: 12 },
      { org_id: "Y", headcount: 23 },
      { org_id: "Z", headcount: 40 },
      { org_id: "all", headcount: 75 },
    ]);
  });
});
