/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser). CHROMIUM_PATH overrides
 * the executable.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/** Launches headless Chromium; throws a message that says how to install it when missing. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: apt-get install chromium (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/**
 * Waits until Framework has run the page: the network idle (data files fetched), no inline
 * placeholder (<observablehq-loading>) left and the DOM quiet for `quietMs`. Resolves to the time of
 * the last DOM change in ms since navigation start: when the last chart was drawn.
 */
export async function waitForRender(page: Page, { timeout = 20_000, quietMs = 250 } = {}): Promise<number> {
  await page.waitForLoadState("networkidle", { timeout });
  // A string, not a function: tsx's transform adds helpers (__name) that do not exist in the page.
  return page.evaluate(`new Promise((resolve, reject) => {
    const started = performance.now();
    const w = (window.__htmLastMutation ??= { at: performance.now() });
    if (!window.__htmObserver) {
      window.__htmObserver = new MutationObserver(() => (w.at = performance.now()));
      window.__htmObserver.observe(document.body, { subtree: true, childList: true, attributes: true });
    }
    const tick = () => {
      const now = performance.now();
      if (!document.querySelector("observablehq-loading") && now - w.at >= ${quietMs}) resolve(Math.round(w.at));
      else if (now - started > ${timeout}) reject(new Error("page did not finish rendering"));
      else setTimeout(tick, 50);
    };
    tick();
  })`);
}
