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
import { publish, sample, type Publication } from "./sites.ts";
import { attackOrderStatistics } from "./society.ts";

const show = (f: Finding[]) => f.map((x) => `${x.attack} ${x.file} ${x.column}: ${x.detail}`);

/**
 * Attacks that still find something on the current code: each runs as `it.fails`, so the suite records
 * the open leak (issue 19) and turns red the day it is closed, when its entry here must go. On the
 * public counts what is left is mostly withheld cells a margin gives back as 0, and counts of quarters
 * or FTE of work that the count heuristics cannot tell from people (see the closing note of the round).
 */
const KNOWN_LEAKS: Record<string, string[]> = {
  default: ["public-counts"],
  "step-pay": ["public-counts"],
  // the site of the one-organisation export publishes no small count; its Parquet export still does
  "one-organisation": ["public-counts export"],
};
/** An attack (or an attack on one kind of publication, "public-counts export") known to find a leak. */
const isKnown = (fixture: string, attack: string, where?: string) => {
  const known = KNOWN_LEAKS[fixture.split(" ")[0]!] ?? [];
  return known.includes(attack) || (where !== undefined && known.includes(`${attack} ${where}`));
};
const named = (fixture: string, attack: string, title: string, where?: string) =>
  isKnown(fixture, attack, where) ? `${title} — KNOWN LEAK (issue 19)` : title;
/** `it`, or `it.fails` for a known leak (the attack must still find it). */
const check = (fixture: string, attack: string, where?: string) =>
  isKnown(fixture, attack, where) ? it.fails : it;

const FIXTURES: { name: string; input: () => Promise<string> }[] = [
  { name: "default sample", input: () => sample("default") },
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
        it(
          named(
            fixture.name,
            "pay-lp",
            `pay-lp: no person's pay within ±$2,000 or ±3% (${audience} ${where})`,
          ),
          async () => {
            const found = await attackPayLP(pub[audience][where], know, truth);
            expect(show(found)).toEqual([]);
          },
          300_000,
        );

        it(
          named(
            fixture.name,
            "pay-rounding",
            `pay-rounding: every pay figure a multiple of $100 from 5+ people (${audience} ${where})`,
          ),
          () => {
            expect(show(attackPayRounding(pub[audience][where]))).toEqual([]);
          },
        );
      }

    for (const where of ["site", "export"] as const) {
      check(
        fixture.name,
        "public-counts",
        where,
      )(
        named(
          fixture.name,
          "public-counts",
          `public counts: none under 11, direct or derived (${where})`,
          where,
        ),
        () => {
          expect(show(attackPublicCounts(pub.public[where]))).toEqual([]);
        },
      );

      it(
        named(
          fixture.name,
          "reidentify",
          `re-identification: no pseudonym matched to a known organisation (${where})`,
        ),
        () => {
          expect(show(attackReidentify(pub.public[where], know))).toEqual([]);
        },
      );
    }

    it("benchmark percentile bands are no organisation's exact value (public site)", () => {
      const profiles = know.orgs.map((o) => ({ org: o.org, facility_type: "", bed_band: "", region: "" }));
      expect(show(attackOrderStatistics(pub.public.site, profiles))).toEqual([]);
    });
  });
}
