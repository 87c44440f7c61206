-- one row per (month of the period, role_family or 'all'): headcount and FTE counted as marts.headcount_monthly counts them (the month's last day, or period_end)
create or replace temp table contribution_headcount_monthly as
with scope as (
    select * from contribution_scope
),

days as (
    select m.month_start, least(m.month_end, s.period_end) as counted_on
    from core.months as m, scope as s
    where m.month_end >= s.period_start and m.month_start <= s.period_end
),

spells as (
    select s.* from core.staffed_spells as s where s.org_id = (select org_id from scope)
),

staffed as (
    select d.month_start, s.role_family, s.employee_id, s.fte
    from days as d
    join spells as s on s.start_on <= d.counted_on and (s.end_on is null or d.counted_on < s.end_on)
),

-- 'all' counted with distinct, not summed over families, exactly as the mart does
counted as (
    select
        month_start,
        case when grouping(role_family) = 1 then 'all' else role_family end as role_family,
        count(distinct employee_id) as headcount,
        sum(cast(fte as decimal(38, 6))) as fte
    from staffed
    group by grouping sets ((month_start, role_family), (month_start))
),

families as (
    select distinct role_family from spells
    union
    select 'all'
)

select
    d.month_start,
    cast(year(d.month_start) as integer) as year,
    f.role_family,
    cast(coalesce(c.headcount, 0) as integer) as headcount,
    coalesce(c.fte, 0) as fte
from days as d
cross join families as f
left join counted as c on c.month_start = d.month_start and c.role_family = f.role_family;
