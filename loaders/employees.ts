/** employees.csv → raw.employees (contract: src/contract/employees.ts) */
import { employees } from "../src/contract/index.ts";
import { defineLoader } from "../src/ingest/loader.ts";

export default defineLoader(employees);
