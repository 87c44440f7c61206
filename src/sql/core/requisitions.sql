-- one row per requisition
create or replace table core.requisitions as
select
    r.requisition_id,
    coalesce(r.org_id, 'default') as org_id,
    r.job_title as raw_job_title,
    coalesce(t.role, 'unmapped') as role,
    coalesce(t.role_family, 'unmapped') as role_family,
    r.opened_date as opened_on,
    r.filled_date as filled_on,
    r.cancelled_date as cancelled_on,
    r.hire_source,
    case
        when r.filled_date is not null then 'filled'
        when r.cancelled_date is not null then 'cancelled'
        else 'open'
    end as status,
    cast(date_diff('day', r.opened_date, r.filled_date) as integer) as time_to_fill_days
from raw.requisitions as r
left join core.job_title_roles as t on t.raw_job_title = r.job_title
order by r.requisition_id;
