// marts.headcount_monthly with disclosure rules applied (src/site/), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("headcount_monthly.arrow");
