/** certifications.csv → raw.certifications (contract: src/contract/certifications.ts) */
import { certifications } from "../src/contract/index.ts";
import { defineLoader } from "../src/ingest/loader.ts";

export default defineLoader(certifications);
