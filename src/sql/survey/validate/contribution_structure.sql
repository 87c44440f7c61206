-- one row per (contribution, check) that a staged contribution's structure fails: repeated keys, tables that contradict each other, pay bins off the schema's $1,000 grid, breakdowns that do not add up
-- Every row of a genuine file is one key of its table (all dimension columns), so a repeated key
-- is a forged or spliced file (one organisation repeated to weigh more). The identities hold for
-- any file contribute writes: the last-day headcount of turnover_monthly is headcount_monthly's
-- count; every pay breakdown and the role families partition their group bin by bin; no more
-- people are paid on a snapshot than are in headcount at the year's last counted month. The
-- Kaplan-Meier rows are one set of employments counted twice (any and voluntary separation) and
-- once per role family, so the two kinds share their risk sets, voluntary events are some of the
-- events, and the role families add up to all staff; separations by type add up to the turnover's
-- separations of the year and role family. An employment is at risk from the tenure month it enters
-- the period in, so from one month of tenure to the next the risk set shrinks by the month's events
-- and the employments censored at the period's end, and grows only by people already employed when
-- the period starts (hired before it, entering at the tenure they had then): summed over tenure
-- months, that growth is at most the first month's first-day headcount.
with key_hashes as (
    -- grouping 4 million rows by twenty key columns took most of the validation: each row's
    -- contribution, table and key are hashed to one 64-bit value, the hashes sorted, and only the
    -- rows whose hash repeats are compared in full (a hash collision costs a second look, never a
    -- false rejection; sorting 64-bit values is cheaper than a hash table of 4 million groups)
    select hash(contribution_id, table_name, month_start, quarter_start, year, role_family, domain, is_networked,
            separation_type, group_kind, group_value, breakdown_kind, breakdown_value, event_kind, tenure_month,
            pay_lower_usd, pay_upper_usd, requisition_status, days_lower, days_upper) as key_hash
    from staged_rows
),

repeated_hashes as (
    select distinct key_hash
    from (select key_hash, lag(key_hash) over (order by key_hash) as previous_hash from key_hashes)
    where key_hash = previous_hash
),

keyed as (
    select r.contribution_id, r.table_name, count(*) as copies
    from staged_rows as r
    join repeated_hashes as h
        on h.key_hash = hash(r.contribution_id, r.table_name, r.month_start, r.quarter_start, r.year, r.role_family,
            r.domain, r.is_networked, r.separation_type, r.group_kind, r.group_value, r.breakdown_kind,
            r.breakdown_value, r.event_kind, r.tenure_month, r.pay_lower_usd, r.pay_upper_usd,
            r.requisition_status, r.days_lower, r.days_upper)
    group by r.contribution_id, r.table_name, r.month_start, r.quarter_start, r.year, r.role_family, r.domain,
        r.is_networked, r.separation_type, r.group_kind, r.group_value, r.breakdown_kind, r.breakdown_value,
        r.event_kind, r.tenure_month, r.pay_lower_usd, r.pay_upper_usd, r.requisition_status, r.days_lower,
        r.days_upper
    having count(*) > 1
),

headcounts as (
    select h.contribution_id, h.month_start, h.role_family, h.headcount, t.headcount_end
    from staged_rows as h
    join staged_rows as t
        on t.contribution_id = h.contribution_id and t.table_name = 'turnover_monthly'
        and t.month_start = h.month_start and t.role_family = h.role_family
    where h.table_name = 'headcount_monthly'
),

pay as (
    select * from staged_rows where table_name = 'pay_histogram'
),

-- bin by bin, one aggregation each (no self-join): a breakdown's values add up to the same group's
-- 'all' breakdown, and the roles, and the role families, add up to all staff
partition_breaks as (
    select contribution_id
    from pay
    group by contribution_id, year, group_kind, group_value, pay_lower_usd
    having sum(case when breakdown_kind = 'experience_band' then people else 0 end)
            <> sum(case when breakdown_kind = 'all' then people else 0 end)
        or sum(case when breakdown_kind = 'certification' then people else 0 end)
            <> sum(case when breakdown_kind = 'all' then people else 0 end)
    union all
    select contribution_id
    from pay
    group by contribution_id, year, breakdown_kind, breakdown_value, pay_lower_usd
    having sum(case when group_kind = 'role' then people else 0 end)
            <> sum(case when group_kind = 'all' then people else 0 end)
        or sum(case when group_kind = 'role_family' then people else 0 end)
            <> sum(case when group_kind = 'all' then people else 0 end)
),

year_headcount as (
    select contribution_id, cast(substr(cast(month_start as varchar), 1, 4) as integer) as year,
        max(month_start) as last_month
    from staged_rows
    where table_name = 'headcount_monthly' and role_family = 'all'
    group by contribution_id, substr(cast(month_start as varchar), 1, 4)
),

overpaid as (
    select p.contribution_id
    from (
        select contribution_id, year, sum(people) as people from pay
        where group_kind = 'all' and breakdown_kind = 'all'
        group by contribution_id, year
    ) as p
    join year_headcount as y on y.contribution_id = p.contribution_id and y.year = p.year
    join staged_rows as h
        on h.contribution_id = p.contribution_id and h.table_name = 'headcount_monthly' and h.role_family = 'all'
        and h.month_start = y.last_month
    where p.people > h.headcount
),

