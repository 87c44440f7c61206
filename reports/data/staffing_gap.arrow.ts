// marts.staffing_gap (the one staffing-gap definition) with disclosure rules applied (src/site/), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("staffing_gap.arrow");
