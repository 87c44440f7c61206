-- one row per (peer group, period 'quarter' or 'year', year, quarter_start (null for a year), domain or 'all'): pooled in-house labor hours, vendor and parts cost, their share of the period, organisations, the largest organisation's share and the rule that withholds the cell
-- The one pooled workload formula: marts.pooled_workload_domain_quarterly and
-- marts.pooled_workload_domain_yearly are its two periods. A year is the sum of the contributor's
-- quarters (exact decimals), then pooled exactly as a quarter is; its organisations count who worked
-- in that domain in that year. The share is the hospital's formula (src/sql/macros/workload_share.sql).
drop table if exists survey.pooled_workload_cells;
create table survey.pooled_workload_cells as
with by_contributor as (
    select m.facility_type, m.bed_band, m.region, m.contributor_id, r.year, r.quarter_start, r.domain,
        sum(r.hours) as hours, sum(r.vendor_cost_usd) as vendor_cost_usd, sum(r.parts_cost_usd) as parts_cost_usd
    from survey.contribution_rows as r
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    where r.table_name = 'workload_quarterly'
    group by m.facility_type, m.bed_band, m.region, m.contributor_id, r.year, r.quarter_start, r.domain
),

with_total as (
    select * from by_contributor
    union all
    select facility_type, bed_band, region, contributor_id, year, quarter_start, 'all',
        sum(hours), sum(vendor_cost_usd), sum(parts_cost_usd)
    from by_contributor
    group by facility_type, bed_band, region, contributor_id, year, quarter_start
),

periods as (
    select facility_type, bed_band, region, contributor_id, 'quarter' as period, year, quarter_start, domain,
        hours, vendor_cost_usd, parts_cost_usd
    from with_total
    union all
    select facility_type, bed_band, region, contributor_id, 'year', year, cast(null as date), domain,
        sum(hours), sum(vendor_cost_usd), sum(parts_cost_usd)
    from with_total
    group by facility_type, bed_band, region, contributor_id, year, domain
),

pooled as (
    select facility_type, bed_band, region, period, year, quarter_start, domain,
        sum(hours) as hours,
        sum(vendor_cost_usd) as vendor_cost_usd,
        sum(parts_cost_usd) as parts_cost_usd,
        sum(case when hours > 0 then 1 else 0 end) as orgs,
        max(hours) as largest_org_hours
    from periods
    group by facility_type, bed_band, region, period, year, quarter_start, domain
),

with_period_total as (
    select p.*,
        sum(case when p.domain = 'all' then p.hours end) over (
            partition by p.facility_type, p.bed_band, p.region, p.period, p.year, p.quarter_start
        ) as total_hours
    from pooled as p
)

select
    p.facility_type,
    p.bed_band,
    p.region,
    p.period,
    cast(p.year as integer) as year,
    p.quarter_start,
    p.domain,
    cast(p.hours as double) as hours,
    workload_share(p.hours, p.total_hours) as share,
    cast(p.vendor_cost_usd as double) as vendor_cost_usd,
    cast(p.parts_cost_usd as double) as parts_cost_usd,
    cast(p.orgs as integer) as orgs,
    cast(p.largest_org_hours as double) / nullif(cast(p.hours as double), 0) as max_org_share,
    multi_org_rule(
        p.orgs, cast(p.largest_org_hours as double) / cast(p.hours as double),
        s.min_orgs_benchmark, s.max_org_share_benchmark
    ) as suppressed_reason
from with_period_total as p
cross join survey.settings as s;
