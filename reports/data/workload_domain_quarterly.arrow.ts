// publish.workload_domain_quarterly: marts.workload_domain_quarterly with the disclosure rules applied in SQL (src/site/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("workload_domain_quarterly.arrow");
