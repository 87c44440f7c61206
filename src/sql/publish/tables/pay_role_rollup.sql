-- one row per (org_id, year, role) whose own pay statistics are withheld although it has people: the median pay of its ladder level, else of its role family, where that group is large enough, and the rule that applied (internal audience; a public build has none)
create or replace table publish.pay_role_rollup as
with withheld as (
    select p.org_id, p.year, p.role, p.role_family, p.n, cast(r.ladder_level as varchar) as ladder_level
    from publish.pay_position p
    left join warehouse.taxonomy.roles r on r.role = p.role
    where p.role <> 'all' and p.median_pay is null and p.n > 0
),
candidates as (
    select
        w.*,
        g.group_kind,
        g.group_value,
        g.n as group_n,
        g.median_pay as group_median_pay,
        row_number() over (
            partition by w.org_id, w.year, w.role
            order by case g.group_kind when 'ladder_level' then 1 else 2 end
        ) as preference
    from withheld w
    join publish.pay_rollup g
        on g.org_id = w.org_id and g.year = w.year and g.median_pay is not null
        and (
            (g.group_kind = 'ladder_level' and g.group_value = w.ladder_level)
            or (g.group_kind = 'role_family' and g.group_value = w.role_family)
        )
)
select
    c.org_id,
    c.year,
    c.role,
    c.role_family,
    c.group_kind as rollup_kind,
    c.group_value as rollup_value,
    c.group_n as rollup_n,
    c.group_median_pay as rollup_median_pay,
    format(
        '{} has fewer than {} people with pay (min_pay_group): shown as the median of {} ({} people)',
        c.role, s.min_pay_group,
        case c.group_kind when 'ladder_level' then 'ladder level ' || c.group_value else 'the ' || c.group_value || ' family' end,
        c.group_n
    ) as rule
from candidates c
cross join work.settings s
where c.preference = 1
order by 1, 2, 3;
