/**
 * What a survey round is in a test: each named organisation of a hospital warehouse writes its
 * contribution (`contribute`) into one folder, and the society pools the folder on a pooling date.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DEFAULT_SETTINGS } from "../../src/config/settings.ts";
import { buildContribution } from "../../src/survey/contribute.ts";
import { poolContributions, type PoolReport } from "../../src/survey/pool.ts";

export interface SurveyRound {
  /** The hospital warehouse the organisations contribute from. */
  warehouse: string;
  orgIds: readonly string[];
  /** The folder the contributions are written to (created), one `<org>.parquet` each. */
  contributions: string;
  /** The society's pooled warehouse. */
  pooled: string;
  poolDate: string;
}

export async function contributeAndPool(round: SurveyRound): Promise<PoolReport> {
  mkdirSync(round.contributions, { recursive: true });
  for (const orgId of round.orgIds)
    await buildContribution({
      dbPath: round.warehouse,
      orgId,
      out: path.join(round.contributions, `${orgId}.parquet`),
      settings: DEFAULT_SETTINGS,
    });
  mkdirSync(path.dirname(round.pooled), { recursive: true });
  return poolContributions({
    inputDir: round.contributions,
    dbPath: round.pooled,
    settings: DEFAULT_SETTINGS,
    poolDate: round.poolDate,
  });
}
