// marts.retention_curve with disclosure rules applied (src/site/), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("retention_curve.arrow");
