// marts.turnaround (evidence of strain from the work orders) with disclosure rules applied (src/site/), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("turnaround.arrow");
