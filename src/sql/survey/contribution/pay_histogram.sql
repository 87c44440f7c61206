-- one row per (year, group_kind, group_value, breakdown_kind, breakdown_value, $1,000 pay bin): employees paid within the bin on 31 December (or period_end), as marts.pay_position picks them
-- Bins are fixed by the schema ([k × 1,000, (k + 1) × 1,000)), so histograms from any number of
-- organisations add up bin by bin. No sum or mean of pay: the sum for a group of one is that
-- person's pay. Nothing is refused at source: the society is the trusted aggregator and applies
-- the publication rules (5 organisations and 5 people per cell) after pooling, when the cells
-- are big enough; a hospital refusing its small groups left the society's titles empty.
create or replace temp table contribution_pay_histogram as
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
    select n.year, n.on_date, p.employee_id, p.hire_on, p.role, p.role_family, ps.annual_pay_usd as pay
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

-- years with this employer (the export has no prior experience) and whether the person holds a
-- recognised certification in force on the snapshot date
described as (
    select p.*,
        case
            when date_diff('day', p.hire_on, p.on_date) < 2 * 365.25 then 'under_2'
            when date_diff('day', p.hire_on, p.on_date) < 5 * 365.25 then '2_to_5'
            when date_diff('day', p.hire_on, p.on_date) < 10 * 365.25 then '5_to_10'
            else '10_plus'
        end as experience_band,
        case when exists (
            select 1 from core.certifications as c
            where c.employee_id = p.employee_id
                and c.certification_code <> 'unmapped'
                and c.valid_from <= p.on_date
                and (c.valid_to is null or c.valid_to > p.on_date)
        ) then 'certified' else 'not_certified' end as certification
    from paid as p
),

grouped as (
    select d.year,
        g.kind as group_kind,
        case g.kind when 'role' then d.role when 'role_family' then d.role_family else 'all' end as group_value,
        b.kind as breakdown_kind,
        case b.kind when 'experience_band' then d.experience_band
            when 'certification' then d.certification else 'all' end as breakdown_value,
        d.pay
    from described as d
    cross join (values ('role'), ('role_family'), ('all')) as g(kind)
    cross join (values ('all'), ('experience_band'), ('certification')) as b(kind)
)

select
    g.year, g.group_kind, g.group_value, g.breakdown_kind, g.breakdown_value,
    cast(floor(g.pay / s.pay_bin_usd) * s.pay_bin_usd as double) as pay_lower_usd,
    cast((floor(g.pay / s.pay_bin_usd) + 1) * s.pay_bin_usd as double) as pay_upper_usd,
    cast(count(*) as integer) as people
from grouped as g, scope as s
where g.group_value is not null
group by all;
