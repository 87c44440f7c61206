-- one row per (month of the period, role_family or 'all'): first- and last-day headcount and separations, the SHRM inputs marts.turnover_annual uses
create or replace temp table contribution_turnover_monthly as
with scope as (
    select * from contribution_scope
),

-- the period's first month is counted from period_start, its last up to period_end (as the mart
-- does with history_start and as_of)
months as (
    select
        m.month_start,
        greatest(m.month_start, s.period_start) as first_on,
        least(m.month_end, s.period_end) as month_end
    from core.months as m, scope as s
    where m.month_end >= s.period_start and m.month_start <= s.period_end
),

spells as (
    select s.* from core.staffed_spells as s where s.org_id = (select org_id from scope)
),

facts as (
    select m.month_start, s.role_family, s.employee_id, 'start' as kind
    from months as m
    join spells as s on s.start_on <= m.first_on and (s.end_on is null or m.first_on < s.end_on)
    union all
    select m.month_start, s.role_family, s.employee_id, 'end'
    from months as m
    join spells as s on s.start_on <= m.month_end and (s.end_on is null or m.month_end < s.end_on)
    union all
    select x.month_start, x.role_family, x.employee_id,
        case when x.is_voluntary then 'voluntary' else 'separation' end
    from core.separations as x, scope as s
    where x.org_id = s.org_id
        and x.employment_type = 'employee'
        and x.termination_on >= s.period_start
        and x.termination_on <= s.period_end
),

counted as (
    select
        month_start,
        case when grouping(role_family) = 1 then 'all' else role_family end as role_family,
        count(distinct employee_id) filter (where kind = 'start') as headcount_start,
        count(distinct employee_id) filter (where kind = 'end') as headcount_end,
        count(*) filter (where kind in ('separation', 'voluntary')) as separations,
        count(*) filter (where kind = 'voluntary') as voluntary_separations
    from facts
    group by grouping sets ((month_start, role_family), (month_start))
),

families as (
    select distinct role_family from spells
    union
    select distinct role_family from core.separations where org_id = (select org_id from scope)
    union
    select 'all'
)

select
    m.month_start,
    cast(year(m.month_start) as integer) as year,
    f.role_family,
    cast(coalesce(c.headcount_start, 0) as integer) as headcount_start,
    cast(coalesce(c.headcount_end, 0) as integer) as headcount_end,
    cast(coalesce(c.separations, 0) as integer) as separations,
    cast(coalesce(c.voluntary_separations, 0) as integer) as voluntary_separations
from months as m
cross join families as f
left join counted as c on c.month_start = m.month_start and c.role_family = f.role_family;
