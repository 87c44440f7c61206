// marts.retention_summary with disclosure rules applied (src/site/), as Arrow IPC.
import { writeMartArrow } from "../../src/site/mart-reader.ts";

await writeMartArrow("retention_summary");
