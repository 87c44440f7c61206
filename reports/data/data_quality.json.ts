// Loads, accepted/rejected rows by file, column and reason, unmapped values, rows per year by source.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("data_quality.json");
