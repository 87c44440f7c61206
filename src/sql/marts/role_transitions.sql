-- one row per org_id ('all' = every organisation), year and from_role -> to_role ('all' -> 'all' = every move that year): role changes of employees and how many were promotions
-- Moves and promotions are core.role_moves' (the one definition of each), counted in the year the new role
-- started, from history_start (the first month of core.months) up to as_of, when the new spell is an
-- employee (not contractor) spell.
create or replace table marts.role_transitions as
with moves as (
    select
        org_id,
        year(moved_on) as year,
        from_role,
        to_role,
        from_role_family,
        to_role_family,
        is_promotion
    from core.role_moves
    where employment_type = 'employee'
        -- before history_start the export lacks the people who left, and so their moves
        and moved_on >= (select min(month_start) from core.months)
)
select
    case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
    cast(year as integer) as year,
    case when grouping(from_role) = 1 then 'all' else from_role end as from_role,
    case when grouping(to_role) = 1 then 'all' else to_role end as to_role,
    case when grouping(from_role) = 1 then 'all' else any_value(from_role_family) end as from_role_family,
    case when grouping(to_role) = 1 then 'all' else any_value(to_role_family) end as to_role_family,
    cast(count(*) as integer) as moves,
    cast(count(*) filter (where is_promotion) as integer) as promotions
from moves
group by grouping sets ((org_id, year, from_role, to_role), (year, from_role, to_role), (org_id, year), (year))
order by 1, 2, 3, 4;
