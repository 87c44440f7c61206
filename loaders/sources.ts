/**
 * Every source's loader, in load order: referenced sources before the sources that reference them
 * (organisations, then employees, then what names an employee, an asset or an organisation). Each
 * binds one source contract (src/contract/<source>.ts) to the contract-driven load of load-source.ts;
 * a source that needs a step of its own gets its own loader here.
 */
import {
  assets,
  certifications,
  employees,
  jobHistory,
  organizations,
  pay,
  requisitions,
  training,
  workOrders,
} from "../src/contract/index.ts";
import { defineLoader } from "./loader.ts";

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
].map(defineLoader);
