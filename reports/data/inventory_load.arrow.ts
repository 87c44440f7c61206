// marts.inventory_load with disclosure rules applied (src/site/), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("inventory_load.arrow");
