// publish.retention_curve: marts.retention_curve with the disclosure rules applied in SQL (src/site/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("retention_curve.arrow");
