-- one row per completed course (employee_id, course, completed_on)
create or replace table core.training as
select
    employee_id,
    course,
    completed_date as completed_on,
    hours,
    cost as cost_usd,
    provider,
    lower(domain) as domain
from raw.training
order by employee_id, completed_on, course;
