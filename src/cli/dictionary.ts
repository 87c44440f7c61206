import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderDataDictionary } from "../contract/dictionary.ts";
import { withCatalogSection } from "../publish/catalog-doc.ts";
import { declarationJsonSchema } from "../publish/mart-declaration.ts";
import { PROJECT_ROOT } from "../warehouse/paths.ts";
import { parseCommandArgs } from "./args.ts";

export const DATA_DICTIONARY_PATH = path.join(PROJECT_ROOT, "docs/data-dictionary.md");
export const MARTS_DOC_PATH = path.join(PROJECT_ROOT, "docs/marts.md");
export const DECLARATION_SCHEMA_PATH = path.join(PROJECT_ROOT, "docs/mart-declaration.schema.json");

const HELP = `usage: htm-workforce dictionary

Regenerates docs/data-dictionary.md from the input contract (src/contract) and the publication
catalog section of docs/marts.md from the mart catalog. Reads no data; takes no options but --help.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args: argv,
    options: { help: { type: "boolean", short: "h", default: false } },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  writeFileSync(DATA_DICTIONARY_PATH, renderDataDictionary());
  console.log(`wrote ${path.relative(process.cwd(), DATA_DICTIONARY_PATH)}`);
  // the publication catalog section of docs/marts.md, from src/publish/mart-catalog.ts
  writeFileSync(MARTS_DOC_PATH, withCatalogSection(readFileSync(MARTS_DOC_PATH, "utf8")));
  console.log(`wrote the publication catalog in ${path.relative(process.cwd(), MARTS_DOC_PATH)}`);
  // the mart declaration format (src/sql/marts/<mart>.json) for tools that read the sidecars
  writeFileSync(DECLARATION_SCHEMA_PATH, declarationJsonSchema());
  console.log(`wrote ${path.relative(process.cwd(), DECLARATION_SCHEMA_PATH)}`);
  return 0;
}
