// publish.inventory_load: marts.inventory_load with the disclosure rules applied in SQL (src/site/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("inventory_load.arrow");
