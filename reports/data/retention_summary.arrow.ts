// publish.retention_summary: marts.retention_summary with the disclosure rules applied in SQL (src/site/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("retention_summary.arrow");
