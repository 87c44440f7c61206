-- one row per (published peer group, role_family or 'all', requisition_status): the day bin that holds the median time to fill (filled requisitions) or the median age (open at the period's end), from at least min_orgs_benchmark organisations and 5 requisitions, null with the rule otherwise
-- The median's bin is a true statement about the pooled requisitions (the bins are the
-- contribution's own: 0-30, 30-60, ... 365+ days); counts are not published.
drop table if exists publish.pooled_time_to_fill;
create table publish.pooled_time_to_fill as
with families as (
    select facility_type, bed_band, region, role_family, requisition_status, days_lower, days_upper,
        requisitions, orgs
    from marts.pooled_requisitions
    union all
    select facility_type, bed_band, region, 'all', requisition_status, days_lower, days_upper,
        sum(requisitions), max(orgs)
    from marts.pooled_requisitions
    group by facility_type, bed_band, region, requisition_status, days_lower, days_upper
),

-- organisations with any requisition of the family and status (a bin's count understates it)
members as (
    select m.facility_type, m.bed_band, m.region, r.role_family, r.requisition_status,
        count(distinct m.contributor_id) as orgs
    from survey.contribution_rows as r
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    where r.table_name = 'requisitions'
    group by m.facility_type, m.bed_band, m.region, r.role_family, r.requisition_status
    union all
    select m.facility_type, m.bed_band, m.region, 'all', r.requisition_status, count(distinct m.contributor_id)
    from survey.contribution_rows as r
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    where r.table_name = 'requisitions'
    group by m.facility_type, m.bed_band, m.region, r.requisition_status
),

cumulative as (
    select f.*,
        sum(requisitions) over (
            partition by facility_type, bed_band, region, role_family, requisition_status
            order by days_lower rows between unbounded preceding and current row
        ) as cum,
        sum(requisitions) over (partition by facility_type, bed_band, region, role_family, requisition_status) as total
    from families as f
),

medians as (
    select facility_type, bed_band, region, role_family, requisition_status, total,
        min(case when cum * 2 >= total then days_lower end) as days_lower
    from cumulative
    group by facility_type, bed_band, region, role_family, requisition_status, total
),

ruled as (
    select d.*, o.orgs,
        case
            when o.orgs < s.min_orgs_benchmark then 'fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
            when d.total < 5 then 'fewer than 5 requisitions'
        end as suppressed_reason
    from medians as d
    join members as o
        on o.facility_type = d.facility_type and o.bed_band = d.bed_band and o.region = d.region
        and o.role_family = d.role_family and o.requisition_status = d.requisition_status
    cross join survey.settings as s
)

select
    r.facility_type, r.bed_band, r.region, r.role_family, r.requisition_status,
    case when r.suppressed_reason is null then r.days_lower end as median_days_lower,
    case when r.suppressed_reason is null then b.days_upper end as median_days_upper,
    r.suppressed_reason
from ruled as r
join (
    select distinct days_lower, days_upper from marts.pooled_requisitions
) as b on b.days_lower = r.days_lower
join publish.publication_groups as g
    on g.facility_type = r.facility_type and g.bed_band = r.bed_band and g.region = r.region
where g.suppressed_reason is null;
