import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { renderDataDictionary } from "../contract/dictionary.ts";
import { PROJECT_ROOT } from "../warehouse/paths.ts";

export const DATA_DICTIONARY_PATH = path.join(PROJECT_ROOT, "docs/data-dictionary.md");

export async function run(argv: string[]): Promise<number> {
  parseArgs({ args: argv, options: {}, strict: true });
  writeFileSync(DATA_DICTIONARY_PATH, renderDataDictionary());
  console.log(`wrote ${path.relative(process.cwd(), DATA_DICTIONARY_PATH)}`);
  return 0;
}
