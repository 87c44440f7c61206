-- one row per job-history row clipped to its employment (spells are half-open [start_on, end_on), end_on null = ongoing)
create or replace table core.position_spells as
with history as (
    select
        employee_id,
        effective_date,
        job_title,
        department,
        coalesce(fte, 1.0) as fte,
        coalesce(employment_type, 'employee') as employment_type
    from raw.job_history
),

-- a row belongs to the employment in force on its date; rows dated before the first hire (the
-- title held at hire) belong to the first employment
attributed as (
    select w.employee_id, w.hire_on, w.org_id, w.end_on as employment_end_on, h.*
    exclude (employee_id)
    from history as h
    join core.employment_windows as w
        on w.employee_id = h.employee_id
        and (h.effective_date >= w.hire_on or w.employment_seq = 1)
        and (w.next_hire_on is null or h.effective_date < w.next_hire_on)
        -- a row dated after the employment ended belongs to none (meta.rows_outside_employment)
        and (w.end_on is null or h.effective_date < w.end_on)
),

bounded as (
    select
        employee_id,
        hire_on,
        org_id,
        job_title,
        department,
        fte,
        employment_type,
        -- the first row of an employment starts at hire even when the HRIS dated it later or earlier
        case
            when row_number() over w = 1 then hire_on
            else greatest(effective_date, hire_on)
        end as start_on,
        least(lead(effective_date) over w, employment_end_on) as end_on
    from attributed
    window w as (partition by employee_id, hire_on order by effective_date)
),

from_history as (
    select * from bounded where end_on is null or start_on < end_on
),

without_history as (
    select
        w.employee_id,
        w.hire_on,
        w.org_id,
        cast(null as varchar) as job_title,
        cast(null as varchar) as department,
        1.0 as fte,
        'employee' as employment_type,
        w.hire_on as start_on,
        w.end_on
    from core.employment_windows as w
    where not exists (
        select 1 from from_history as s where s.employee_id = w.employee_id and s.hire_on = w.hire_on
    )
)

select
    s.employee_id,
    s.hire_on,
    s.org_id,
    cast(row_number() over (partition by s.employee_id, s.hire_on order by s.start_on) as integer) as spell_seq,
    s.job_title as raw_job_title,
    case when s.job_title is null then 'unknown' else coalesce(t.role, 'unmapped') end as role,
    case when s.job_title is null then 'unknown' else coalesce(t.role_family, 'unmapped') end as role_family,
    t.ladder_level,
    t.primary_domain,
    s.department,
    cast(s.fte as double) as fte,
    s.employment_type,
    s.start_on,
    s.end_on
from (select * from from_history union all select * from without_history) as s
left join core.job_title_roles as t on t.raw_job_title = s.job_title
order by s.employee_id, s.hire_on, s.start_on;
