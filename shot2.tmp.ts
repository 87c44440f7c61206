import { launchChromium, waitForRender } from "./src/site/chromium.ts";
import { serveStatic } from "./src/site/static-server.ts";
const [site, pagePath, out, w] = process.argv.slice(2);
const server = await serveStatic(site!);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: Number(w), height: 900 } });
  await page.goto(`${server.url}${pagePath}`, { waitUntil: "networkidle" });
  await waitForRender(page);
  const figs = await page.$$("figure.htm-figure");
  for (const [i, f] of figs.entries()) await f.screenshot({ path: `${out}-${w}-fig${i}.png` });
  console.log(figs.length);
} finally {
  await browser.close();
  await server.close();
}
