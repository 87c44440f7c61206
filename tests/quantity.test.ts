/**
 * The hook by which the same-number e2e test finds a stated quantity (reports/components/quantity.js):
 * the number the sentence prints is wrapped, not another that contains the same digits, and a claimed
 * number the sentence does not print is named on the element.
 */
import { beforeAll, describe, expect, it } from "vitest";

const { markQuantities, stated } = (await import(
  new URL("../reports/components/quantity.js", import.meta.url).href
)) as {
  markQuantities: (root: any, q: object[]) => any;
  stated: (key: string, text: unknown, options?: object) => object;
};
const jsdomSpecifier = "jsdom";
let document: any;

beforeAll(async () => {
  const { JSDOM } = (await import(jsdomSpecifier)) as any;
  document = new JSDOM("<!doctype html><body></body>").window.document;
});

function title(text: string) {
  const h = document.createElement("h3");
  h.textContent = text;
  return h;
}

describe("markQuantities", () => {
  it("wraps the number standing alone, not the 27 of 127, 2027 or 27.5", () => {
    const h = markQuantities(title("Headcount fell from 127 to 27.5 in 2027, then to 27 (all staff)"), [
      stated("headcount", 27, { period: "2027-12" }),
    ]);
    const span = h.querySelector("[data-quantity]");
    expect([span.dataset.quantity, span.dataset.period, span.textContent]).toEqual([
      "headcount",
      "2027-12",
      "27",
    ]);
    expect(span.previousSibling.textContent).toBe("Headcount fell from 127 to 27.5 in 2027, then to ");
    expect(h.textContent).toBe("Headcount fell from 127 to 27.5 in 2027, then to 27 (all staff)");
  });

  it("takes the occurrence between the given words when the number occurs twice", () => {
    const h = markQuantities(title("Turnover was 3.6% in 2025 (voluntary 3.6%)"), [
      stated("turnover_rate", "3.6%", { after: "was " }),
      stated("voluntary_turnover_rate", "3.6%", { after: "voluntary " }),
    ]);
    const spans = [...h.querySelectorAll("[data-quantity]")].map((s: any) => [
      s.dataset.quantity,
      s.textContent,
    ]);
    expect(spans).toEqual([
      ["turnover_rate", "3.6%"],
      ["voluntary_turnover_rate", "3.6%"],
    ]);
  });

  it("names a claimed number the element does not print, and skips one stated as –", () => {
    const h = markQuantities(title("Turnover was 4% in 2025"), [
      stated("turnover_rate", "3.6%"),
      stated("vacancy_rate", "–"),
    ]);
    expect(h.querySelector("[data-quantity]")).toBeNull();
    expect(h.dataset.quantityUnfound).toBe("turnover_rate=3.6%");
  });
});
