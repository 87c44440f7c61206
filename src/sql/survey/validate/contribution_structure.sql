-- one row per (file, check) that a staged contribution's structure fails: repeated keys, tables that contradict each other, pay bins off the schema's $1,000 grid, breakdowns that do not add up
-- Every row of a genuine file is one key of its table (all dimension columns), so a repeated key
-- is a forged or spliced file (one organisation repeated to weigh more). The identities hold for
-- any file contribute writes: the last-day headcount of turnover_monthly is headcount_monthly's
-- count; every pay breakdown and the role families partition their group bin by bin; no more
-- people are paid on a snapshot than are in headcount at the year's last counted month.
with keyed as (
    select filename, table_name, count(*) as copies
    from staged_rows
    group by filename, table_name, month_start, quarter_start, year, role_family, domain, is_networked,
        separation_type, group_kind, group_value, breakdown_kind, breakdown_value, event_kind,
        tenure_month, pay_lower_usd, pay_upper_usd, requisition_status, days_lower, days_upper
    having count(*) > 1
),

headcounts as (
    select h.filename, h.month_start, h.role_family, h.headcount, t.headcount_end
    from staged_rows as h
    join staged_rows as t
        on t.filename = h.filename and t.table_name = 'turnover_monthly'
        and t.month_start = h.month_start and t.role_family = h.role_family
    where h.table_name = 'headcount_monthly'
),

pay as (
    select * from staged_rows where table_name = 'pay_histogram'
),

-- bin by bin, one aggregation each (no self-join): a breakdown's values add up to the same group's
-- 'all' breakdown, and the roles, and the role families, add up to all staff
partition_breaks as (
    select filename
    from pay
    group by filename, year, group_kind, group_value, pay_lower_usd
    having sum(case when breakdown_kind = 'experience_band' then people else 0 end)
            <> sum(case when breakdown_kind = 'all' then people else 0 end)
        or sum(case when breakdown_kind = 'certification' then people else 0 end)
            <> sum(case when breakdown_kind = 'all' then people else 0 end)
    union all
    select filename
    from pay
    group by filename, year, breakdown_kind, breakdown_value, pay_lower_usd
    having sum(case when group_kind = 'role' then people else 0 end)
            <> sum(case when group_kind = 'all' then people else 0 end)
        or sum(case when group_kind = 'role_family' then people else 0 end)
            <> sum(case when group_kind = 'all' then people else 0 end)
),

year_headcount as (
    select filename, cast(substr(cast(month_start as varchar), 1, 4) as integer) as year,
        max(month_start) as last_month
    from staged_rows
    where table_name = 'headcount_monthly' and role_family = 'all'
    group by filename, substr(cast(month_start as varchar), 1, 4)
),

overpaid as (
    select p.filename
    from (
        select filename, year, sum(people) as people from pay
        where group_kind = 'all' and breakdown_kind = 'all'
        group by filename, year
    ) as p
    join year_headcount as y on y.filename = p.filename and y.year = p.year
    join staged_rows as h
        on h.filename = p.filename and h.table_name = 'headcount_monthly' and h.role_family = 'all'
        and h.month_start = y.last_month
    where p.people > h.headcount
),

overcertified as (
    -- certificate holders are people in headcount, and every code's holders hold 'any'
    select c.filename
    from staged_rows as c
    join year_headcount as y on y.filename = c.filename and y.year = c.year
    join staged_rows as h
        on h.filename = c.filename and h.table_name = 'headcount_monthly' and h.role_family = 'all'
        and h.month_start = y.last_month
    left join staged_rows as a
        on a.filename = c.filename and a.table_name = 'certifications_yearly' and a.year = c.year
        and a.group_value = 'any'
    where c.table_name = 'certifications_yearly'
        and (c.people > h.headcount or c.people > coalesce(a.people, 0))
)

select filename, 'the same key repeated (' || table_name || ')' as check_name, sum(copies) as failing_rows
from keyed group by filename, table_name
union all
select filename, 'turnover_monthly last-day headcount differs from headcount_monthly', count(*)
from headcounts where headcount <> headcount_end group by filename
union all
select filename, 'pay breakdowns, roles or role families do not add up to their group', count(*)
from partition_breaks group by filename
union all
select filename, 'more people paid than in headcount at the year''s end', count(*)
from overpaid group by filename
union all
select filename, 'more certificate holders than people in headcount', count(*)
from overcertified group by filename
union all
select filename, 'a pay bin off the $1,000 grid of schema version 2', count(*)
from pay
where pay_upper_usd - pay_lower_usd <> 1000 or pay_lower_usd <> floor(pay_lower_usd / 1000) * 1000
group by filename
union all
select filename, 'an unknown pay group or breakdown', count(*)
from pay
where group_kind not in ('all', 'role_family', 'role')
    or breakdown_kind not in ('all', 'experience_band', 'certification')
    or (breakdown_kind = 'all' and breakdown_value <> 'all')
    or (breakdown_kind = 'experience_band' and breakdown_value not in ('under_2', '2_to_5', '5_to_10', '10_plus'))
    or (breakdown_kind = 'certification' and breakdown_value not in ('certified', 'not_certified'))
group by filename
order by filename, check_name;
