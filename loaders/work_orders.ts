/** work_orders.csv → raw.work_orders (contract: src/contract/work_orders.ts) */
import { workOrders } from "../src/contract/index.ts";
import { defineLoader } from "../src/ingest/loader.ts";

export default defineLoader(workOrders);
