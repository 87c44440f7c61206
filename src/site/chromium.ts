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
 * Waits until Framework has run the page: no inline placeholder (<observablehq-loading>) left and the
 * DOM quiet for `quietMs` (charts are drawn after their data resolves, after the network is idle).
 */
export async function waitForRender(page: Page, { timeout = 15_000, quietMs = 250 } = {}): Promise<void> {
  await page.waitForLoadState("load");
  // A string, not a function: tsx's transform adds helpers (__name) that do not exist in the page.
  await page.evaluate(`new Promise((resolve, reject) => {
    const started = performance.now();
    let last = performance.now();
    const observer = new MutationObserver(() => (last = performance.now()));
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    const tick = () => {
      const now = performance.now();
      if (!document.querySelector("observablehq-loading") && now - last >= ${quietMs}) {
        observer.disconnect();
        resolve();
      } else if (now - started > ${timeout}) {
        observer.disconnect();
        reject(new Error("page did not finish rendering"));
      } else setTimeout(tick, 50);
    };
    tick();
  })`);
}
