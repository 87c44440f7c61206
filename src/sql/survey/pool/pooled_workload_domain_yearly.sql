-- one row per (peer group, year, domain or 'all'): pooled in-house labor hours of the year and their share, summed from the contributions' quarters (exact decimals), with the rule that withholds a share
drop table if exists marts.pooled_workload_domain_yearly;
create table marts.pooled_workload_domain_yearly as
with by_contributor as (
    select m.facility_type, m.bed_band, m.region, m.contributor_id, r.year, r.domain, sum(r.hours) as hours
    from survey.contribution_rows as r
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    where r.table_name = 'workload_quarterly'
    group by m.facility_type, m.bed_band, m.region, m.contributor_id, r.year, r.domain
),

with_total as (
    select * from by_contributor
    union all
    select facility_type, bed_band, region, contributor_id, year, 'all', sum(hours)
    from by_contributor
    group by facility_type, bed_band, region, contributor_id, year
),

pooled as (
    select facility_type, bed_band, region, year, domain,
        sum(hours) as hours,
        sum(case when hours > 0 then 1 else 0 end) as orgs,
        max(hours) as largest_org_hours
    from with_total
    group by facility_type, bed_band, region, year, domain
)

select
    p.facility_type, p.bed_band, p.region,
    cast(p.year as integer) as year,
    p.domain,
    cast(p.hours as double) as hours,
    cast(p.hours as double) / nullif(cast(t.hours as double), 0) as share,
    cast(p.orgs as integer) as orgs,
    cast(p.largest_org_hours as double) / nullif(cast(p.hours as double), 0) as max_org_share,
    case
        when p.orgs < s.min_orgs_benchmark then 'fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
        when cast(p.largest_org_hours as double) / cast(p.hours as double) > s.max_org_share_benchmark
            then 'one organisation above ' || cast(cast(round(s.max_org_share_benchmark * 100) as integer) as varchar(20)) || '% of the weight'
    end as suppressed_reason
from pooled as p
join pooled as t
    on t.facility_type = p.facility_type and t.bed_band = p.bed_band and t.region = p.region
    and t.year = p.year and t.domain = 'all'
cross join survey.settings as s;
