// marts.time_to_fill with disclosure rules applied (src/site/), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("time_to_fill.arrow");
