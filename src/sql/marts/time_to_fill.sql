-- one row per org_id ('all' = every organisation) and role ('all' = every role) with a requisition opened by as_of: days from opened to filled of filled requisitions, and requisitions still open at as_of
-- A requisition counts as filled when filled_on <= as_of; it is open at as_of when opened by then and
-- neither filled nor cancelled by then. Quantiles are quantile_cont: linear interpolation between order
-- statistics, R's quantile(type = 7) default.
create or replace table marts.time_to_fill as
with as_of as (
    select as_of from meta.as_of
),
reqs as (
    select
        r.org_id,
        r.role,
        r.role_family,
        case when r.filled_on <= a.as_of then r.filled_on - r.opened_on end as fill_days,
        coalesce(r.filled_on, date '9999-12-31') > a.as_of and coalesce(r.cancelled_on, date '9999-12-31') > a.as_of
            as is_open,
        a.as_of - r.opened_on as age_days
    from core.requisitions r, as_of a
    where r.opened_on <= a.as_of
)
select
    case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
    case when grouping(role) = 1 then 'all' else role end as role,
    case when grouping(role) = 1 then 'all' else any_value(role_family) end as role_family,
    cast(count(fill_days) as integer) as filled,
    cast(quantile_cont(fill_days, 0.5) as double) as median_days,
    cast(quantile_cont(fill_days, 0.75) as double) as p75_days,
    cast(avg(fill_days) as double) as mean_days,
    cast(count(*) filter (where is_open) as integer) as open_now,
    cast(max(age_days) filter (where is_open) as integer) as oldest_open_days
from reqs
group by grouping sets ((org_id, role), (role), (org_id), ())
-- the grand-total grouping set yields a row even from no input; an empty input stays empty
having count(*) > 0
order by 1, 2;
