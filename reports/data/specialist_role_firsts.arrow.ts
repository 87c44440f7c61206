// publish.specialist_role_firsts: marts.specialist_role_firsts with the disclosure rules applied in SQL (src/publish/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("specialist_role_firsts.arrow");
