-- one row per org_id ('all' = every organisation), year and domain ('all' = every domain): in-house labor hours and their share of the year
-- The yearly view of marts.workload_domain_quarterly, weighted by hours (a year's share is its hours ÷
-- the year's hours, not an average of quarterly shares), so every page that states how the mix moved
-- between two years reads the same numbers. Decimal sums: re-ingesting the same input gives the same table.
create or replace table marts.workload_domain_annual as
with as_of as (
    select as_of from meta.as_of
),
yearly as (
    select
        org_id,
        cast(year(quarter_start) as integer) as year,
        domain,
        sum(cast(hours as decimal(18, 2))) as hours,
        count(*) as quarters
    from marts.workload_domain_quarterly
    group by all
)
select
    y.org_id,
    y.year,
    y.domain,
    cast(y.hours as double) as hours,
    workload_share(y.hours, sum(y.hours) filter (where y.domain = 'all') over (partition by y.org_id, y.year)) as share,
    cast(y.quarters as integer) as quarters,
    make_date(y.year, 12, 31) <= a.as_of as is_complete_year
from yearly y, as_of a
order by y.org_id, y.year, y.domain;
