// Every data file of the hospital site, data/<name>.json: a published table (the marts with the
// disclosure rules applied, src/site/site-data.ts) for `observable preview`. `htm-workforce build`
// writes all of them in one process instead and does not run this loader.
import { parseArgs } from "node:util";
import { writeSiteData } from "../../src/site/site-data.ts";

const { values } = parseArgs({ options: { name: { type: "string" } } });
await writeSiteData(`${values.name}.json`);
