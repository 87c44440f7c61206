// Every data file of the society site, data/<name>.arrow: publish.* of the pooled warehouse
// (src/sql/survey/site/, src/site/society-data.ts), read-only, for `observable preview`.
// `htm-workforce build` writes all of them in one process instead and does not run this loader.
import { parseArgs } from "node:util";
import { writeSocietyData } from "../../src/site/society-data.ts";

const { values } = parseArgs({ options: { name: { type: "string" } } });
await writeSocietyData(`${values.name}.arrow`);
