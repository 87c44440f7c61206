// marts.cost_of_service with disclosure rules applied (src/site/), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("cost_of_service.arrow");
