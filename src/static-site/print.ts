/**
 * What the printed documents share (the budget brief, the survey report): paper sizes, the printable
 * width in CSS pixels a page is laid out at, and the smallest type a reader meets on paper.
 */
import type { Page } from "playwright-core";

export interface Paper {
  /** Chromium's name for the size. */
  readonly format: "Letter" | "A4";
  readonly widthIn: number;
  readonly heightIn: number;
}

export const PAPERS: Record<"letter" | "a4", Paper> = {
  letter: { format: "Letter", widthIn: 8.5, heightIn: 11 },
  a4: { format: "A4", widthIn: 210 / 25.4, heightIn: 297 / 25.4 },
};

/** The paper named by `--paper` (letter or a4, any case), or undefined. */
export function paperNamed(name: string): Paper | undefined {
  const key = name.toLowerCase();
  return key === "letter" || key === "a4" ? PAPERS[key] : undefined;
}

/** The printable area in CSS pixels (96 per inch) inside margins of `marginIn` inches. */
export function printableArea(paper: Paper, marginIn: number): { width: number; height: number } {
  return {
    width: Math.floor((paper.widthIn - 2 * marginIn) * 96),
    height: Math.floor((paper.heightIn - 2 * marginIn) * 96),
  };
}

/**
 * The font size in CSS pixels of the smallest visible text of the page's content (CSS px are 0.75 pt
 * on paper). `charts: false` leaves out text inside SVG charts.
 */
export async function smallestTypePx(page: Page, options: { charts: boolean }): Promise<number> {
  return page.evaluate((charts) => {
    const main = document.querySelector("#observablehq-main") ?? document.body;
    let min = Infinity;
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || (!charts && el.closest("svg"))) continue;
      if (el.getClientRects().length === 0) continue;
      min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
    }
    return min;
  }, options.charts);
}
