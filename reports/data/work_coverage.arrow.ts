// marts.work_coverage (who does each domain's work) with disclosure rules applied (src/site/), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("work_coverage.arrow");
