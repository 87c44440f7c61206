-- one row per employment (employee_id, hire_on); a rehire is a second employment of the same employee_id
create or replace table core.employees as
select
    employee_id,
    hire_date as hire_on,
    cast(row_number() over (partition by employee_id order by hire_date) as integer) as employment_seq,
    coalesce(org_id, 'default') as org_id,
    termination_date as termination_on,
    termination_type,
    coalesce(termination_type = 'voluntary', false) as is_voluntary,
    cast(birth_year as integer) as birth_year,
    cast(veteran as boolean) as veteran,
    education
from raw.employees
order by employee_id, hire_on;
