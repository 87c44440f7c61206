-- one row per org_id ('all' = every organisation), year and role_family ('all' = every family): role changes and promotions per 100 average headcount
-- Moves and promotions as in marts.role_transitions, by the family the person moved from. avg_headcount:
-- person-days in staffed spells (employees, not contractors, up to but not including the termination date,
-- as in marts.headcount_monthly) of that family over the year (up to as_of in the as_of year) / days in
-- that period, i.e. the average daily headcount. The as_of year is year to date, not annualised.
create or replace table marts.internal_mobility as
with as_of as (
    select as_of from meta.as_of
),
periods as (
    select
        year,
        make_date(year, 1, 1) as period_start,
        on_date as period_end
    from core.year_snapshots
),
spell_days as (
    select
        p.org_id,
        p.role_family,
        y.year,
        -- days as integers: the sums are exact, whatever the thread order
        least(coalesce(p.end_on, y.period_end + 1), y.period_end + 1) - greatest(p.start_on, y.period_start)
            as person_days,
        y.period_end - y.period_start + 1 as period_days
    from core.staffed_spells p
    join periods y on p.start_on <= y.period_end and coalesce(p.end_on, date '9999-12-31') > y.period_start
),
headcount as (
    select
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        year,
        case when grouping(role_family) = 1 then 'all' else role_family end as role_family,
        sum(person_days) / any_value(period_days) as avg_headcount
    from spell_days
    group by grouping sets ((org_id, year, role_family), (year, role_family), (org_id, year), (year))
),
moves as (
    select org_id, year, from_role_family as role_family, sum(moves) as moves, sum(promotions) as promotions
    from marts.role_transitions
    where from_role <> 'all'
    group by all
    union all
    select org_id, year, 'all', moves, promotions
    from marts.role_transitions
    where from_role = 'all'
)
select
    h.org_id,
    cast(h.year as integer) as year,
    h.role_family,
    cast(coalesce(m.moves, 0) as integer) as moves,
    cast(coalesce(m.promotions, 0) as integer) as promotions,
    cast(h.avg_headcount as double) as avg_headcount,
    cast(100 * coalesce(m.moves, 0) / h.avg_headcount as double) as moves_per_100,
    cast(100 * coalesce(m.promotions, 0) / h.avg_headcount as double) as promotions_per_100
from headcount h
left join moves m on m.org_id = h.org_id and m.year = h.year and m.role_family = h.role_family
where h.avg_headcount > 0
order by 1, 2, 3;
