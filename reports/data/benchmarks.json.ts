// publish.benchmark_bands and publish.benchmark_org_values: peer percentile bands under the multi-organisation rules.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("benchmarks.json");
