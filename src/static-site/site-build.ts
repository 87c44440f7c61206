/**
 * Builds the static site from the current warehouse. Framework caches data-loader output by loader
 * file, not by warehouse content, so every build first empties that cache: a re-ingest can never
 * leave stale numbers in dist/ (docs/architecture.md, data flow).
 */
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { exportSiteData, SITE_DATA } from "../site/site-data.ts";
import {
  exportSocietyData,
  isPooledWarehouse,
  SOCIETY_CONFIG,
  SOCIETY_DATA,
  SOCIETY_REPORTS_DIR,
} from "../site/society-data.ts";
import { removeAbandoned } from "../../loaders/warehouse-file.ts";
import { FRAMEWORK_CACHE_DIR, PROJECT_ROOT, REPORTS_DIR, warehousePath } from "../warehouse/paths.ts";

export const DEFAULT_SITE_DIR = path.join(PROJECT_ROOT, "dist");

export interface SiteBuildOptions {
  /** Warehouse to read (default: warehousePath()). */
  db?: string;
  /** Output folder (default dist/). */
  out?: string;
  /** Overrides the audience stored in meta.settings. */
  audience?: "internal" | "public";
  /** Framework's own output (per-file lines) is passed through when true. */
  verbose?: boolean;
  /** Receives one line per step as the build goes ("… building 10 pages", "✓ page data (3.1 s)"). */
  progress?: (line: string) => void;
}

/** Cache entries that depend on package versions only (bundled libraries), not on the warehouse. */
const CODE_CACHE = new Set(["_node", "_npm", "_observablehq"]);

/**
 * Where the bundled libraries are kept between builds: HTM_SITE_CODE_CACHE (the test run sets one
 * folder for all its builds) or Framework's cache of reports/. Framework names each bundle by package
 * and version and bundles only what is missing, so a build that finds them saves seconds of CPU.
 */
export function codeCacheDir(): string {
  return process.env.HTM_SITE_CODE_CACHE ?? FRAMEWORK_CACHE_DIR;
}

/**
 * Adds the libraries a build bundled to the shared cache, one package folder at a time by rename:
 * a concurrent build sees each package whole or not at all (Framework trusts any file it finds).
 */
