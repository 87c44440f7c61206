-- one row per employment that ended on or before as_of, with the position and pay held on its last day
create or replace table core.separations as
with ended as (
    select *
    from core.employees
    where termination_on is not null
        and termination_on <= (select as_of from meta.as_of)
),

-- the latest rate that started by the last day worked
pay_at_exit as (
    select e.employee_id, e.hire_on, arg_max(p.annual_pay_usd, p.start_on) as annual_pay_usd
    from ended as e
    join core.pay_spells as p
        on p.employee_id = e.employee_id and p.hire_on = e.hire_on and p.start_on <= e.termination_on
    group by all
)

select
    e.employee_id,
    e.hire_on,
    e.org_id,
    e.termination_on,
    cast(year(e.termination_on) as integer) as year,
    cast(date_trunc('month', e.termination_on) as date) as month_start,
    e.termination_type,
    e.is_voluntary,
    coalesce(s.role, 'unknown') as role,
    coalesce(s.role_family, 'unknown') as role_family,
    coalesce(s.employment_type, 'employee') as employment_type,
    p.annual_pay_usd
from ended as e
left join core.position_spells as s
    on s.employee_id = e.employee_id
    and s.hire_on = e.hire_on
    and s.start_on <= e.termination_on
    -- coalesce, not "is null or": an or in an outer join's condition turns the hash join into a nested loop
    and e.termination_on < coalesce(s.end_on, date '9999-12-31')
left join pay_at_exit as p on p.employee_id = e.employee_id and p.hire_on = e.hire_on;
