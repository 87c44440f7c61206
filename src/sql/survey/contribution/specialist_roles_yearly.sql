-- one row per (year of the period, specialist domain with a role held that year): employees who held a specialist role of that primary domain on any day of the year (people)
-- The society counts the organisations with such a role (people > 0) per peer group and year; the
-- number of holders is pooled, never published per organisation.
create or replace temp table contribution_specialist_roles_yearly as
select
    cast(y.year as integer) as year,
    cast(p.primary_domain as varchar) as domain,
    cast(count(distinct p.employee_id) as integer) as people
from core.staffed_spells as p
join core.year_snapshots as y
    on p.start_on <= y.on_date and (p.end_on is null or p.end_on > make_date(y.year, 1, 1))
cross join contribution_scope as s
where p.org_id = s.org_id
    and p.role_family = 'specialist'
    and p.primary_domain is not null
    and y.year between year(s.period_start) and year(s.period_end)
group by all;
