// marts.staffing_benchmarks with disclosure rules applied (src/site/), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("staffing_benchmarks.arrow");
