// publish.specialist_demand_forecast: marts.specialist_demand_forecast with the disclosure rules applied in SQL (src/site/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("specialist_demand_forecast.arrow");
