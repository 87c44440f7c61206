-- one row per org_id ('all' = every organisation), year and from_role -> to_role ('all' -> 'all' = every move that year): role changes of employees and how many were promotions
-- A move is a change of canonical role between consecutive position spells of one employment (a new title
-- that maps to the same role is no move; a rehire is a new employment, not a move). Spells whose title is
-- unmapped or unknown are skipped, so the move is counted between the known roles either side. Counted in
-- the year the new role started, from history_start (the first month of core.months) up to as_of, when the
-- new spell is an employee (not contractor) spell.
-- Promotion: a higher ladder level, or a move into the specialist or leadership family from another family
-- unless it lowers the ladder level.
create or replace table marts.role_transitions as
with as_of as (
    select as_of from meta.as_of
),
known as (
    select p.*
    from core.position_spells p, as_of a
    where p.role not in ('unmapped', 'unknown') and p.start_on <= a.as_of
),
sequenced as (
    select
        org_id,
        employment_type,
        start_on,
        role,
        role_family,
        ladder_level,
        lag(role) over w as from_role,
        lag(role_family) over w as from_role_family,
        lag(ladder_level) over w as from_ladder_level
    from known
    window w as (partition by employee_id, hire_on order by start_on)
),
moves as (
    select
        org_id,
        year(start_on) as year,
        from_role,
        role as to_role,
        from_role_family,
        role_family as to_role_family,
        coalesce(ladder_level > from_ladder_level, false)
            or (role_family in ('specialist', 'leadership') and role_family <> from_role_family
                and not coalesce(ladder_level < from_ladder_level, false)) as is_promotion
    from sequenced
    where from_role is not null and from_role <> role and employment_type = 'employee'
        -- before history_start the export lacks the people who left, and so their moves
        and start_on >= (select min(month_start) from core.months)
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
