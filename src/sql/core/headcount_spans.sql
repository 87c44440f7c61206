-- one row per (employee_id, org_id or 'all', role_family or 'all', start_on): a span of days the person counts in that group's headcount; one person's spans in a group never overlap
create or replace table core.headcount_spans as
-- Headcount marts count people on a day d by events: spans started by d less spans ended by d.
-- That is O(spells), where joining every month to every spell is O(months × people), and it is
-- count(distinct employee_id) over the spells in force because one person's spans in a group
-- never overlap: spells of one employment follow each other, and only someone rehired while still
-- employed (two employments at once) has overlapping spells, clipped here to the days not yet
-- covered by an earlier one.
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

rehired as (
    select employee_id from core.employees group by employee_id having count(*) > 1
),

-- the spells of people with more than one employment, with the latest end of their earlier
-- spells in the group: the days before it are already counted (the spell reaching it started
-- no later than this one, so it covers every day from this start to that end)
rehired_spells as (
    select
        g.*,
        max(g.end_on) over (
            partition by g.employee_id, g.org_id, g.role_family
            order by g.start_on, g.end_on rows between unbounded preceding and 1 preceding
        ) as covered_until
    from grouped as g
    where exists (select 1 from rehired as r where r.employee_id = g.employee_id)
),

spans as (
    select g.employee_id, g.org_id, g.role_family, g.start_on, g.end_on
    from grouped as g
    where not exists (select 1 from rehired as r where r.employee_id = g.employee_id)
    union all
    select employee_id, org_id, role_family, greatest(start_on, coalesce(covered_until, start_on)), end_on
    from rehired_spells
    where end_on > greatest(start_on, coalesce(covered_until, start_on))
)

select
    employee_id,
    cast(org_id as varchar) as org_id,
    cast(role_family as varchar) as role_family,
    start_on,
    -- null = still staffed
    nullif(end_on, date '9999-12-31') as end_on
from spans;
