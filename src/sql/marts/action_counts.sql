-- one row per org_id ('all' = every organisation) and list (pay_below_range_or_market, certifications_expiring, single_incumbent_near_retirement): how many people the HR action lists of `htm-workforce actions` name on as_of; the lists themselves never leave core
-- n: people on the list (a person with two expiring certifications counts once); every list has a row
-- for every organisation, 0 when empty, so an empty list is told apart from a missing one.
create or replace table marts.action_counts as
with lists as (
    select 'pay_below_range_or_market' as list, org_id, employee_id from core.action_pay_below
    union all
    select 'certifications_expiring', org_id, employee_id from core.action_certifications_expiring
    union all
    select 'single_incumbent_near_retirement', org_id, employee_id from core.action_single_incumbents
),

counted as (
    select
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        list,
        count(distinct employee_id) as n
    from lists
    group by grouping sets ((org_id, list), (list))
),

frame as (
    select o.org_id, l.list
    from (select org_id from core.orgs union all select 'all') as o
    cross join (
        values ('pay_below_range_or_market'), ('certifications_expiring'), ('single_incumbent_near_retirement')
    ) as l (list)
)

select f.org_id, f.list, cast(coalesce(c.n, 0) as integer) as n
from frame as f
left join counted as c on c.org_id = f.org_id and c.list = f.list
order by f.org_id, f.list;