function keepBundledLibraries(buildCache: string, cacheDir: string): void {
  for (const entry of CODE_CACHE) {
    const from = path.join(buildCache, entry);
    if (!existsSync(from)) continue;
    // a package folder, or a scoped one (@observablehq/plot@0.6.17) under its scope
    const items = readdirSync(from).flatMap((item) =>
      item.startsWith("@") ? readdirSync(path.join(from, item)).map((p) => path.join(item, p)) : [item],
    );
    for (const item of items) {
      const to = path.join(cacheDir, entry, item);
      if (existsSync(to)) continue;
      mkdirSync(path.dirname(to), { recursive: true });
      const staging = path.join(cacheDir, `.adding-${process.pid}-${item.replace(/\W/g, "_")}`);
      try {
        cpSync(path.join(from, item), staging, { recursive: true });
        renameSync(staging, to);
      } catch {
        // another build added it first (or the disk is full): the cache is an optimisation only
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
    }
  }
}

/**
 * Empties Framework's cache of loader output (everything but the bundled libraries, which take
 * seconds to rebuild and never hold data).
 */
export function clearLoaderCache(cacheDir = FRAMEWORK_CACHE_DIR): void {
  if (!existsSync(cacheDir)) return;
  for (const entry of readdirSync(cacheDir)) {
    if (!CODE_CACHE.has(entry)) rmSync(path.join(cacheDir, entry), { recursive: true, force: true });
  }
}

/**
 * Framework links Inputs' stylesheet only for its implicit (CDN) import; the pages import Inputs
 * from node_modules, so the build adds the stylesheet itself, with the class namespace the
 * installed Inputs uses (Framework's own bundler does the same substitution).
 */
function addInputsStylesheet(root: string): void {
  const require = createRequire(import.meta.url);
  const inputsJs = readFileSync(require.resolve("@observablehq/inputs"), "utf8");
  const namespace = /inputs-[0-9a-f]{6}/.exec(inputsJs)?.[0];
  if (!namespace) return;
  const css = readFileSync(
    path.join(
      path.dirname(require.resolve("@observablehq/framework/package.json")),
      "dist/client/stdlib/inputs.css",
    ),
    "utf8",
  ).replace(/\b__ns__\b/g, namespace);
  writeFileSync(path.join(root, "inputs.css"), css);
  const style = path.join(root, "style.css");
  if (existsSync(style)) writeFileSync(style, `@import url("./inputs.css");\n${readFileSync(style, "utf8")}`);
}

/** A site's source: its pages, the registry of its data files, and its Framework config. */
interface SiteSource {
  dir: string;
  data: Record<string, unknown>;
  exportData: (dir: string, names: string[]) => Promise<void>;
  /** Framework config file; default observablehq.config.ts. */
  config?: string;
}

/** A hospital's warehouse builds reports/; a pooled survey warehouse the society's site. */
async function siteSource(db: string): Promise<SiteSource> {
  if (await isPooledWarehouse(db)) {
    return {
      dir: SOCIETY_REPORTS_DIR,
      data: SOCIETY_DATA,
      exportData: exportSocietyData,
      config: SOCIETY_CONFIG,
    };
  }
  return { dir: REPORTS_DIR, data: SITE_DATA, exportData: exportSiteData };
}

/** Runs `observable build`; resolves to the output folder, rejects with Framework's output on failure. */
export async function buildSite(options: SiteBuildOptions = {}): Promise<string> {
  // Framework keeps its loader cache inside the source root, shared by every build of reports/; two
  // builds at once (tests, a colleague's preview) would delete each other's files. Each build gets
  // its own copy of reports/ one level below the project (so loaders' ../../src imports still
  // resolve) and therefore an empty loader cache: stale numbers are impossible by construction.
  removeAbandoned(PROJECT_ROOT, ".site-build-");
  // mkdtemp: two builds of one process at once (the internal and public sites of a test run) each
  // get their own folder; the pid in the name lets removeAbandoned tell a dead run's leftovers.
  const root = mkdtempSync(path.join(PROJECT_ROOT, `.site-build-${process.pid}-`));
  const source = await siteSource(warehousePath(options.db));
  // reports-society/components and style.css are links to reports/ (one set of chart components for
  // both sites); the copy holds the files themselves.
  cpSync(source.dir, root, {
    recursive: true,
    dereference: true,
    filter: (src) => !src.includes(`${path.sep}.observablehq`),
  });
  addInputsStylesheet(root);
  // Bundled libraries depend on package versions only; reuse them to save seconds.
  const codeCache = codeCacheDir();
  for (const entry of CODE_CACHE) {
    const from = path.join(codeCache, entry);
    if (existsSync(from)) {
      try {
        cpSync(from, path.join(root, ".observablehq/cache", entry), { recursive: true });
      } catch {
        // a concurrent build may be rewriting it; Framework rebuilds what is missing
      }
    }
  }
  try {
    // Every registered data file is produced here in one process and placed as a static file; the
    // parameterised loaders (data/[name].arrow.ts, for `observable preview`) are removed from the copy
    // so Framework serves the files. Unregistered loaders still run as Framework loaders.
    const dataDir = path.join(root, "data");
    mkdirSync(dataDir, { recursive: true });
    const registered = Object.keys(source.data);
    const parameterised = existsSync(dataDir) ? readdirSync(dataDir).filter((f) => f.startsWith("[")) : [];
    const previous = { warehouse: process.env.HTM_WAREHOUSE, audience: process.env.HTM_AUDIENCE };
    process.env.HTM_WAREHOUSE = warehousePath(options.db);
    if (options.audience) process.env.HTM_AUDIENCE = options.audience;
    const progress = options.progress ?? (() => {});
    const dataStarted = Date.now();
    progress(`… reading the warehouse into the site's data (${registered.length} files)`);
    try {
      await source.exportData(dataDir, registered);
    } finally {
      for (const [key, value] of [
        ["HTM_WAREHOUSE", previous.warehouse],
        ["HTM_AUDIENCE", previous.audience],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    for (const f of parameterised) rmSync(path.join(dataDir, f));
    const out = await buildSiteIn(path.relative(PROJECT_ROOT, root), options, source.config);
    keepBundledLibraries(path.join(root, ".observablehq/cache"), codeCache);
    return out;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function buildSiteIn(root: string, options: SiteBuildOptions, config?: string): Promise<string> {
  const db = warehousePath(options.db);
  if (!existsSync(db)) throw new Error(`no warehouse at ${db}: run \`htm-workforce ingest\` first`);
  const out = path.resolve(options.out ?? DEFAULT_SITE_DIR);
  clearLoaderCache();
  // Framework clears only an output folder inside the working directory; do it ourselves for any.
  rmSync(out, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HTM_WAREHOUSE: db,
    HTM_SITE_OUT: out,
    HTM_SITE_ROOT: root,
    OBSERVABLE_TELEMETRY_DISABLE: "true",
    // Framework runs .ts data loaders with `tsx` found on PATH.
    PATH: [path.join(PROJECT_ROOT, "node_modules/.bin"), process.env.PATH]
      .filter(Boolean)
      .join(path.delimiter),
  };
  if (options.audience) env.HTM_AUDIENCE = options.audience;
  const bin = path.join(PROJECT_ROOT, "node_modules/@observablehq/framework/dist/bin/observable.js");
  const output: string[] = [];
  const progress = options.progress ?? (() => {});
  const pages = readdirSync(path.join(PROJECT_ROOT, root)).filter((f) => f.endsWith(".md")).length;
  const started = Date.now();
  progress(`… building ${pages} pages with Observable Framework`);
  // Framework prints nothing for seconds at a time while it bundles; say it is still working.
  const heartbeat = setInterval(() => progress(`… still building pages (${seconds(started)})`), 5000);
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "build", ...(config ? ["--config", config] : [])], {
      cwd: PROJECT_ROOT,
      env,
    });
    const collect = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (options.verbose) process.stderr.write(chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (c) => resolve(c ?? 1));
  }).finally(() => clearInterval(heartbeat));
  if (code === 0) progress(`✓ pages (${seconds(started)})`);
  const text = output.join("");
  // A failing data loader does not fail `observable build`; it only logs. Treat it as a failure.
  const loaderFailure = /\[error\]|error loading|Error: /i.test(text) && /load \/data\//.test(text);
  if (code !== 0 || loaderFailure) {
    throw new Error(`observable build failed (exit ${code}):\n${text.split("\n").slice(-40).join("\n")}`);
  }
  return out;
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
