/**
 * Pages only draw: every number a page or chart shows is a row of a published table, so no page or
 * chart component aggregates data rows (sums, means, medians, quantiles, rollups, running totals,
 * counts of rows standing for people) and no suppressed value is read as 0. The arithmetic belongs in
 * a mart (src/sql/marts/), where it is defined once, tested on hand-computed data and disclosure-checked.
 *
 * This reads the source of reports/ and reports-society/ as text: a pattern match cannot prove the
 * absence of arithmetic, but it stops the forms it took before (d3.sum, reduce, `?? 0`, `+=` over rows).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["reports", "reports-society"];
/**
 * Files that are not pages or charts, with why: the Arrow decoder counts bytes and batches, not data;
 * the budget brief's what-if applies the reader's own input (FTE per domain) to published per-FTE
 * figures, the one piece of arithmetic that cannot be published in advance (tested in
 * tests/budget-case.test.ts and tests/charts.test.ts).
 */
const NOT_DRAWING = new Set([
  path.join("reports", "components", "arrow.js"),
  path.join("reports", "components", "budget-case.js"),
  path.join("reports", "components", "scenario.js"),
]);

/** What aggregates data rows, with why it is refused. */
const FORBIDDEN: { pattern: RegExp; why: string }[] = [
  {
    pattern:
      /\bd3\.(sum|mean|median|quantile|quantileSorted|rollup|rollups|group|groups|cumsum|deviation|variance|count|fsum)\(/,
    why: "d3 aggregate over data rows",
  },
  { pattern: /\.reduce\(/, why: "reduce over rows" },
  {
    // summing with a missing value as 0 (an axis extent or a sort key may still default a missing value)
    pattern: /[+-]\s*\(?[\w$.?]+\s*\?\?\s*0\b(?!\.)|\?\?\s*0\)?\s*[+-](?!=)/,
    why: "a missing (suppressed) value summed as 0",
  },
  { pattern: /\+=\s*(?!["'`])[A-Za-z_$][\w$]*(\.[\w$]+|\[)/, why: "a running total over rows" },
  { pattern: /reduce:\s*["'](sum|mean|median|count|proportion)/, why: "a Plot reducer that aggregates data" },
  {
    pattern: /Plot\.(group|groupX|groupY|groupZ|bin|binX|binY)\(/,
    why: "a Plot group/bin transform that aggregates data",
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (name.startsWith(".") || name === "data") return [];
    const stat = statSync(file);
    if (stat.isDirectory())
      return dir.startsWith("reports-society") && name === "components" ? [] : sourceFiles(file);
    return /\.(js|md)$/.test(name) ? [file] : [];
  });
}

describe("pages only draw", () => {
  it("no page or chart component aggregates data rows", () => {
    const found: string[] = [];
    for (const file of ROOTS.flatMap(sourceFiles).filter((f) => !NOT_DRAWING.has(f))) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*)/.test(line)) return; // comments
          for (const { pattern, why } of FORBIDDEN)
            if (pattern.test(line)) found.push(`${file}:${i + 1}: ${why}: ${line.trim().slice(0, 120)}`);
        });
    }
    expect(found, found.join("\n")).toEqual([]);
  });
});
