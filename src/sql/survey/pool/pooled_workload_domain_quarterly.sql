-- one row per (peer group, quarter_start, domain or 'all'): pooled in-house labor hours, their share of the quarter, and vendor and parts cost, summed from the contributions (exact decimals)
drop table if exists marts.pooled_workload_domain_quarterly;
create table marts.pooled_workload_domain_quarterly as
with by_contributor as (
    select m.facility_type, m.bed_band, m.region, m.contributor_id, r.quarter_start, r.domain,
        sum(r.hours) as hours, sum(r.vendor_cost_usd) as vendor_cost_usd, sum(r.parts_cost_usd) as parts_cost_usd
    from survey.contribution_rows as r
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    where r.table_name = 'workload_quarterly'
    group by m.facility_type, m.bed_band, m.region, m.contributor_id, r.quarter_start, r.domain
),

with_total as (
    select * from by_contributor
    union all
    select facility_type, bed_band, region, contributor_id, quarter_start, 'all',
        sum(hours), sum(vendor_cost_usd), sum(parts_cost_usd)
    from by_contributor
    group by facility_type, bed_band, region, contributor_id, quarter_start
),

pooled as (
    select facility_type, bed_band, region, quarter_start, domain,
        sum(hours) as hours,
        sum(vendor_cost_usd) as vendor_cost_usd,
        sum(parts_cost_usd) as parts_cost_usd,
        sum(case when hours > 0 then 1 else 0 end) as orgs,
        max(hours) as largest_org_hours
    from with_total
    group by facility_type, bed_band, region, quarter_start, domain
),

quarter_totals as (
    select facility_type, bed_band, region, quarter_start, hours as total_hours
    from pooled
    where domain = 'all'
)

select
    p.facility_type,
    p.bed_band,
    p.region,
    p.quarter_start,
    p.domain,
    cast(p.hours as double) as hours,
    cast(p.hours as double) / nullif(cast(t.total_hours as double), 0) as share,
    cast(p.vendor_cost_usd as double) as vendor_cost_usd,
    cast(p.parts_cost_usd as double) as parts_cost_usd,
    cast(p.orgs as integer) as orgs,
    cast(p.largest_org_hours as double) / nullif(cast(p.hours as double), 0) as max_org_share,
    case
        when p.orgs < s.min_orgs_benchmark then 'fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
        when cast(p.largest_org_hours as double) / cast(p.hours as double) > s.max_org_share_benchmark
            then 'one organisation above ' || cast(cast(round(s.max_org_share_benchmark * 100) as integer) as varchar(20)) || '% of the weight'
    end as suppressed_reason
from pooled as p
join quarter_totals as t
    on t.facility_type = p.facility_type and t.bed_band = p.bed_band and t.region = p.region
    and t.quarter_start = p.quarter_start
cross join survey.settings as s;
