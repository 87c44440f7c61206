-- one row per (year, role_family or 'all', separation_type) with at least one separation of an employee in the period
create or replace temp table contribution_separations_by_type as
select
    x.year,
    case when grouping(x.role_family) = 1 then 'all' else x.role_family end as role_family,
    coalesce(x.termination_type, 'other') as separation_type,
    cast(count(*) as integer) as separations
from core.separations as x, contribution_scope as s
where x.org_id = s.org_id
    and x.employment_type = 'employee'
    and x.termination_on >= s.period_start
    and x.termination_on <= s.period_end
group by grouping sets ((x.year, x.role_family, coalesce(x.termination_type, 'other')), (x.year, coalesce(x.termination_type, 'other')));
