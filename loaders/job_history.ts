/** job_history.csv → raw.job_history (contract: src/contract/job_history.ts) */
import { jobHistory } from "../src/contract/index.ts";
import { defineLoader } from "../src/ingest/loader.ts";

export default defineLoader(jobHistory);
