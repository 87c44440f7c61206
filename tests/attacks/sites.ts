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

/** A warehouse already ingested, and its sites already built (the test run's shared default sample). */
export interface Built {
  db: string;
  sites: { internal: Promise<string>; public: Promise<string> };
}

/**
 * Ingests an input folder (or takes a warehouse already built, with its sites) and makes every
 * publication once: the internal and public site and `export` for both audiences.
 */
export async function publish(input: string | Built, name: string): Promise<Publication> {
  const work = mkdtempSync(path.join(tmpdir(), `htm-attack-${name}-`));
  const out = (p: string) => path.join(work, p);
  let db: string;
  let sites: Built["sites"];
  if (typeof input === "string") {
    db = path.join(work, "warehouse.duckdb");
    await cli(["ingest", "--input", input, "--db", db, "--accept-rejects"]);
    const build = (audience: string) =>
      cli(["build", "--db", db, "--out", out(`dist-${audience}`), "--audience", audience]).then(() =>
        out(`dist-${audience}`),
      );
    // one site build at a time (each keeps a core busy), the exports beside the first
    const internal = build("internal");
    sites = { internal, public: internal.then(() => build("public")) };
  } else {
    ({ db, sites } = input);
  }
  const exports = Promise.all([
    cli(["export", "--db", db, "--out", out("export-internal"), "--audience", "internal"]),
    cli(["export", "--db", db, "--out", out("export-public"), "--audience", "public"]),
  ]);
  const [internalSite, publicSite] = await Promise.all([sites.internal, sites.public, exports]);
  return {
    db,
    internal: { site: readSite(internalSite), export: await readExport(out("export-internal")) },
    public: { site: readSite(publicSite), export: await readExport(out("export-public")) },
  };
}
