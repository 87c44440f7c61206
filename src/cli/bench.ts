/**
 * `npm run bench`: validated ingest against DuckDB's bare CSV reader on the same files, in one
 * run, reported as ratios (docs/benchmarks.md). Absolute seconds depend on the machine; ratios much less.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../warehouse/paths.ts";
import { writeHrExport } from "../bench/hr-export.ts";
import { parseCommandArgs, wholeNumberOption } from "./args.ts";

const HELP = `usage: htm-workforce bench [--work-orders N] [--scale-to N] [--employees N] [--runs N] [--out DIR]

Generates the sample at N work orders (default 1,000,000), then times in fresh processes:
a bare DuckDB read_csv of every file (baseline) and the validated ingest (load phase and
core + marts). With --scale-to M (e.g. 10000000) it repeats the ingest at M work orders and
reports time growth against input growth and peak memory. It then ingests an organisation-wide
HR export of N employees (default 200,000; --employees 0 skips it), whole and scoped to the HTM
department, and reports its time and peak memory against the targets (under 30 s and 3 GiB; a
few seconds scoped). Results go to stdout and
DIR/bench-results.json (default bench-out/).`;

interface Measure {
  seconds: number;
  cpu_seconds: number;
  load_seconds?: number;
  transform_seconds?: number;
  read_seconds?: number;
  reference_seconds?: number;
  orphans_seconds?: number;
  peak_rss_bytes: number;
}

function measure(mode: "bare" | "ingest", inputDir: string, db: string): Measure {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(PROJECT_ROOT, "src/bench/measure.ts"), mode, inputDir, db],
    { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`bench ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Measure;
}

async function sampleAt(outDir: string, workOrders: number): Promise<string> {
  const dir = path.join(outDir, `sample-${workOrders}`);
  const marker = path.join(dir, "manifest.json");
  if (!existsSync(marker)) {
    process.stderr.write(`generating the sample with ${workOrders.toLocaleString("en-US")} work orders…\n`);
    const r = spawnSync(
      process.execPath,
      [
        path.join(PROJECT_ROOT, "bin/htm-workforce.js"),
        "sample",
        "--out",
        dir,
        "--work-orders",
        String(workOrders),
      ],
      { stdio: ["ignore", 2, 2] },
    );
    if (r.status !== 0) throw new Error("generating the sample failed");
  }
  return dir;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    options: {
      "work-orders": { type: "string", default: "1000000" },
      "scale-to": { type: "string" },
      employees: { type: "string", default: "200000" },
      runs: { type: "string", default: "3" },
      out: { type: "string", default: path.join(PROJECT_ROOT, "bench-out") },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const n = wholeNumberOption("work-orders", values["work-orders"], 100, 100_000_000);
  const runs = wholeNumberOption("runs", values.runs, 1, 100);
  if (values["scale-to"] !== undefined) wholeNumberOption("scale-to", values["scale-to"], 100, 1_000_000_000);
  wholeNumberOption("employees", values.employees, 0, 100_000_000);
  mkdirSync(values.out, { recursive: true });
  const input = await sampleAt(values.out, n);
  const inputBytes = readdirSync(input)
    .filter((f) => f.endsWith(".csv"))
    .reduce((a, f) => a + statSync(path.join(input, f)).size, 0);
  const db = path.join(values.out, "bench.duckdb");

  // Interleave the two so background load on the machine hits both alike; report medians.
  const bare: Measure[] = [];
  const validated: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    process.stderr.write(`run ${i + 1}/${runs}…\n`);
    bare.push(measure("bare", input, db));
    validated.push(measure("ingest", input, db));
  }
  const of = (runs: Measure[], k: keyof Measure) => median(runs.map((m) => m[k] as number));
  const bareS = of(bare, "seconds");
  const loadS = of(validated, "load_seconds");
  const transformS = of(validated, "transform_seconds");
  const wholeS = of(validated, "seconds");
  const readS = of(validated, "read_seconds");
  const referenceS = of(validated, "reference_seconds");
  const orphansS = of(validated, "orphans_seconds");
  const bareCpu = of(bare, "cpu_seconds");
  const wholeCpu = of(validated, "cpu_seconds");
  const result: Record<string, unknown> = {
    work_orders: n,
    input_bytes: inputBytes,
    runs,
    bare_read_csv_seconds: bareS,
    ingest_load_phase_seconds: loadS,
    ingest_core_and_marts_seconds: transformS,
    ingest_whole_seconds: wholeS,
    ingest_read_seconds: readS,
    ingest_reference_seconds: referenceS,
    ingest_orphans_seconds: orphansS,
    load_phase_ratio: loadS / bareS,
    whole_ingest_ratio: wholeS / bareS,
    bare_read_csv_cpu_seconds: bareCpu,
    ingest_whole_cpu_seconds: wholeCpu,
    whole_ingest_cpu_ratio: wholeCpu / bareCpu,
    ingest_peak_rss_bytes: Math.max(...validated.map((m) => m.peak_rss_bytes)),
  };
  const lines = [
    `input: sample with ${n.toLocaleString("en-US")} work orders, ${mb(inputBytes)} of CSV; median of ${runs} runs`,
    `bare DuckDB read_csv (baseline)     ${bareS.toFixed(2)} s`,
    `validated load phase                ${loadS.toFixed(2)} s   ${(loadS / bareS).toFixed(2)}× baseline (target ≤ 1.5×)`,
    `core + marts                        ${transformS.toFixed(2)} s`,
    `whole ingest                        ${wholeS.toFixed(2)} s   ${(wholeS / bareS).toFixed(2)}× baseline (target ≤ 1.5×)`,
    `  of which: reading + checksums ${readS.toFixed(2)} s, reference ${referenceS.toFixed(2)} s, load ${loadS.toFixed(2)} s, ` +
      `orphans ${orphansS.toFixed(2)} s, core + marts ${transformS.toFixed(2)} s, ` +
      `meta + checkpoint + the rest ${(wholeS - readS - referenceS - loadS - orphansS - transformS).toFixed(2)} s (medians, so the parts need not add up exactly)`,
    `CPU time (all threads)              ${bareCpu.toFixed(2)} s bare, ${wholeCpu.toFixed(2)} s whole ingest: ${(wholeCpu / bareCpu).toFixed(2)}× the work`,
    `ingest peak memory                  ${mb(result.ingest_peak_rss_bytes as number)}`,
  ];
  if (values["scale-to"]) {
    const big = Number(values["scale-to"]);
    const bigInput = await sampleAt(values.out, big);
    const m = measure("ingest", bigInput, db);
    const growth = big / n;
    result.scale = { work_orders: big, ...m, time_growth: m.seconds / wholeS, input_growth: growth };
    lines.push(
      `at ${big.toLocaleString("en-US")} work orders: whole ingest ${m.seconds.toFixed(1)} s ` +
        `(${(m.seconds / wholeS).toFixed(1)}× for ${growth.toFixed(0)}× the rows; linear or better when ≤ ${growth.toFixed(0)}×), ` +
        `peak memory ${mb(m.peak_rss_bytes)} (target < 8 GiB)`,
    );
  }
  const employees = Number(values.employees);
  if (employees > 0) {
    // The same export twice: whole, then with the scope an HTM department would map (only
    // Clinical Engineering rows loaded; the others counted out of scope).
    for (const scoped of [false, true]) {
      const hrDir = path.join(values.out, `hr-export-${employees}${scoped ? "-scoped" : ""}-v2`);
      if (!existsSync(path.join(hrDir, "pay.csv"))) {
        process.stderr.write(
          `generating an HR export of ${employees.toLocaleString("en-US")} employees${scoped ? " with an HTM scope" : ""}…\n`,
        );
        await writeHrExport(hrDir, employees, { scoped });
      }
      process.stderr.write(`ingesting the HR export${scoped ? " (scoped to HTM)" : ""}…\n`);
      const m = measure("ingest", hrDir, db);
      result[scoped ? "hr_export_scoped" : "hr_export"] = { employees, ...m };
      lines.push(
        `HR export of ${employees.toLocaleString("en-US")} employees (1% HTM)${scoped ? ", scope: HTM only" : ""}: ` +
          `whole ingest ${m.seconds.toFixed(1)} s (target ${scoped ? "a few seconds" : "< 30 s"}; ` +
          `load ${m.load_seconds!.toFixed(1)} s, core + marts ${m.transform_seconds!.toFixed(1)} s), ` +
          `peak memory ${mb(m.peak_rss_bytes)} (target < 3 GiB)`,
      );
    }
  }
  console.log(lines.join("\n"));
  writeFileSync(path.join(values.out, "bench-results.json"), JSON.stringify(result, null, 2));
  return 0;
}
