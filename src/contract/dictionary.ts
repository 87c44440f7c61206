/** Renders docs/data-dictionary.md from the contract, so the documentation cannot drift. */
import {
  SOURCES,
  REQUIRED_SOURCES,
  boundsText,
  ruleMessage,
  duckdbType,
  type ColumnSpec,
  type SourceContract,
} from "./index.ts";

function typeText(c: ColumnSpec): string {
  switch (c.kind) {
    case "id":
      return "identifier (text)";
    case "enum":
      return `one of ${c.values!.map((v) => `\`${v}\``).join(", ")}`;
    case "boolean":
      return "boolean (true/false, yes/no, 1/0)";
    case "date":
      return "date (YYYY-MM-DD unless the mapping declares a format)";
    default:
      return c.kind;
  }
}

export function renderDataDictionary(): string {
  const out: string[] = [
    "# Data dictionary: the input contract",
    "",
    "Generated from `src/contract/` by `htm-workforce dictionary`; do not edit by hand (a test fails when it is stale).",
    "",
    "Put one CSV per source in the input folder (`data/input/` by default). Only " +
      REQUIRED_SOURCES.map((s) => `\`${s}.csv\``).join(", ") +
      " is required; every other file is optional and fills the reports that need it. Any column order; header names are matched case-insensitively after the mapping config renames them.",
    "",
  ];
  for (const s of SOURCES) {
    out.push(`## \`${s.file}\``, "", s.description, "");
    out.push(
      `- **Key** (unique; later duplicates are rejected): ${s.key.map((k) => `\`${k}\``).join(" + ")}`,
    );
    for (const r of s.rules) out.push(`- **Rule**: ${ruleMessage(r)}`);
    const periods = (s as SourceContract).nonOverlapping;
    if (periods)
      out.push(
        `- **Rule**: one \`${periods.key}\`'s ${periods.what}s may not overlap: a row whose \`${periods.start}\` is on or before the \`${periods.end}\` of an earlier row (or an earlier row with none) is rejected, naming that row's line`,
      );
    for (const r of s.references)
      out.push(`- **Reference**: \`${r.column}\` → \`${r.source}.${r.sourceColumn}\` (orphans reported)`);
    out.push(
      "",
      "| column | required | type | warehouse type | rule | description |",
      "|---|---|---|---|---|---|",
    );
    for (const [name, c] of Object.entries(s.columns)) {
      const rule = [boundsText(c), c.defaultValue !== undefined ? `default ${c.defaultValue}` : undefined]
        .filter(Boolean)
        .join("; ");
      out.push(
        `| \`${name}\` | ${c.required ? "yes" : ""} | ${typeText(c)} | ${duckdbType(c)} | ${rule} | ${c.description} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}
