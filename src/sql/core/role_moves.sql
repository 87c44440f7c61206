-- one row per move (org_id, employee_id, hire_on, moved_on): a change of canonical role within one employment, the role left and the role entered, and whether it is a promotion
-- The one definition of a move and of a promotion: marts.role_transitions counts them by year and
-- marts.promotion_time times the first promotion out of each role, both from these rows.
-- A move is a change of canonical role between consecutive position spells of one employment (a new title
-- that maps to the same role is no move; a rehire is a new employment, not a move). Spells whose title is
-- unmapped or unknown are skipped, so the move is counted between the known roles either side. The role
-- left is timed from the start of its unbroken run of spells (title-only changes do not break it).
-- employment_type is the new spell's: a contractor spell is no employee move.
-- Promotion: a higher ladder level, or a move into the specialist or leadership family from another family
-- unless it lowers the ladder level.
create or replace table core.role_moves as
with known as (
    select p.*
    from core.position_spells as p
    where p.role not in ('unmapped', 'unknown') and p.start_on <= (select as_of from meta.as_of)
),

flagged as (
    select *, coalesce(role <> lag(role) over w, true) as is_new_run
    from known
    window w as (partition by employee_id, hire_on order by start_on)
),

numbered as (
    select *, sum(cast(is_new_run as integer)) over (partition by employee_id, hire_on order by start_on) as run_no
    from flagged
),

-- unbroken runs of one role (role decides family and ladder level)
runs as (
    select
        employee_id,
        hire_on,
        run_no,
        any_value(org_id) as org_id,
        any_value(role) as role,
        any_value(role_family) as role_family,
        any_value(ladder_level) as ladder_level,
        min(start_on) as run_start_on,
        arg_min(employment_type, start_on) as employment_type
    from numbered
    group by employee_id, hire_on, run_no
),

moves as (
    select
        org_id,
        employee_id,
        hire_on,
        lag(role) over w as from_role,
        lag(role_family) over w as from_role_family,
        lag(ladder_level) over w as from_ladder_level,
        lag(run_start_on) over w as from_start_on,
        role as to_role,
        role_family as to_role_family,
        ladder_level as to_ladder_level,
        run_start_on as moved_on,
        employment_type
    from runs
    window w as (partition by employee_id, hire_on order by run_no)
)

select
    org_id,
    employee_id,
    hire_on,
    from_role,
    from_role_family,
    from_ladder_level,
    from_start_on,
    to_role,
    to_role_family,
    to_ladder_level,
    moved_on,
    employment_type,
    coalesce(to_ladder_level > from_ladder_level, false)
        or (to_role_family in ('specialist', 'leadership') and to_role_family <> from_role_family
            and not coalesce(to_ladder_level < from_ladder_level, false)) as is_promotion
from moves
where from_role is not null;
