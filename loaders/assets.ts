/** assets.csv → raw.assets (contract: src/contract/assets.ts) */
import { assets } from "../src/contract/index.ts";
import { defineLoader } from "../src/ingest/loader.ts";

export default defineLoader(assets);
