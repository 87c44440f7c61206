/**
 * The outside attack of issue 19 on the hospital site and `export`: an insider with the staff list
 * (roles, domains, dates; no pay) reads every published file and tries to bound each person's pay
 * (a MIP over every pay fact), find unrounded or small-group pay, counts under 11 in public builds
 * (directly, FTE as a count, rate × denominator, total minus siblings, across files) and the real
 * organisation behind each pseudonym. Each attack must find nothing, on the sample, a step-pay
 * fixture and a one-organisation HR export, internal and public, site and export.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { attackPublicCounts, attackReidentify } from "./counts.ts";
import { readKnowledge, readTruth, type Knowledge, type Truth } from "./knowledge.ts";
import { attackPayLP, attackPayRounding, type Finding } from "./pay.ts";
import { sharedSample, sharedSite } from "../support/shared-sample.ts";
import type { Table } from "./published.ts";
import { publish, type Built, type Publication } from "./sites.ts";
import { attackOrderStatistics } from "./society.ts";

const show = (f: Finding[]) => f.map((x) => `${x.attack} ${x.file} ${x.column}: ${x.detail}`);

const FIXTURES: { name: string; input: () => Promise<string | Built> }[] = [
  {
    // the test run's shared sample, warehouse and sites (tests/support/shared-sample.ts): built once
    // for every file that reads them
    name: "default sample",
    input: async () => ({
      db: (await sharedSample()).db,
      sites: { internal: sharedSite("internal"), public: sharedSite("public") },
    }),
  },
  {
    name: "step-pay fixture (2 orgs, shared pay steps)",
    input: async () => path.resolve("tests/fixtures/attacks/step-pay"),
  },
  {
    name: "one-organisation HR export",
    input: async () => path.resolve("docs/examples/single-file-hr-export"),
  },
];

for (const fixture of FIXTURES) {
  describe(`attacks on ${fixture.name}`, () => {
    let pub: Publication;
    let know: Knowledge;
    let truth: Truth;
    beforeAll(async () => {
      pub = await publish(await fixture.input(), fixture.name.split(" ")[0]!.toLowerCase());
      know = await readKnowledge(pub.db);
      truth = await readTruth(pub.db);
    }, 900_000);

    for (const audience of ["internal", "public"] as const)
      for (const where of ["site", "export"] as const) {
        it(`pay-lp: no person's pay within ±$2,000 or ±3% (${audience} ${where})`, async () => {
          const found = await attackPayLP(pub[audience][where], know, truth);
          expect(show(found)).toEqual([]);
        }, 300_000);

        it(`pay-rounding: every pay figure a multiple of $100 from 5+ people (${audience} ${where})`, () => {
          expect(show(attackPayRounding(pub[audience][where]))).toEqual([]);
        });
      }

    for (const where of ["site", "export"] as const) {
      it(`public counts: none under 11, direct or derived (${where})`, () => {
        expect(show(attackPublicCounts(pub.public[where]))).toEqual([]);
      });

      it(`re-identification: no pseudonym matched to a known organisation (${where})`, () => {
        expect(show(attackReidentify(pub.public[where], know))).toEqual([]);
      });
    }

    if (fixture.name === "default sample")
      // a public build that withholds everything would pass every attack: it still shows headcount by
      // role family of the organisations, and turnover of all of them together (one organisation's
      // leavers in a year are under 11 in the sample, so its own rate is withheld)
      it("the public build still publishes headcount by role family and turnover", () => {
        for (const tables of [pub.public.site, pub.public.export]) {
          const rows = (column: string) =>
            tables.flatMap((x) => x.rows).filter((r) => typeof r[column] === "number");
          const byFamily = rows("headcount").filter(
            (r) => r.org_id !== "all" && typeof r.role_family === "string" && r.role_family !== "all",
          );
          expect(new Set(byFamily.map((r) => r.org_id)).size).toBeGreaterThanOrEqual(5);
          expect(new Set(byFamily.map((r) => r.role_family)).size).toBeGreaterThanOrEqual(3);
          const turnover = rows("turnover_rate").filter((r) => r.org_id === "all");
          expect(new Set(turnover.map((r) => r.year)).size).toBeGreaterThanOrEqual(3);
        }
      });

    it("benchmark percentile bands are no organisation's exact value (public site)", () => {
      const profiles = know.orgs.map((o) => ({ org: o.org, facility_type: "", bed_band: "", region: "" }));
      expect(show(attackOrderStatistics(pub.public.site, profiles))).toEqual([]);
    });
  });
}
