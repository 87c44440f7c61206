// marts.forecast_backtest (last year's forecast against what happened) with disclosure rules applied (src/site/), as Arrow IPC.
import { writeSiteData } from "../../src/site/site-data.ts";

await writeSiteData("forecast_backtest.arrow");
