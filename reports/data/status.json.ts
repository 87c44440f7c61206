// What the site was built from: as-of date, settings in force, input files present.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("status.json");
