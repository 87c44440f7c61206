// publish.internal_mobility: marts.internal_mobility with the disclosure rules applied in SQL (src/site/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("internal_mobility.arrow");
