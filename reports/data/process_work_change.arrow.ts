// publish.process_work_change: marts.process_work_change with the disclosure rules applied in SQL (src/publish/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("process_work_change.arrow");
