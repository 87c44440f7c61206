import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { renderDataDictionary } from "../contract/dictionary.ts";
import { withCatalogSection } from "../site/catalog-doc.ts";
import { declarationJsonSchema } from "../site/mart-declaration.ts";
import { PROJECT_ROOT } from "../warehouse/paths.ts";

export const DATA_DICTIONARY_PATH = path.join(PROJECT_ROOT, "docs/data-dictionary.md");
export const MARTS_DOC_PATH = path.join(PROJECT_ROOT, "docs/marts.md");
export const DECLARATION_SCHEMA_PATH = path.join(PROJECT_ROOT, "docs/mart-declaration.schema.json");

export async function run(argv: string[]): Promise<number> {
  parseArgs({ args: argv, options: {}, strict: true });
  writeFileSync(DATA_DICTIONARY_PATH, renderDataDictionary());
  console.log(`wrote ${path.relative(process.cwd(), DATA_DICTIONARY_PATH)}`);
  // the publication catalog section of docs/marts.md, from src/site/mart-catalog.ts
  writeFileSync(MARTS_DOC_PATH, withCatalogSection(readFileSync(MARTS_DOC_PATH, "utf8")));
  console.log(`wrote the publication catalog in ${path.relative(process.cwd(), MARTS_DOC_PATH)}`);
  // the mart declaration format (src/sql/marts/<mart>.json) for tools that read the sidecars
  writeFileSync(DECLARATION_SCHEMA_PATH, declarationJsonSchema());
  console.log(`wrote ${path.relative(process.cwd(), DECLARATION_SCHEMA_PATH)}`);
  return 0;
}
