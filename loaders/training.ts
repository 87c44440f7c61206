/** training.csv → raw.training (contract: src/contract/training.ts) */
import { training } from "../src/contract/index.ts";
import { defineLoader } from "../src/ingest/loader.ts";

export default defineLoader(training);
