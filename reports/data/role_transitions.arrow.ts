// publish.role_transitions: marts.role_transitions with the disclosure rules applied in SQL (src/site/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("role_transitions.arrow");