overcertified as (
    -- certificate holders are people in headcount, and every code's holders hold 'any'
    select c.contribution_id
    from staged_rows as c
    join year_headcount as y on y.contribution_id = c.contribution_id and y.year = c.year
    join staged_rows as h
        on h.contribution_id = c.contribution_id and h.table_name = 'headcount_monthly' and h.role_family = 'all'
        and h.month_start = y.last_month
    left join staged_rows as a
        on a.contribution_id = c.contribution_id and a.table_name = 'certifications_yearly' and a.year = c.year
        and a.group_value = 'any'
    where c.table_name = 'certifications_yearly'
        and (c.people > h.headcount or c.people > coalesce(a.people, 0))
),

km as (
    select contribution_id, group_kind, group_value, event_kind, tenure_month, at_risk, events
    from staged_rows where table_name = 'retention_km'
),

km_kinds as (
    select coalesce(a.contribution_id, v.contribution_id) as contribution_id
    from (select * from km where event_kind = 'any') as a
    full join (select * from km where event_kind = 'voluntary') as v
        on v.contribution_id = a.contribution_id and v.group_kind = a.group_kind and v.group_value = a.group_value
        and v.tenure_month = a.tenure_month
    where a.contribution_id is null or v.contribution_id is null or a.at_risk <> v.at_risk or v.events > a.events
),

km_families as (
    select contribution_id
    from km
    group by contribution_id, event_kind, tenure_month
    having sum(case when group_kind = 'role_family' then at_risk else 0 end)
            <> sum(case when group_kind = 'all' then at_risk else 0 end)
        or sum(case when group_kind = 'role_family' then events else 0 end)
            <> sum(case when group_kind = 'all' then events else 0 end)
),

-- the risk set of tenure month m + 1 beyond what month m leaves (at risk less events): entries
km_growth as (
    select b.contribution_id,
        sum(case when b.at_risk > coalesce(a.at_risk - a.events, 0) then b.at_risk - coalesce(a.at_risk - a.events, 0) else 0 end)
            as entries
    from km as b
    left join km as a
        on a.contribution_id = b.contribution_id and a.group_kind = b.group_kind and a.group_value = b.group_value
        and a.event_kind = b.event_kind and a.tenure_month = b.tenure_month - 1
    where b.group_kind = 'all' and b.event_kind = 'any' and b.tenure_month >= 1
    group by b.contribution_id
),

first_headcount as (
    select t.contribution_id, t.headcount_start
    from staged_rows as t
    join (
        select contribution_id, min(month_start) as month_start from staged_rows
        where table_name = 'turnover_monthly' group by contribution_id
    ) as f on f.contribution_id = t.contribution_id and f.month_start = t.month_start
    where t.table_name = 'turnover_monthly' and t.role_family = 'all'
),

km_entries as (
    select g.contribution_id
    from km_growth as g
    left join first_headcount as h on h.contribution_id = g.contribution_id
    where g.entries > coalesce(h.headcount_start, 0)
),

separation_types as (
    select coalesce(b.contribution_id, t.contribution_id) as contribution_id
    from (
        select contribution_id, year, role_family, sum(separations) as separations from staged_rows
        where table_name = 'separations_by_type' group by contribution_id, year, role_family
    ) as b
    full join (
        select contribution_id, year, role_family, sum(separations) as separations from staged_rows
        where table_name = 'turnover_monthly' group by contribution_id, year, role_family
    ) as t on t.contribution_id = b.contribution_id and t.year = b.year and t.role_family = b.role_family
    where coalesce(b.separations, 0) <> coalesce(t.separations, 0)
)

select contribution_id, 'the same key repeated (' || table_name || ')' as check_name, sum(copies) as failing_rows
from keyed group by contribution_id, table_name
union all
select contribution_id, 'turnover_monthly last-day headcount differs from headcount_monthly', count(*)
from headcounts where headcount <> headcount_end group by contribution_id
union all
select contribution_id, 'pay breakdowns, roles or role families do not add up to their group', count(*)
from partition_breaks group by contribution_id
union all
select contribution_id, 'more people paid than in headcount at the year''s end', count(*)
from overpaid group by contribution_id
union all
select contribution_id, 'more certificate holders than people in headcount', count(*)
from overcertified group by contribution_id
union all
select contribution_id, 'retention_km any and voluntary separation differ in people at risk, or more voluntary events than events', count(*)
from km_kinds group by contribution_id
union all
select contribution_id, 'retention_km role families do not add up to all staff', count(*)
from km_families group by contribution_id
union all
select contribution_id, 'retention_km risk sets grow by more people than were employed when the period starts', count(*)
from km_entries group by contribution_id
union all
select contribution_id, 'separations_by_type do not add up to turnover_monthly separations', count(*)
from separation_types group by contribution_id
union all
select contribution_id, 'a pay bin off the $1,000 grid of the contribution schema', count(*)
from pay
where pay_upper_usd - pay_lower_usd <> 1000 or pay_lower_usd <> floor(pay_lower_usd / 1000) * 1000
group by contribution_id
union all
select contribution_id, 'an unknown pay group or breakdown', count(*)
from pay
where group_kind not in ('all', 'role_family', 'role')
    or breakdown_kind not in ('all', 'experience_band', 'certification')
    or (breakdown_kind = 'all' and breakdown_value <> 'all')
    or (breakdown_kind = 'experience_band' and breakdown_value not in ('under_2', '2_to_5', '5_to_10', '10_plus'))
    or (breakdown_kind = 'certification' and breakdown_value not in ('certified', 'not_certified'))
group by contribution_id
order by contribution_id, check_name;
