-- one row per org_id ('all' = every organisation), year, group_kind ('ladder_level' or 'role_family') and group_value: the pay of the people in the group at the year's snapshot date, so a role too small for its own pay statistics can show its ladder level's or role family's instead of a blank
-- People and pay exactly as in marts.pay_position (employees in headcount at the snapshot date, 31 December
-- or as_of, with a pay spell in force then; annual_pay_usd). Ladder level from taxonomy.roles (as text,
-- e.g. '2'); roles without a level (unmapped, unknown) appear under their role family only.
-- Privacy: median_pay needs at least min_pay_group people; the publish layer rounds it and names the rule.
create or replace table marts.pay_rollup as
with settings as (
    select min_pay_group from meta.settings
),
paid as (
    select
        p.year,
        p.org_id,
        p.role_family,
        cast(r.ladder_level as varchar) as ladder_level,
        p.annual_pay_usd as pay
    from core.pay_snapshots p
    left join taxonomy.roles r on r.role = p.role
),
groups as (
    select year, org_id, 'ladder_level' as group_kind, ladder_level as group_value, pay
    from paid where ladder_level is not null
    union all
    select year, org_id, 'role_family', role_family, pay
    from paid
),
stats as (
    select
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        year,
        group_kind,
        group_value,
        count(*) as n,
        quantile_cont(pay, 0.5) as median_pay
    from groups
    group by grouping sets ((org_id, year, group_kind, group_value), (year, group_kind, group_value))
)
select
    cast(s.org_id as varchar) as org_id,
    cast(s.year as integer) as year,
    cast(s.group_kind as varchar) as group_kind,
    cast(s.group_value as varchar) as group_value,
    cast(s.n as integer) as n,
    cast(case when s.n >= g.min_pay_group then s.median_pay end as double) as median_pay
from stats s
cross join settings g
order by 1, 2, 3, 4;
