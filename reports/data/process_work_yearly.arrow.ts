// publish.process_work_yearly: marts.process_work_yearly with the disclosure rules applied in SQL (src/publish/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("process_work_yearly.arrow");
