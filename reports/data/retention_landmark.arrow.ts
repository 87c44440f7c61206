// publish.retention_landmark: marts.retention_landmark with the disclosure rules applied in SQL (src/publish/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("retention_landmark.arrow");
