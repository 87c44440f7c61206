// publish.retirement_exposure: marts.retirement_exposure with the disclosure rules applied in SQL (src/site/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("retirement_exposure.arrow");
