/** Every ingest loader, in load order: referenced sources before the sources that reference them. */
import organizations from "./organizations.ts";
import employees from "./employees.ts";
import jobHistory from "./job_history.ts";
import requisitions from "./requisitions.ts";
import certifications from "./certifications.ts";
import training from "./training.ts";
import pay from "./pay.ts";
import assets from "./assets.ts";
import workOrders from "./work_orders.ts";

export const LOADERS = [
  organizations,
  employees,
  jobHistory,
  requisitions,
  certifications,
  training,
  pay,
  assets,
  workOrders,
];
