/**
 * `htm-workforce <command>`: each command lives in its own module under src/cli/ and exports
 * `run(argv): Promise<exitCode>`. Exit codes (docs/architecture.md, data flow): 0 ok, 1 --strict with rejected rows,
 * 2 unusable input or unknown option, 3 the environment failed (disk full or read-only, TMPDIR
 * full, out of memory, warehouse locked by another ingest for too long); 70 an internal error (a bug
 * in htm-workforce: one line names it, HTM_DEBUG=1 prints the stack to report).
 */
import { asEnvironmentError, ENVIRONMENT_EXIT_CODE } from "../../loaders/environment-error.ts";
import { UsageError } from "./usage-error.ts";
import { suggestion } from "./args.ts";

const COMMANDS: Record<
  string,
  { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> }
> = {
  sample: {
    summary: "write a deterministic synthetic dataset in the input contract",
    load: () => import("./sample.ts"),
  },
  ingest: {
    summary: "validate and load all sources, rebuild core and marts",
    load: () => import("./ingest.ts"),
  },
  check: { summary: "validate only; writes nothing to the warehouse", load: () => import("./check.ts") },
  export: {
    summary:
      "write the published aggregates (the site's tables, disclosure rules applied) as Parquet; --person-level adds core tables",
    load: () => import("./export.ts"),
  },
  audit: {
    summary: "attack a built site: try to recover ids, pay and withheld counts from dist/",
    load: () => import("./audit.ts"),
  },
  build: {
    summary: "build the static site from the current warehouse into dist/",
    load: () => import("./build.ts"),
  },
  start: {
    summary: "sample (when data/input/ is empty) → ingest → build → serve",
    load: () => import("./start.ts"),
  },
  brief: {
    summary: "the budget brief as a one-page PDF (Letter or A4) for an organisation and what-if scenario",
    load: () => import("./brief.ts"),
  },
  bench: { summary: "benchmark ingest against DuckDB's bare CSV reader", load: () => import("./bench.ts") },
  screenshots: { summary: "screenshot every page of the built site", load: () => import("./screenshots.ts") },
  contribute: {
    summary: "write a survey contribution: mergeable aggregates only, no person-level row",
    load: () => import("./contribute.ts"),
  },
  pool: {
    summary: "validate and pool survey contributions into a society warehouse",
    load: () => import("./pool.ts"),
  },
  "survey-report": {
    summary: "the society's survey report as a PDF to mail to members (Letter or A4, several pages)",
    load: () => import("./survey-report.ts"),
  },
  dictionary: {
    summary: "regenerate docs/data-dictionary.md from the contract",
    load: () => import("./dictionary.ts"),
  },
  actions: {
    summary:
      "INTERNAL, person-level: CSV lists HR acts on (pay below range or market, expiring certifications, retiring single incumbents)",
    load: () => import("./actions.ts"),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    "usage: htm-workforce <command> [options]",
    "",
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `htm-workforce <command> --help` for a command's options.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    // `help ingest` is `ingest --help`
    const about = rest[0];
    if (about && about in COMMANDS) return main([about, "--help"]);
    console.log(usage());
    return 0;
  }
  const names = Object.keys(COMMANDS);
  if (!command) {
    console.log(usage());
    console.error(`htm-workforce: no command given; commands: ${names.join(", ")}`);
    return 2;
  }
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!entry) {
    console.error(
      `htm-workforce: unknown command '${command}'; ${suggestion(command.replace(/^-+/, ""), names)}commands: ${names.join(", ")} (htm-workforce --help)`,
    );
    return 2;
  }
  try {
    const mod = await entry.load();
    return await mod.run(rest);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`htm-workforce ${command}: ${(e as Error).message}`);
      return 2;
    }
    const environment = asEnvironmentError(e);
    if (environment) {
      console.error(`htm-workforce ${command}: ${environment.message}`);
      return ENVIRONMENT_EXIT_CODE;
    }
    const missing = missingPath(e);
    if (missing) {
      console.error(`htm-workforce ${command}: ${missing}`);
      return ENVIRONMENT_EXIT_CODE;
    }
    // Not the input's fault nor the machine's: a bug. One line, not a stack trace; the stack on demand.
    console.error(
      `htm-workforce ${command}: internal error: ${(e as Error).message ?? String(e)}\n` +
        (process.env.HTM_DEBUG ? `${(e as Error).stack ?? ""}\n` : "") +
        "This is a bug in htm-workforce; run again with HTM_DEBUG=1 for the details to report.",
    );
    return INTERNAL_ERROR_EXIT_CODE;
  }
}

/** Exit code of an internal error (sysexits' EX_SOFTWARE), apart from every documented outcome. */
export const INTERNAL_ERROR_EXIT_CODE = 70;

/**
 * A file or folder the machine does not have (a --db or --out in a folder that does not exist): the
 * environment, not a bug. One line naming the path; undefined for anything else.
 */
function missingPath(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException).code;
  if (code !== "ENOENT" && code !== "ENOTDIR") return undefined;
  const where = (e as NodeJS.ErrnoException).path ?? "";
  return `${where || "a path"}: ${code === "ENOENT" ? "no such file or folder" : "a part of the path is not a folder"}; create the folder or choose another path, then run again`;
}
