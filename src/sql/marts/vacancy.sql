-- one row per org_id ('all' = every organisation) and role_family ('all' = every family) at as_of: open requisitions against headcount, the openings rate
-- vacancy_rate = open_reqs / (headcount + open_reqs) [BLS JOLTS openings rate]. Headcount as in
-- marts.headcount_monthly: employees (not contractors) with a staffed spell in force at as_of (a leaver is not
-- counted on their termination date), by the family of that spell; open requisitions by the family of the
-- requisition's role.
create or replace table marts.vacancy as
with as_of as (
    select as_of from meta.as_of
),
staff as (
    select distinct p.org_id, p.role_family, p.employee_id, 1 as staff, 0 as open_req
    from core.staffed_spells p, as_of a
    where p.start_on <= a.as_of and coalesce(p.end_on, date '9999-12-31') > a.as_of
),
open_reqs as (
    select r.org_id, r.role_family, r.requisition_id, 0 as staff, 1 as open_req
    from core.requisitions r, as_of a
    where r.opened_on <= a.as_of
        and coalesce(r.filled_on, date '9999-12-31') > a.as_of
        and coalesce(r.cancelled_on, date '9999-12-31') > a.as_of
),
counted as (
    select org_id, role_family, staff, open_req from staff
    union all
    select org_id, role_family, staff, open_req from open_reqs
)
select
    case when grouping(c.org_id) = 1 then 'all' else c.org_id end as org_id,
    any_value(a.as_of) as as_of,
    case when grouping(c.role_family) = 1 then 'all' else c.role_family end as role_family,
    cast(sum(c.open_req) as integer) as open_reqs,
    cast(sum(c.staff) as integer) as headcount,
    cast(sum(c.open_req) / nullif(sum(c.staff) + sum(c.open_req), 0) as double) as vacancy_rate
from counted c, as_of a
group by grouping sets ((c.org_id, c.role_family), (c.role_family), (c.org_id), ())
-- the grand-total grouping set yields a row even from no input; an empty input stays empty
having count(*) > 0
order by 1, 3;
