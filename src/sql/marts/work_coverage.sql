-- one row per org_id ('all' = every organisation), year, domain and covered_by (a role family, 'contractor', 'vendor' or 'unattributed'): who did the work orders of a competency domain, with their hours and how many work orders and people that rests on
-- covered_by: for an in-house work order, the role family of the technician's position on the day it was
-- opened ('contractor' for a contractor, 'unknown' for a technician with no position that day); in-house work
-- orders that name no technician are 'unattributed'; vendor work orders are 'vendor'.
-- hours: labour hours booked (vendor work orders often book none: vendor_work_orders says how much vendor
-- work there is when its hours are missing). people: distinct technicians (null for vendors and
-- unattributed work). Work orders opened up to as_of.
create or replace table marts.work_coverage as
with work as (
    select
        w.org_id,
        w.year,
        w.domain,
        w.technician_id,
        case
            when not w.is_in_house then 'vendor'
            when w.technician_id is null then 'unattributed'
            when p.employment_type = 'contractor' then 'contractor'
            else coalesce(p.role_family, 'unknown')
        end as covered_by,
        cast(coalesce(w.labor_hours, 0) as decimal(38, 6)) as hours
    from core.work_orders as w
    left join core.position_spells as p
        on w.is_in_house
        and p.employee_id = w.technician_id
        and p.start_on <= w.opened_on
        and coalesce(p.end_on, date '9999-12-31') > w.opened_on
    where w.opened_on <= (select as_of from meta.as_of)
    -- overlapping spells of one person (two employments) count the work order once
    qualify row_number() over (partition by w.work_order_id order by p.start_on desc nulls last) = 1
)
select
    case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
    cast(year as integer) as year,
    domain,
    covered_by,
    cast(count(*) as integer) as work_orders,
    cast(sum(hours) as double) as hours,
    cast(case when covered_by not in ('vendor', 'unattributed') then count(distinct technician_id) end as integer) as people
from work
group by grouping sets ((org_id, year, domain, covered_by), (year, domain, covered_by))
order by 1, 2, 3, 4;
