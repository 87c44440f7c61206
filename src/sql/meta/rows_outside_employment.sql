-- one row per job-history or pay row dated outside every employment of its employee (reported, never silently attributed)
create or replace table meta.rows_outside_employment as
with dated as (
    select 'job_history' as source, _source_file as source_file, _source_line as line, employee_id, effective_date
    from raw.job_history
    union all
    select 'pay', _source_file, _source_line, employee_id, effective_date
    from raw.pay
),

-- employees without any employment are orphans (meta.orphans), not this table's business
placed as (
    select
        d.*,
        min(w.hire_on) as first_hire_on,
        bool_or(d.effective_date >= w.hire_on and (w.end_on is null or d.effective_date < w.end_on)) as is_inside
    from dated as d
    join core.employment_windows as w on w.employee_id = d.employee_id
    group by all
)

select
    source,
    source_file,
    cast(line as bigint) as line,
    effective_date,
    case when effective_date < first_hire_on then 'before_first_hire' else 'after_termination' end as position,
    -- the same attribution as core.position_spells and core.pay_spells
    case
        when effective_date < first_hire_on then 'taken as the ' || case when source = 'pay' then 'rate' else 'position' end || ' at the first hire'
        else 'not used: no employment of this employee covers its date'
    end as treatment
from placed
where not is_inside
order by source_file, line;
