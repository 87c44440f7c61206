/**
 * Peer benchmarks (publish.benchmark_peer_bands, work.benchmark_peers): the real SQL files run on a
 * real DuckDB whose inputs are written here by hand, so every percentile, rule and "peers needed" is
 * worked out below.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const sql = (file: string) => readFileSync(path.resolve("src/sql/publish", file), "utf8");

// Six organisations: five community hospitals (turnover 10–50%, 10 people each) and one dental group
// (90%, weighted 100: two thirds of all weight).
const ORGS = [
  ["A", "community_hospital", 150, 12, 0.1, 10],
  ["B", "community_hospital", 150, 12, 0.2, 10],
  ["C", "community_hospital", 350, 12, 0.3, 10],
  ["D", "community_hospital", 350, 25, 0.4, 10],
  ["E", "community_hospital", 600, 25, 0.5, 10],
  ["F", "dental_group", 0, 3, 0.9, 100],
] as const;

async function publishFor(
  audience: "internal" | "public",
): Promise<{ conn: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  await conn.run("attach ':memory:' as warehouse");
  await conn.run(
    "create schema warehouse.core; create schema warehouse.marts; create schema work; create schema publish",
  );
  await conn.run(
    "create table warehouse.core.orgs (org_id varchar, facility_type varchar, staffed_beds integer)",
  );
  await conn.run(
    "create table warehouse.marts.turnover_annual (org_id varchar, year integer, role_family varchar, avg_headcount double)",
  );
  await conn.run(`create table work.benchmark_inputs (metric varchar, label varchar, weight_label varchar,
      period varchar, period_end date, org_id varchar, value double, weight double)`);
  for (const [id, type, beds, staff, value, weight] of ORGS) {
    await conn.run(`insert into warehouse.core.orgs values ('${id}', '${type}', ${beds})`);
    await conn.run(`insert into warehouse.marts.turnover_annual values ('${id}', 2025, 'all', ${staff})`);
    await conn.run(
      `insert into work.benchmark_inputs values ('turnover_rate', 'Turnover rate', 'average headcount', '2025', '2025-12-31', '${id}', ${value}, ${weight})`,
    );
  }
  await conn.run(`create table work.settings as select '${audience}' as audience, 5 as min_orgs_benchmark,
      0.25 as max_org_share_benchmark, 3 as min_benchmark_age_months, date '2026-06-01' as published_on`);
  await conn.run(
    "create table work.org_pseudonyms as select org_id, org_id as published_org_id from warehouse.core.orgs",
  );
  // the period the overall band chose (its own rules are tested elsewhere)
  await conn.run(`create table publish.benchmark_bands as select 'turnover_rate' as metric,
      'Turnover rate' as label, 'average headcount' as weight_label, '2025' as period, null::varchar as suppressed`);
  await conn.run(sql("inputs/benchmark_peers.sql"));
  await conn.run(sql("tables/benchmark_peer_bands.sql"));
  await conn.run(sql("tables/benchmark_peer_members.sql"));
  return { conn, close: () => (conn.closeSync(), instance.closeSync()) };
}

const rows = async (conn: DuckDBConnection, q: string) => (await conn.runAndReadAll(q)).getRowObjectsJS();

describe("peer groups", () => {
  let internal: Awaited<ReturnType<typeof publishFor>>;
  let pub: Awaited<ReturnType<typeof publishFor>>;
  beforeAll(async () => {
    internal = await publishFor("internal");
    pub = await publishFor("public");
  });
  afterAll(() => {
    internal?.close();
    pub?.close();
  });

  it("places each organisation by facility type, staffed-bed band (not applicable without beds) and staff size", async () => {
    const peers = await rows(
      internal.conn,
      "select org_id, peer_kind, peer_group from work.benchmark_peers where org_id in ('A', 'D', 'F') order by 1, 2",
    );
    expect(peers).toEqual([
      { org_id: "A", peer_kind: "bed_band", peer_group: "beds_100_299" },
      { org_id: "A", peer_kind: "facility_type", peer_group: "community_hospital" },
      { org_id: "A", peer_kind: "staff_size", peer_group: "staff_10_19" },
      { org_id: "D", peer_kind: "bed_band", peer_group: "beds_300_499" },
      { org_id: "D", peer_kind: "facility_type", peer_group: "community_hospital" },
      { org_id: "D", peer_kind: "staff_size", peer_group: "staff_20_plus" },
      { org_id: "F", peer_kind: "bed_band", peer_group: "not_applicable" },
      { org_id: "F", peer_kind: "facility_type", peer_group: "dental_group" },
      { org_id: "F", peer_kind: "staff_size", peer_group: "staff_under_10" },
    ]);
  });

  it("internal: bands where 5 organisations report, the shortfall where fewer", async () => {
    const bands = await rows(
      internal.conn,
      "select peer_kind, peer_group, n_orgs, is_published, p25, p50, p75, peers_needed, withheld_by from publish.benchmark_peer_bands order by all",
    );
    const by = (kind: string, group: string) =>
      bands.find((b) => b.peer_kind === kind && b.peer_group === group)!;
    // all six: sorted 0.1 … 0.5, 0.9; median (0.3 + 0.4) / 2 = 0.35; p25 at 5 × 0.25 = 1.25 → 0.2 + 0.25 × 0.1 = 0.225.
    // The dental group carries 100 of 150 weight, but the dominance rule is a public rule: published.
    expect(by("all", "all")).toMatchObject({ n_orgs: 6, is_published: true, peers_needed: null });
    expect(by("all", "all").p50).toBeCloseTo(0.35, 10);
    expect(by("all", "all").p25).toBeCloseTo(0.225, 10);
    // five community hospitals: 0.1 … 0.5, p25 at 4 × 0.25 = 1 → 0.2, median 0.3, p75 0.4
    const community = by("facility_type", "community_hospital");
    expect(community).toMatchObject({ n_orgs: 5, is_published: true });
    expect([community.p25, community.p50, community.p75].map((v) => Number(v).toFixed(10))).toEqual(
      ["0.2", "0.3", "0.4"].map((v) => Number(v).toFixed(10)),
    );
    // one dental group: 4 more needed for 5
    expect(by("facility_type", "dental_group")).toMatchObject({
      n_orgs: 1,
      is_published: false,
      p50: null,
      peers_needed: 4,
      withheld_by: "min_orgs_benchmark",
    });
    // no bed band for the dental group: its 0 beds compare with nobody
    expect(bands.some((b) => b.peer_group === "not_applicable")).toBe(false);
    // beds 100–299: A and B → 3 more needed
    expect(by("bed_band", "beds_100_299")).toMatchObject({ n_orgs: 2, peers_needed: 3 });
    const members = await rows(
      internal.conn,
      "select count(*)::integer as n from publish.benchmark_peer_members",
    );
    expect(members).toEqual([{ n: 18 }]);
  });

  it("public: the dominance rule withholds, with how many more peers of typical size would lift it", async () => {
    const bands = await rows(
      pub.conn,
      "select peer_kind, peer_group, is_published, p50, peers_needed, withheld_by from publish.benchmark_peer_bands order by all",
    );
    // largest share 100 / 150 > 25%: k more of the median weight (10) with 100 / (150 + 10k) ≤ 0.25 → k ≥ 25
    expect(bands.find((b) => b.peer_kind === "all")).toMatchObject({
      is_published: false,
      p50: null,
      peers_needed: 25,
      withheld_by: "max_org_share_benchmark",
    });
    // the community hospitals: largest share 10 / 50 = 20%: published
    expect(bands.find((b) => b.peer_group === "community_hospital")).toMatchObject({ is_published: true });
    // a pseudonym's facility type and size would narrow down who it is: no memberships in public
    expect(await rows(pub.conn, "select * from publish.benchmark_peer_members")).toEqual([]);
  });
});
