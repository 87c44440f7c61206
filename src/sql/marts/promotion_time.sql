-- one row per org_id ('all' = every organisation), from_role and to_role ('all' = any role promoted into): employments promoted out of from_role and the median months they spent in it first
-- Time in role runs from the start of the unbroken stretch in from_role to the start of the promoted role
-- (core.role_moves: the one definition of a move and of a promotion).
-- Only each employment's first promotion out of a role counts. Months = days / 30.4375. Promoted people
-- only: those still in the role or who left it without promotion are not in n (no censoring).
create or replace table marts.promotion_time as
with first_promotions as (
    select org_id, from_role, from_role_family, from_ladder_level, to_role, (moved_on - from_start_on) / 30.4375 as months
    from core.role_moves
    where is_promotion and employment_type = 'employee'
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
