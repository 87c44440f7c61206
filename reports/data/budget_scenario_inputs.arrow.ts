// marts.budget_scenario_inputs (what a budget scenario is priced with) with disclosure rules applied (src/site/), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("budget_scenario_inputs.arrow");
