-- SHRM turnover, the one formula the hospital's marts.turnover_annual and the society's pooled turnover
-- (src/sql/survey/pool/pooled_turnover_annual.sql) both apply to monthly counts: a month's rate is its
-- separations over the mean of its first- and last-day headcount, and a year's rate is the sum of its
-- months' rates. The sum is exact (decimal): a double sum over threads differs in the last bits from run
-- to run, and the same input must give the same warehouse. Headcount, not FTE; contractors are not counted.
create or replace macro shrm_monthly_rate(separations, headcount_start, headcount_end) as
    separations / nullif((headcount_start + headcount_end) / 2.0, 0);

-- an aggregate: use it in a query grouped by year (and group)
create or replace macro shrm_annual_rate(separations, headcount_start, headcount_end) as
    cast(sum(cast(shrm_monthly_rate(separations, headcount_start, headcount_end) as decimal(38, 18))) as double);
