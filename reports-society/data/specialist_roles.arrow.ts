// publish.* of the pooled warehouse (src/sql/survey/site/), read-only.
import { writeSocietyData } from "../../src/site/society-data.ts";

await writeSocietyData("specialist_roles.arrow");
