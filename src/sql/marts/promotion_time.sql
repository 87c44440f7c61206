-- one row per org_id ('all' = every organisation), from_role and to_role ('all' = any role promoted into): employments promoted out of from_role and the median months they spent in it first
-- Time in role runs from the start of the unbroken stretch in from_role (title-only changes do not break it;
-- unmapped and unknown spells are skipped as in marts.role_transitions) to the start of the promoted role.
-- Only each employment's first promotion out of a role counts. Months = days / 30.4375. Promoted people
-- only: those still in the role or who left it without promotion are not in n (no censoring).
create or replace table marts.promotion_time as
with as_of as (
    select as_of from meta.as_of
),
known as (
    select p.*
    from core.position_spells p, as_of a
    where p.role not in ('unmapped', 'unknown') and p.start_on <= a.as_of
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
        -- the run starts with the spell that changed role; a contractor spell there is no employee move
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
),
first_promotions as (
    select org_id, from_role, from_role_family, from_ladder_level, to_role, (moved_on - from_start_on) / 30.4375 as months
    from moves
    where from_role is not null
        and employment_type = 'employee'
        and (coalesce(to_ladder_level > from_ladder_level, false)
            or (to_role_family in ('specialist', 'leadership') and to_role_family <> from_role_family
                and not coalesce(to_ladder_level < from_ladder_level, false)))
    qualify row_number() over (partition by employee_id, hire_on, from_role order by moved_on) = 1
)
select
    case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
    from_role,
    any_value(from_role_family) as from_role_family,
    cast(any_value(from_ladder_level) as integer) as from_ladder_level,
    case when grouping(to_role) = 1 then 'all' else to_role end as to_role,
    cast(count(*) as integer) as n,
    cast(quantile_cont(months, 0.5) as double) as median_months
from first_promotions
group by grouping sets ((org_id, from_role, to_role), (org_id, from_role), (from_role, to_role), (from_role))
order by 1, 2, 5;
