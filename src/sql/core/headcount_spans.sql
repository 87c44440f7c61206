-- one row per (employee_id, org_id or 'all', role_family or 'all') run of consecutive or overlapping staffed spells: the days a person counts once in that group's headcount
create or replace table core.headcount_islands as
-- Headcount marts count people on a day by events (islands started by d less those ended by d),
-- which is O(spells) where joining every month to every spell is O(months × people). Overlapping
-- spells of one person in a group (two employments at once) are merged first, so each island
-- counts once: the same answer as count(distinct employee_id) over the spells in force.
with grouped as (
    select employee_id, org_id, role_family, start_on, coalesce(end_on, date '9999-12-31') as end_on
    from core.staffed_spells
    union all
    select employee_id, org_id, 'all', start_on, coalesce(end_on, date '9999-12-31')
    from core.staffed_spells
    union all
    select employee_id, 'all', role_family, start_on, coalesce(end_on, date '9999-12-31')
    from core.staffed_spells
    union all
    select employee_id, 'all', 'all', start_on, coalesce(end_on, date '9999-12-31')
    from core.staffed_spells
),

ordered as (
    select
        *,
        -- the latest end of the person's earlier spells in the group: at or after this start, it overlaps or touches
        max(end_on) over (
            partition by employee_id, org_id, role_family
            order by start_on, end_on rows between unbounded preceding and 1 preceding
        ) as covered_until
    from grouped
),

numbered as (
    select
        *,
        sum(case when covered_until >= start_on then 0 else 1 end) over (
            partition by employee_id, org_id, role_family
            order by start_on, end_on rows between unbounded preceding and current row
        ) as island
    from ordered
)

select
    employee_id,
    cast(org_id as varchar) as org_id,
    cast(role_family as varchar) as role_family,
    min(start_on) as start_on,
    -- null = still staffed
    nullif(max(end_on), date '9999-12-31') as end_on
from numbered
group by employee_id, org_id, role_family, island;
