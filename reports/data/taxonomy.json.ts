// Labels, order and the specialist flag of domains and role families from data/taxonomy/ (as ingested).
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("taxonomy.json");
