/** pay.csv → raw.pay (contract: src/contract/pay.ts) */
import { pay } from "../src/contract/index.ts";
import { defineLoader } from "../src/ingest/loader.ts";

export default defineLoader(pay);
