/**
 * Every source's loader, in load order (the contract's own: referenced sources before the sources that
 * reference them). Each binds one source contract (src/contract/<source>.ts) to the contract-driven load
 * of load-source.ts; a source that needs a step of its own gets its own loader here.
 */
import { SOURCES } from "../src/contract/index.ts";
import { defineLoader } from "./loader.ts";

export const LOADERS = SOURCES.map(defineLoader);
