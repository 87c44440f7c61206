// publish.specialist_demand: marts.specialist_demand with the disclosure rules applied in SQL (src/site/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("specialist_demand.arrow");
