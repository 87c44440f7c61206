-- one row per employment: the window [hire_on, end_on) that job-history and pay rows are attributed to
create or replace table core.employment_windows as
select
    employee_id,
    hire_on,
    employment_seq,
    org_id,
    -- termination_on is the last day worked, so the half-open window ends the day after
    termination_on + 1 as end_on,
    -- a row dated between a termination and the next hire is no longer this employment's business
    lead(hire_on) over (partition by employee_id order by hire_on) as next_hire_on
from core.employees;
