// Canonical roles from the taxonomy, for labels and ladder order.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("roles.json");
