// marts.workload_domain_quarterly with disclosure rules applied (src/site/), as Arrow IPC.
import { writeMartArrow } from "../../src/site/mart-reader.ts";

await writeMartArrow("workload_domain_quarterly");
