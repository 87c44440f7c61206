-- one row per (source, column_name, raw value) that matched no taxonomy rule, with the rows that carry it
create or replace table meta.unmapped_values as
with unmapped as (
    select 'job_history' as source, 'job_title' as column_name, h.job_title as value, count(*) as n
    from raw.job_history as h
    join core.job_title_roles as t on t.raw_job_title = h.job_title
    where t.role = 'unmapped'
    group by all
    union all
    select 'requisitions', 'job_title', raw_job_title, count(*)
    from core.requisitions
    where role = 'unmapped'
    group by all
    union all
    select 'certifications', 'certification', raw_certification, count(*)
    from core.certifications
    where certification_code = 'unmapped'
    group by all
    union all
    select 'work_orders', 'work_type', work_type, sum(work_orders)
    from core.work_order_domains
    where not is_work_type_mapped
    group by all
    union all
    -- a device type matters for work orders only when the work type left the domain open
    select 'work_orders', 'device_type', w.device_type, sum(w.work_orders)
    from core.work_order_domains as w
    join core.device_type_domains as d on d.device_type = w.device_type
    where w.domain = 'unmapped' and not d.is_mapped
    group by all
    union all
    select 'assets', 'device_type', a.device_type, count(*)
    from raw.assets as a
    join core.device_type_domains as d on d.device_type = a.device_type
    where not d.is_mapped
    group by all
)

select source, column_name, value, cast(n as bigint) as rows
from unmapped
order by source, column_name, value;
