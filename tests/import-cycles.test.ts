// No module of src/ (nor a page component) reaches itself through its imports, static or dynamic
// with a literal path: a cycle makes load order matter (a class used before it is defined) and ties
// modules that should not know each other (a command importing the command registry).
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|js)$/.test(name) ? [full] : [];
  });
}

/** Relative imports of a file: `import … from "./x.ts"`, `export … from`, `import("./x.ts")`. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.{1,2}\/[^"']+)["']/g)].map(
    (m) => path.resolve(path.dirname(file), m[1]!),
  );
  return [...new Set(found)];
}

/** Every cycle's path, each reported once from its smallest member. */
function cycles(files: string[]): string[] {
  const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => files.includes(t))]));
  const out = new Set<string>();
  const visit = (node: string, trail: string[]) => {
    const at = trail.indexOf(node);
    if (at >= 0) {
      const loop = trail.slice(at);
      const start = loop.indexOf([...loop].sort()[0]!);
      out.add(
        [...loop.slice(start), ...loop.slice(0, start), loop[start]]
          .map((f) => path.relative(ROOT, f))
          .join(" → "),
      );
      return;
    }
    if (trail.length > 40) return;
    for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
  };
  for (const f of files) visit(f, []);
  return [...out].sort();
}

describe("import graph", () => {
  it("has no cycle in src/", () => {
    expect(cycles(sources(path.join(ROOT, "src")))).toEqual([]);
  });
  it("has no cycle among the page components", () => {
    expect(cycles(sources(path.join(ROOT, "reports/components")))).toEqual([]);
  });
  it("finds a cycle when there is one (the check itself works)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "htm-cycle-"));
    writeFileSync(path.join(dir, "a.ts"), 'import { b } from "./b.ts";\nexport const a = 1;\n');
    writeFileSync(path.join(dir, "b.ts"), 'export const b = () => import("./a.ts");\n');
    const found = cycles(sources(dir)).map((c) =>
      c
        .split(" → ")
        .map((f) => path.basename(f))
        .join(" → "),
    );
    expect(found).toEqual(["a.ts → b.ts → a.ts"]);
  });
});
