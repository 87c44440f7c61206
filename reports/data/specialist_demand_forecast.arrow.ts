// marts.specialist_demand_forecast with disclosure rules applied (src/site/), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("specialist_demand_forecast.arrow");
