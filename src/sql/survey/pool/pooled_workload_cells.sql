-- one row per (peer group, period 'quarter' or 'year', year, quarter_start (null for a year), domain or 'all'): pooled in-house labor hours, vendor and parts cost, their share of the period, organisations, the largest organisation's share and the rule that withholds the cell
-- The one pooled workload formula: marts.pooled_workload_domain_quarterly and
-- marts.pooled_workload_domain_yearly are its two periods. A year is the sum of the contributor's
-- quarters (exact decimals), then pooled exactly as a quarter is; its organisations count who worked
-- in that domain in that year. The share is the hospital's formula (src/sql/macros/workload_share.sql).
drop table if exists survey.pooled_workload_cells;
create table survey.pooled_workload_cells as
-- Each unit's quarters summed once (survey.contribution_units), with its 'all' domain and its
-- years. The organisations with a single unit are counted and summed per profile, and those sums
-- copied to the profile's pooled groups; an organisation with units under two profiles is copied
-- unit by unit and summed in each group.
with by_unit as (
    select u.unit_no, u.profile_no, u.unit_count, r.year, r.quarter_start, r.domain,
        sum(r.hours) as hours, sum(r.vendor_cost_usd) as vendor_cost_usd, sum(r.parts_cost_usd) as parts_cost_usd
    from survey.contribution_rows as r
    join survey.contribution_units as u on u.contribution_id = r.contribution_id
    where r.table_name = 'workload_quarterly'
    group by u.unit_no, u.profile_no, u.unit_count, r.year, r.quarter_start, r.domain
),

with_total as (
    select * from by_unit
    union all
    select unit_no, profile_no, unit_count, year, quarter_start, 'all',
        sum(hours), sum(vendor_cost_usd), sum(parts_cost_usd)
    from by_unit
    group by unit_no, profile_no, unit_count, year, quarter_start
),

periods as (
    select unit_no, profile_no, unit_count, 'quarter' as period, year, quarter_start, domain,
        hours, vendor_cost_usd, parts_cost_usd
    from with_total
    union all
    select unit_no, profile_no, unit_count, 'year', year, cast(null as date), domain,
        sum(hours), sum(vendor_cost_usd), sum(parts_cost_usd)
    from with_total
    group by unit_no, profile_no, unit_count, year, domain
),

by_profile as (
    select profile_no, period, year, quarter_start, domain,
        sum(hours) as hours, sum(vendor_cost_usd) as vendor_cost_usd, sum(parts_cost_usd) as parts_cost_usd,
        cast(sum(case when hours > 0 then 1 else 0 end) as bigint) as orgs,
        max(hours) as largest_org_hours
    from periods
    where unit_count = 1
    group by profile_no, period, year, quarter_start, domain
),

split_orgs as (
    select m.group_no, p.period, p.year, p.quarter_start, p.domain,
        sum(p.hours) as hours, sum(p.vendor_cost_usd) as vendor_cost_usd, sum(p.parts_cost_usd) as parts_cost_usd
    from periods as p
    join survey.pooled_units as m on m.unit_no = p.unit_no
    where p.unit_count > 1
    group by m.group_no, m.contributor_no, p.period, p.year, p.quarter_start, p.domain
),

pooled as (
    select group_no, period, year, quarter_start, domain,
        sum(hours) as hours,
        sum(vendor_cost_usd) as vendor_cost_usd,
        sum(parts_cost_usd) as parts_cost_usd,
        sum(orgs) as orgs,
        max(largest_org_hours) as largest_org_hours
    from (
        select g.group_no, p.period, p.year, p.quarter_start, p.domain, p.hours, p.vendor_cost_usd,
            p.parts_cost_usd, p.orgs, p.largest_org_hours
        from by_profile as p
        join (select distinct group_no, profile_no from survey.pooled_units) as g on g.profile_no = p.profile_no
        union all
        select group_no, period, year, quarter_start, domain, hours, vendor_cost_usd, parts_cost_usd,
            case when hours > 0 then 1 else 0 end, hours
        from split_orgs
    ) as c
    group by group_no, period, year, quarter_start, domain
),

with_period_total as (
    select p.*,
        sum(case when p.domain = 'all' then p.hours end) over (
            partition by p.group_no, p.period, p.year, p.quarter_start
        ) as total_hours
    from pooled as p
)

select
    g.facility_type,
    g.bed_band,
    g.region,
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
join survey.pooled_group_ids as g on g.group_no = p.group_no
cross join survey.settings as s;
