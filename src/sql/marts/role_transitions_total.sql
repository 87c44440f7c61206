-- one row per org_id ('all' = every organisation) and from_role -> to_role ('all' -> 'all' = every move): role changes over every year from history_start to as_of, and how many were promotions
-- The all-years view of marts.role_transitions (same moves, same promotion rule), the window the career
-- ladder (marts.promotion_time) counts in too, so a page that names a move's count over the years states
-- one number, with its window in first_year and last_year.
create or replace table marts.role_transitions_total as
with span as (
    select
        cast(year(min(month_start)) as integer) as first_year,
        cast(year((select as_of from meta.as_of)) as integer) as last_year
    from core.months
)
select
    t.org_id,
    t.from_role,
    t.to_role,
    t.from_role_family,
    t.to_role_family,
    cast(sum(t.moves) as integer) as moves,
    cast(sum(t.promotions) as integer) as promotions,
    s.first_year,
    s.last_year
from marts.role_transitions t, span s
group by t.org_id, t.from_role, t.to_role, t.from_role_family, t.to_role_family, s.first_year, s.last_year
order by 1, 2, 3;
