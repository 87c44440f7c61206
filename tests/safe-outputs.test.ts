/**
 * Safe outputs (issue 10): CSV downloads cannot carry a spreadsheet formula, and the static server
 * sends its security headers on every response, 404s included.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { csvFormat } from "d3";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JS component without types
import { csvRow } from "../reports/components/figure.js";
import { serveStatic, type RunningServer } from "../src/static-site/static-server.ts";

describe("CSV downloads neutralise formulas", () => {
  const rows = [
    { role: '=HYPERLINK("http://evil","x")', n: -3, pay: -1500.5, note: "-3" },
    { role: "+cmd|' /C calc'!A0", n: 0, pay: 1, note: "@SUM(A1:A2)" },
    { role: "\t=1+1", n: 1, pay: 2, note: "\r=1" },
    { role: "BMET II", n: 2, pay: 3, note: "- a dash list" },
    { role: "e-mail", n: 3, pay: 4, note: "1e-3" },
  ];
  const csv = csvFormat(rows.map((r) => csvRow(r) as Record<string, unknown>));
  const cells = (parse(csv, { columns: true }) as Record<string, string>[]).flatMap((r) => Object.values(r));

  it("no text cell starts with = + - @ tab or CR unless it is a plain number", () => {
    const dangerous = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c));
    expect(dangerous).toEqual([]);
  });

  it("text keeps its content after the apostrophe; numbers and ordinary text are unchanged", () => {
    const parsed = parse(csv, { columns: true }) as Record<string, string>[];
    expect(parsed[0]).toEqual({
      role: '\'=HYPERLINK("http://evil","x")',
      n: "-3",
      pay: "-1500.5",
      note: "-3",
    });
    expect(parsed[1]!.note).toBe("'@SUM(A1:A2)");
    expect(parsed[2]).toMatchObject({ role: "'\t=1+1", note: "'\r=1" });
    expect(parsed[3]).toEqual({ role: "BMET II", n: "2", pay: "3", note: "'- a dash list" });
    expect(parsed[4]).toEqual({ role: "e-mail", n: "3", pay: "4", note: "1e-3" });
  });
});

describe("static server security headers", () => {
  let server: RunningServer;

  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), "htm-headers-"));
    mkdirSync(path.join(root, "_file"));
    writeFileSync(
      path.join(root, "index.html"),
      '<!doctype html><script type="module">console.log(1)</script>',
    );
    writeFileSync(path.join(root, "404.html"), "<!doctype html><p>not here</p>");
    writeFileSync(path.join(root, "_file", "data.csv"), "a\n1\n");
    server = await serveStatic(root);
  });
  afterAll(() => server.close());

  for (const [what, url, init, status] of [
    ["a page", "/", {}, 200],
    ["a data file", "/_file/data.csv", {}, 200],
    ["a gzipped page", "/", { headers: { "accept-encoding": "gzip" } }, 200],
    ["a 404", "/nope", {}, 404],
    ["a 405", "/", { method: "POST" }, 405],
  ] as const) {
    it(`${what} carries CSP, nosniff, frame and referrer headers`, async () => {
      const r = await fetch(server.url + url, init as RequestInit);
      expect(r.status).toBe(status);
      const csp = r.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      // scripts from this origin only (inline ones included: Framework and Inputs need them)
      expect(csp).toMatch(/script-src 'self' 'unsafe-inline';/);
      expect(csp).toMatch(/connect-src 'self'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("x-frame-options")).toBe("DENY");
      expect(r.headers.get("referrer-policy")).toBe("no-referrer");
    });
  }
});
