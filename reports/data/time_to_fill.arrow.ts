// marts.time_to_fill with disclosure rules applied (src/site/), as Arrow IPC.
import { writeMartArrow } from "../../src/site/mart-reader.ts";

await writeMartArrow("time_to_fill");
