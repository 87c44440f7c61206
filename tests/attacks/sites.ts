/**
 * Produces the published artefacts the way a user does, with the CLI only: ingest, the internal and
 * the public site, and `export` for both audiences; the attacks read nothing else.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCliAsync } from "../support/cli.ts";
import { readExport, readSite, type Table } from "./published.ts";

export interface Publication {
  db: string;
  internal: { site: Table[]; export: Table[] };
  public: { site: Table[]; export: Table[] };
}

async function cli(args: string[]): Promise<void> {
  const r = await runCliAsync(args);
  if (r.code !== 0)
    throw new Error(`htm-workforce ${args.join(" ")}: exit ${r.code}\n${r.stderr}${r.stdout}`.slice(0, 4000));
}

export async function publish(inputDir: string, name: string): Promise<Publication> {
  const work = mkdtempSync(path.join(tmpdir(), `htm-attack-${name}-`));
  const db = path.join(work, "warehouse.duckdb");
  await cli(["ingest", "--input", inputDir, "--db", db, "--accept-rejects"]);
  const out = (p: string) => path.join(work, p);
  // the two builds and exports are independent: run them side by side
  await Promise.all([
    cli(["build", "--db", db, "--out", out("dist-internal"), "--audience", "internal"]),
    cli(["export", "--db", db, "--out", out("export-internal"), "--audience", "internal"]),
    cli(["export", "--db", db, "--out", out("export-public"), "--audience", "public"]),
  ]);
  await cli(["build", "--db", db, "--out", out("dist-public"), "--audience", "public"]);
  return {
    db,
    internal: { site: readSite(out("dist-internal")), export: await readExport(out("export-internal")) },
    public: { site: readSite(out("dist-public")), export: await readExport(out("export-public")) },
  };
}

export async function sample(name: string, args: string[] = []): Promise<string> {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), `htm-attack-${name}-`)), "input");
  await cli(["sample", "--out", dir, ...args]);
  return dir;
}
