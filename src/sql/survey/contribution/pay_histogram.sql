-- one row per (year, group_kind, group_value, pay bin) of the groups that meet the floors: employees paid within the bin on 31 December (or period_end), as marts.pay_position picks them
-- Bins are fixed ([k × width, (k + 1) × width)), so histograms from any number of organisations
-- add up bin by bin. No sum or mean of pay: the sum for a group of one is that person's pay.
create or replace temp table contribution_pay_candidates as
with scope as (
    select * from contribution_scope
),

snapshots as (
    select distinct cast(year(m.month_start) as integer) as year,
        least(make_date(year(m.month_start), 12, 31), s.period_end) as on_date
    from core.months as m, scope as s
    where m.month_end >= s.period_start and m.month_start <= s.period_end
),

paid as (
    select n.year, p.role, p.role_family, ps.annual_pay_usd as pay
    from snapshots as n
    join core.staffed_spells as p
        on p.start_on <= n.on_date and coalesce(p.end_on, date '9999-12-31') > n.on_date
    join core.pay_spells as ps
        on ps.employee_id = p.employee_id
        and ps.hire_on = p.hire_on
        and ps.start_on <= n.on_date
        and coalesce(ps.end_on, date '9999-12-31') > n.on_date
    where p.org_id = (select org_id from scope)
),

grouped as (
    select year, 'role' as group_kind, role as group_value, pay from paid
    union all
    select year, 'role_family', role_family, pay from paid
    union all
    select year, 'all', 'all', pay from paid
),

binned as (
    select
        g.year, g.group_kind, g.group_value,
        floor(g.pay / s.pay_bin_usd) * s.pay_bin_usd as pay_lower_usd,
        (floor(g.pay / s.pay_bin_usd) + 1) * s.pay_bin_usd as pay_upper_usd,
        cast(count(*) as integer) as people
    from grouped as g, scope as s
    group by all
)

select
    b.*,
    sum(b.people) over (partition by b.year, b.group_kind, b.group_value) as group_people,
    min(b.people) over (partition by b.year, b.group_kind, b.group_value) as smallest_bin
from binned as b;

-- Refused: a group under the floors, and any parent (role family, then all) from which a refused
-- group of fewer than survey_min_pay_group people could be had by difference (the parent's
-- histogram minus its published children)
create or replace temp table contribution_pay_refusals as
with groups as (
    select distinct year, group_kind, group_value, group_people as people, smallest_bin
    from contribution_pay_candidates
),

families_of_roles as (
    select distinct n.year, p.role, p.role_family
    from core.staffed_spells as p,
        (select distinct year from contribution_pay_candidates) as n
    where p.org_id = (select org_id from contribution_scope)
),

floors as (
    select
        g.*,
        g.people < s.min_pay_group as is_small,
        g.smallest_bin < s.min_pay_bin as has_small_bin,
        s.min_pay_group,
        s.min_pay_bin
    from groups as g, contribution_scope as s
),

roles as (
    select f.*, f.is_small or f.has_small_bin as is_refused from floors as f where f.group_kind = 'role'
),

families as (
    select
        f.*,
        coalesce((
            select sum(r.people) from roles as r
            join families_of_roles as x on x.year = r.year and x.role = r.group_value
            where r.year = f.year and x.role_family = f.group_value and r.is_refused
        ), 0) as hidden_people
    from floors as f
    where f.group_kind = 'role_family'
),

families_refused as (
    select *, is_small or has_small_bin or (hidden_people > 0 and hidden_people < min_pay_group) as is_refused
    from families
),

totals as (
    select
        f.*,
        -- people of refused families, and of those the ones in no published role
        coalesce((select sum(x.people) from families_refused as x where x.year = f.year and x.is_refused), 0)
            as refused_family_people,
        coalesce((select sum(x.people) from families_refused as x where x.year = f.year and x.is_refused), 0)
        - coalesce((
            select sum(r.people) from roles as r
            join families_of_roles as m on m.year = r.year and m.role = r.group_value
            join families_refused as x on x.year = r.year and x.group_value = m.role_family
            where r.year = f.year and not r.is_refused and x.is_refused
        ), 0) as hidden_people
    from floors as f
    where f.group_kind = 'all'
),

refused as (
    select year, group_kind, group_value, people,
        case
            when is_small then 'fewer than ' || min_pay_group || ' people (survey_min_pay_group)'
            else 'a pay bin holds fewer than ' || min_pay_bin || ' people (survey_min_pay_bin)'
        end as reason
    from roles where is_refused
    union all
    select year, group_kind, group_value, people,
        case
            when is_small then 'fewer than ' || min_pay_group || ' people (survey_min_pay_group)'
            when has_small_bin then 'a pay bin holds fewer than ' || min_pay_bin || ' people (survey_min_pay_bin)'
            else 'its refused roles (' || hidden_people || ' people) could be had by difference'
        end
    from families_refused where is_refused
    union all
    select year, group_kind, group_value, people,
        case
            when is_small then 'fewer than ' || min_pay_group || ' people (survey_min_pay_group)'
            when has_small_bin then 'a pay bin holds fewer than ' || min_pay_bin || ' people (survey_min_pay_bin)'
            else 'refused groups (' || least(refused_family_people, hidden_people) || ' people) could be had by difference'
        end
    from totals
    where is_small or has_small_bin
        or (refused_family_people > 0 and refused_family_people < min_pay_group)
        or (hidden_people > 0 and hidden_people < min_pay_group)
)

select cast(year as integer) as year, group_kind, group_value, cast(people as integer) as people, reason
from refused;

create or replace temp table contribution_pay_histogram as
select c.year, c.group_kind, c.group_value, cast(c.pay_lower_usd as double) as pay_lower_usd,
    cast(c.pay_upper_usd as double) as pay_upper_usd, c.people
from contribution_pay_candidates as c
where not exists (
    select 1 from contribution_pay_refusals as r
    where r.year = c.year and r.group_kind = c.group_kind and r.group_value = c.group_value
);
