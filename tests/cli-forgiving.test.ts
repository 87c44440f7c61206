/**
 * The command line forgives: every wrong invocation a user is likely to type ends with one line on
 * stderr naming what is wrong and what is valid, and a documented exit code (1, 2 or 3), never an
 * "internal error" (70). Run as a user would: the real binary in child processes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "../src/cli/args.ts";
import { parseAdd, resolveOrg } from "../src/cli/brief.ts";
import { runCliAsync, type CliResult } from "./support/cli.ts";

// made when the file is collected: the table's paths name it
const dir = mkdtempSync(path.join(tmpdir(), "htm-cli-"));
/** A built site reduced to what `brief` reads before launching a browser: the page and its orgs. */
const site = path.join(dir, "site");
/** A society's built site reduced to what `survey-report` reads first: the page and its peer groups. */
const societySite = path.join(dir, "society-site");

beforeAll(() => {
  mkdirSync(path.join(site, "_file", "data"), { recursive: true });
  writeFileSync(path.join(site, "budget-brief.html"), "<html></html>");
  writeFileSync(
    path.join(site, "_file", "data", "orgs.0123abcd.json"),
    JSON.stringify([
      { org_id: "ORG01", name: "Mercy General" },
      { org_id: "ORG02", name: "Lakeside Dental Group" },
    ]),
  );
  writeFileSync(path.join(dir, "a-file"), "not a folder");
  mkdirSync(path.join(societySite, "_file", "data"), { recursive: true });
  writeFileSync(path.join(societySite, "report.html"), "<html></html>");
  const group = (region: string) => ({ facility_type: "all", bed_band: "all", region, contributors: 7 });
  writeFileSync(
    path.join(societySite, "_file", "data", "peer_groups.0123abcd.json"),
    JSON.stringify({ published: [group("all"), group("West")], withheld: 3 }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pdf = () => path.join(dir, "brief.pdf");

/** [invocation, expected exit code, a pattern the one line must match (what is valid, or the fix)] */
const WRONG: [() => string[], number, RegExp][] = [
  [() => [], 2, /no command given; commands: sample, ingest/],
  [() => ["ingst"], 2, /unknown command 'ingst'; did you mean ingest\? commands:/],
  [() => ["biuld"], 2, /did you mean build\?/],
  [() => ["--frobnicate"], 2, /unknown command '--frobnicate'.*commands:/],
  [() => ["ingest", "--db", "/no/such/dir/w.duckdb"], 3, /folder \/no\/such\/dir does not exist/],
  [
    () => ["ingest", "--strcit"],
    2,
    /unknown option '--strcit'; did you mean --strict\? valid options: --input, --db/,
  ],
  [() => ["ingest", "extra"], 2, /unexpected argument 'extra'.*--input/],
  [() => ["ingest", "--db"], 2, /--db needs a value/],
  [() => ["ingest", "--strict=yes"], 2, /--strict takes no value/],
  [() => ["ingest", "-x"], 2, /unknown option '-x'; valid options/],
  [
    () => ["ingest", "--input", "/no/such/input", "--db", path.join(dir, "w.duckdb")],
    2,
    /\/no\/such\/input does not exist/,
  ],
  [() => ["check", "--input", "/no/such/input"], 2, /does not exist/],
  [() => ["check", "--bogus"], 2, /unknown option '--bogus'; valid options: --input/],
  [
    () => ["sample", "--orgs", "-3", "--out", path.join(dir, "s")],
    2,
    /--orgs must be a whole number from 1 to 200, got '-3'/,
  ],
  [() => ["sample", "--orgs", "0", "--out", path.join(dir, "s")], 2, /--orgs must be a whole number from 1/],
  [() => ["sample", "--orgs", "three", "--out", path.join(dir, "s")], 2, /got 'three'/],
  [
    () => ["sample", "--years", "1", "--out", path.join(dir, "s")],
    2,
    /--years must be a whole number from 2 to 40/,
  ],
  [() => ["sample", "--ogrs", "3"], 2, /did you mean --orgs\?/],
  [() => ["sample", "--end-year", "20x5"], 2, /--end-year must be a whole number/],
  [() => ["build", "--audience", "everyone"], 2, /--audience must be internal or public/],
  [
    () => ["build", "--db", path.join(dir, "none.duckdb"), "--out", path.join(dir, "d")],
    2,
    /no warehouse at .*htm-workforce ingest/,
  ],
  [() => ["build", "--outt", "x"], 2, /did you mean --out\?/],
  [() => ["export"], 2, /--out DIR is required/],
  [() => ["export", "--out", path.join(dir, "e"), "--db", path.join(dir, "none.duckdb")], 2, /no warehouse/],
  [
    () => ["export", "--out", path.join(dir, "e"), "--audience", "everyone"],
    2,
    /--audience must be internal or public/,
  ],
  [
    () => ["export", "--out", path.join(dir, "a-file"), "--db", path.join(dir, "none.duckdb")],
    2,
    /no warehouse|not a folder/,
  ],
  [() => ["brief"], 2, /--out FILE.pdf is required/],
  [() => ["brief", "--out", pdf(), "--paper", "legal"], 2, /--paper must be letter or a4/],
  [() => ["brief", "--out", pdf(), "--add", "x=-1"], 2, /no domain 'x'; domains: general_biomed, imaging/],
  [() => ["brief", "--out", pdf(), "--add", "netwrking=1.5"], 2, /did you mean networking\? domains:/],
  [() => ["brief", "--out", pdf(), "--add", "imaging=lots"], 2, /'imaging=lots' is not DOMAIN=FTE.*domains:/],
  [() => ["brief", "--out", pdf(), "--site", path.join(dir, "no-site")], 2, /no built site/],
  [
    () => ["brief", "--out", pdf(), "--site", site, "--org", "ORG99"],
    2,
    /no organisation 'ORG99'.*organisations: ORG01, ORG02/,
  ],
  [() => ["survey-report"], 2, /--out FILE.pdf is required/],
  [() => ["survey-report", "--out", pdf(), "--paper", "legal"], 2, /--paper must be letter or a4/],
  [
    () => ["survey-report", "--out", pdf(), "--db", path.join(dir, "p.duckdb")],
    2,
    /--db is read only with --rebuild/,
  ],
  [
    () => ["survey-report", "--out", pdf(), "--site", path.join(dir, "no-site")],
    2,
    /no built society site at .*htm-workforce build --db POOLED.duckdb --audience public/,
  ],
  [
    () => ["survey-report", "--out", pdf(), "--site", societySite, "--peer", "all|all|Wes"],
    2,
    /no published peer group 'all\|all\|Wes'; did you mean all\|all\|West\? published groups: all\|all\|all, all\|all\|West/,
  ],
  [() => ["audit"], 2, /--dist DIR and --input DIR are required/],
  [() => ["pool"], 2, /--input DIR is required/],
  [
    () => ["pool", "--input", dir, "--db", path.join(dir, "p.duckdb"), "--pool-date", "2024/01/01"],
    2,
    /expected a calendar date YYYY-MM-DD/,
  ],
  [() => ["contribute"], 2, /--out FILE is required/],
  [
    () => ["contribute", "--out", path.join(dir, "c.parquet"), "--years", "two"],
    2,
    /expected a whole number/,
  ],
  [
    () => ["contribute", "--out", path.join(dir, "c.parquet"), "--db", path.join(dir, "none.duckdb")],
    2,
    /no warehouse/,
  ],
  [() => ["start", "--port", "99999"], 2, /not a port/],
  [() => ["screenshots", "--width", "abc"], 2, /--width must be a whole number/],
  [() => ["bench", "--runs", "x"], 2, /--runs must be a whole number/],
  [() => ["dictionary", "extra"], 2, /unexpected argument 'extra'/],
];

describe("wrong invocations: one line, exit 1, 2 or 3, never an internal error", () => {
  let results: CliResult[];
  beforeAll(async () => {
    // a few at a time: each is a Node process with tsx
    results = [];
    for (let i = 0; i < WRONG.length; i += 6) {
      results.push(...(await Promise.all(WRONG.slice(i, i + 6).map(([args]) => runCliAsync(args())))));
    }
  }, 240_000);

  it("has at least 30 cases", () => expect(WRONG.length).toBeGreaterThanOrEqual(30));

  it.each(WRONG.map((w, i) => [w[0]().join(" ").replaceAll(dir, "TMP") || "(nothing)", i] as const))(
    "%s",
    (_, i) => {
      const [, code, pattern] = WRONG[i]!;
      const r = results[i]!;
      const lines = r.stderr.split("\n").filter((l) => l.trim() !== "");
      expect(lines, r.stderr).toHaveLength(1);
      expect(r.stderr).not.toMatch(/internal error|This is a bug/);
      expect([1, 2, 3]).toContain(r.code);
      expect(r.code).toBe(code);
      expect(lines[0]).toMatch(pattern);
    },
  );
});

describe("--help on every command", () => {
  const commands = ["sample", "ingest", "check", "export", "audit", "build", "start", "brief", "bench"];
  const more = ["screenshots", "contribute", "pool", "dictionary", "survey-report"];
  it("prints a usage and exits 0", async () => {
    const all = [...commands, ...more];
    const results = await Promise.all(all.map((c) => runCliAsync([c, "--help"])));
    results.forEach((r, i) => {
      expect(r.code, all[i]).toBe(0);
      expect(r.stdout, all[i]).toMatch(new RegExp(`usage: htm-workforce ${all[i]}`));
    });
  }, 120_000);

  it("says what export really writes", async () => {
    const r = await runCliAsync(["--help"]);
    expect(r.stdout).toMatch(/export\s+write the published aggregates/);
    expect(r.stdout).not.toMatch(/every mart and core table/);
  });
});

describe("helpers", () => {
  it("measures typos by edits", () => {
    expect(editDistance("ingst", "ingest")).toBe(1);
    expect(editDistance("biuld", "build")).toBe(1); // a swap of neighbours is one edit
    expect(editDistance("", "abc")).toBe(3);
  });
  it("suggests only what is close", () => {
    expect(didYouMean("ingst", ["ingest", "check"])).toBe("ingest");
    expect(didYouMean("zzzzzz", ["ingest", "check"])).toBeUndefined();
    expect(didYouMean("networking", ["imaging", "networking_integration"])).toBe("networking_integration");
  });
  it("reads negative what-if FTE and matches domains ignoring case", () => {
    const domains = ["imaging", "networking_integration"];
    expect(parseAdd("imaging=-1", domains)).toBe("imaging=-1");
    expect(parseAdd("Imaging=1.5, networking_integration=-0.5", domains)).toBe(
      "imaging=1.5,networking_integration=-0.5",
    );
    expect(() => parseAdd("x=-5", domains)).toThrow(
      /no domain 'x'; domains: imaging, networking_integration/,
    );
  });
  it("matches organisation ids ignoring case", () => {
    const orgs = [
      { org_id: "ORG01", name: "A" },
      { org_id: "ORG02", name: "B" },
    ];
    expect(resolveOrg("org01", orgs)).toBe("ORG01");
    expect(resolveOrg("All", orgs)).toBe("all");
    expect(() => resolveOrg("org3", orgs)).toThrow(/organisations: ORG01, ORG02/);
  });
});
