-- A domain's share of in-house hours: its hours over the hours of every domain in the same period, the
-- one formula of the hospital's marts.workload_domain_quarterly and marts.workload_domain_annual and of
-- the society's pooled workload (src/sql/survey/pool/pooled_workload_cells.sql). Hours are exact
-- decimal sums; the share is their ratio as a double (DuckDB divides decimals as doubles), null when the
-- period has no hours. A year's share is its hours over the year's hours, never a mean of quarterly shares.
create or replace macro workload_share(hours, total_hours) as
    cast(hours as double) / nullif(cast(total_hours as double), 0);
