/** organizations.csv → raw.organizations (contract: src/contract/organizations.ts) */
import { organizations } from "../src/contract/index.ts";
import { defineLoader } from "../src/ingest/loader.ts";

export default defineLoader(organizations);
