// publish.system_work_yearly: marts.system_work_yearly with the disclosure rules applied in SQL (src/publish/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("system_work_yearly.arrow");
