/** `htm-workforce screenshots` (`npm run screenshots`): a 1280 px PNG of every page of the built site. */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT, warehousePath } from "../warehouse/paths.ts";
import { launchChromium } from "../static-site/chromium.ts";
import { DEFAULT_SITE_DIR, buildSite } from "../static-site/site-build.ts";
import { pageSlug, sitePages } from "../static-site/site-pages.ts";
import { serveStatic } from "../static-site/static-server.ts";
import { waitForRender } from "../static-site/chromium.ts";
import { parseCommandArgs, wholeNumberOption } from "./args.ts";
import { UsageError } from "./usage-error.ts";

const HELP = `usage: htm-workforce screenshots [--site DIR] [--out DIR] [--width PX] [--rebuild]

Writes a full-page PNG of every page of the built site (default dist/) into screenshots/ (git-ignored).`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    strict: true,
    options: {
      site: { type: "string" },
      out: { type: "string" },
      width: { type: "string", default: "1280" },
      rebuild: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const width = wholeNumberOption("width", values.width, 200, 4000);
  const site = path.resolve(values.site ?? DEFAULT_SITE_DIR);
  if (values.rebuild || !existsSync(path.join(site, "index.html"))) {
    const db = warehousePath();
    if (!existsSync(db))
      throw new UsageError(
        `no built site at ${site} and no warehouse at ${db} to build one: run \`htm-workforce ingest\` (or pass --site DIR)`,
      );
    await buildSite({ out: site, progress: (line) => console.error(line) });
  }
  const out = path.resolve(values.out ?? path.join(PROJECT_ROOT, "screenshots"));
  mkdirSync(out, { recursive: true });
  const server = await serveStatic(site);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const p of sitePages()) {
      await page.goto(`${server.url}${p.path}`, { waitUntil: "networkidle" });
      await waitForRender(page);
      const file = path.join(out, `${pageSlug(p)}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
}
