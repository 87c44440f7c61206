// publish.promotion_time: marts.promotion_time with the disclosure rules applied in SQL (src/site/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("promotion_time.arrow");
