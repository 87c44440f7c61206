-- one row per (peer group, role_family, requisition_status, day bin): requisitions filled in the contributions' periods by days to fill, and open at their ends by age
drop table if exists marts.pooled_requisitions;
create table marts.pooled_requisitions as
select
    m.facility_type,
    m.bed_band,
    m.region,
    r.role_family,
    r.requisition_status,
    r.days_lower,
    r.days_upper,
    cast(sum(r.requisitions) as integer) as requisitions,
    cast(count(distinct m.contributor_id) as integer) as orgs,
    case
        when count(distinct m.contributor_id) < max(s.min_orgs_benchmark)
            then 'fewer than ' || cast(max(s.min_orgs_benchmark) as varchar(20)) || ' organisations'
    end as suppressed_reason
from survey.contribution_rows as r
join survey.pooled_members as m on m.contribution_id = r.contribution_id
cross join survey.settings as s
where r.table_name = 'requisitions'
group by m.facility_type, m.bed_band, m.region, r.role_family, r.requisition_status, r.days_lower, r.days_upper;
