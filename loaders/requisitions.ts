/** requisitions.csv → raw.requisitions (contract: src/contract/requisitions.ts) */
import { requisitions } from "../src/contract/index.ts";
import { defineLoader } from "../src/ingest/loader.ts";

export default defineLoader(requisitions);
