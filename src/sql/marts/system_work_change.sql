-- one row per org_id ('all' = every organisation) and equipment system: the first and last complete years compared, the first year with any work, and the trend in words ('rising', 'falling', 'steady') where at least 5 work orders support one
-- Rising: the last year has at least 1.25 times the first year's work orders (or the first had
-- none); falling: at most 0.8 times; steady otherwise. Fewer than 5 work orders in the two years
-- together: no trend (null), the page says the data are too few.
create or replace table marts.system_work_change as
with years as (
    select org_id, min(year) as first_year, max(year) as last_year
    from marts.system_work_yearly
    where is_complete_year
    group by org_id
    having min(year) < max(year)
),

first_work as (
    select org_id, system, min(year) as first_year_with_work, sum(work_orders) as work_orders_total
    from marts.system_work_yearly
    where work_orders > 0
    group by all
)

select
    cast(y.org_id as varchar) as org_id,
    cast(f.system as varchar) as system,
    cast(y.first_year as integer) as first_year,
    cast(y.last_year as integer) as last_year,
    cast(f.work_orders as integer) as work_orders_first,
    cast(l.work_orders as integer) as work_orders_last,
    cast(f.in_house_hours as double) as in_house_hours_first,
    cast(l.in_house_hours as double) as in_house_hours_last,
    cast(w.first_year_with_work as integer) as first_year_with_work,
    cast(coalesce(w.work_orders_total, 0) as integer) as work_orders_total,
    cast(case
        when f.work_orders + l.work_orders < 5 then null
        when l.work_orders >= 1.25 * f.work_orders then 'rising'
        when l.work_orders <= 0.8 * f.work_orders then 'falling'
        else 'steady'
    end as varchar) as trend,
    cast(l.work_orders / nullif(f.work_orders, 0) as double) as change_ratio
from years as y
join marts.system_work_yearly as f on f.org_id = y.org_id and f.year = y.first_year
join marts.system_work_yearly as l on l.org_id = y.org_id and l.year = y.last_year and l.system = f.system
left join first_work as w on w.org_id = y.org_id and w.system = f.system
order by org_id, system;
