// Organisations for filters (pseudonyms for a public audience).
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("orgs.json");
