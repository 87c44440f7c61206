// publish.certification_coverage: marts.certification_coverage with the disclosure rules applied in SQL (src/site/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("certification_coverage.arrow");
