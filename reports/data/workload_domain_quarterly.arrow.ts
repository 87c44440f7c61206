// marts.workload_domain_quarterly with disclosure rules applied (src/site/), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("workload_domain_quarterly.arrow");
