// publish.cost_of_service: marts.cost_of_service with the disclosure rules applied in SQL (src/site/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("cost_of_service.arrow");
