// marts.cost_of_service with disclosure rules applied (src/site/), as Arrow IPC.
import { writeMartArrow } from "../../src/site/mart-reader.ts";

await writeMartArrow("cost_of_service");
