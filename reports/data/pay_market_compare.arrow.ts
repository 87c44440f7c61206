// publish.pay_market_compare: marts.pay_market_compare with the disclosure rules applied in SQL (src/publish/publish.ts), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("pay_market_compare.arrow");
