// publish.time_to_fill: marts.time_to_fill with the disclosure rules applied in SQL (src/site/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("time_to_fill.arrow");
