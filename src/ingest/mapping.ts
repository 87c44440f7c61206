/**
 * The mapping config (`mapping.json` in the input folder): how a real export differs from the
 * contract. Per source: another file name, vendor header → contract column, declared date
 * formats, and value synonyms. Validated with zod; errors name the file and the field.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { SOURCES, sourceByName } from "../contract/index.ts";

export const DATE_FORMATS = {
  "YYYY-MM-DD": "%Y-%m-%d",
  "MM/DD/YYYY": "%m/%d/%Y",
  "M/D/YYYY": "%-m/%-d/%Y",
  "DD/MM/YYYY": "%d/%m/%Y",
  "DD.MM.YYYY": "%d.%m.%Y",
  "YYYY/MM/DD": "%Y/%m/%d",
  excel_serial: "excel_serial",
} as const;
export type DateFormatName = keyof typeof DATE_FORMATS;

const dateFormat = z.enum(Object.keys(DATE_FORMATS) as [DateFormatName, ...DateFormatName[]]);

const sourceMapping = z
  .object({
    file: z.string().min(1).optional().describe("File name in the input folder, when not <source>.csv"),
    columns: z
      .record(z.string(), z.string())
      .default({})
      .describe("Vendor header → contract column (header matching is case-insensitive)"),
    date_format: dateFormat.optional().describe("Format of every date column of this file"),
    date_formats: z.record(z.string(), dateFormat).default({}).describe("Format per date column"),
    decimal_separator: z.enum([".", ","]).optional(),
    delimiter: z.enum([",", ";", "\t", "|"]).optional(),
    encoding: z.enum(["utf-8", "windows-1252"]).optional(),
    values: z
      .record(z.string(), z.record(z.string(), z.string()))
      .default({})
      .describe("Per column: raw value → contract value (matching is case-insensitive)"),
  })
  .strict();

export const mappingSchema = z
  .object({
    $schema: z.string().optional(),
    sources: z.record(z.string(), sourceMapping).default({}),
  })
  .strict();

export type SourceMapping = z.infer<typeof sourceMapping>;
export type Mapping = z.infer<typeof mappingSchema>;

export const EMPTY_SOURCE_MAPPING: SourceMapping = sourceMapping.parse({});

/** Reads and validates mapping.json; every problem is reported with its JSON path. */
export function readMapping(file: string): Mapping {
  if (!existsSync(file)) return { sources: {} };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`${file}: ${issues.join("; ")}`);
  }
  const problems: string[] = [];
  for (const [name, m] of Object.entries(parsed.data.sources)) {
    const source = sourceByName(name);
    if (!source) {
      problems.push(
        `sources.${name}: unknown source (expected one of ${SOURCES.map((s) => s.name).join(", ")})`,
      );
      continue;
    }
    for (const [from, to] of Object.entries(m.columns)) {
      if (!(to in source.columns))
        problems.push(`sources.${name}.columns["${from}"]: '${to}' is not a column of ${source.file}`);
    }
    const targets = Object.values(m.columns).map((t) => t.toLowerCase());
    const dup = targets.find((t, i) => targets.indexOf(t) !== i);
    if (dup) problems.push(`sources.${name}.columns: two headers are mapped to '${dup}'`);
    for (const column of [...Object.keys(m.date_formats), ...Object.keys(m.values)]) {
      if (!(column in source.columns))
        problems.push(`sources.${name}: '${column}' is not a column of ${source.file}`);
    }
    for (const column of Object.keys(m.date_formats)) {
      if (column in source.columns && source.columns[column as keyof typeof source.columns].kind !== "date")
        problems.push(`sources.${name}.date_formats: '${column}' is not a date column`);
    }
  }
  if (problems.length) throw new Error(`${file}: ${problems.join("; ")}`);
  return parsed.data;
}
