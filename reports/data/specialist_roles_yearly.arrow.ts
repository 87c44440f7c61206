// publish.specialist_roles_yearly: marts.specialist_roles_yearly with the disclosure rules applied in SQL (src/publish/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("specialist_roles_yearly.arrow");
