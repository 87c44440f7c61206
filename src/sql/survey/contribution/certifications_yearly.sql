-- one row per (year, certification code or 'any') held by at least one employee in headcount on 31 December (or period_end): how many of them hold a recognised certification in force that day
-- Counts of people, never who: the society divides by the pooled headcount for prevalence.
create or replace temp table contribution_certifications_yearly as
with scope as (
    select * from contribution_scope
),

snapshots as (
    select distinct cast(year(m.month_start) as integer) as year,
        least(make_date(year(m.month_start), 12, 31), s.period_end) as on_date
    from core.months as m, scope as s
    where m.month_end >= s.period_start and m.month_start <= s.period_end
),

staffed as (
    select distinct n.year, n.on_date, p.employee_id
    from snapshots as n
    join core.staffed_spells as p
        on p.start_on <= n.on_date and coalesce(p.end_on, date '9999-12-31') > n.on_date
    where p.org_id = (select org_id from scope)
),

held as (
    select distinct s.year, s.employee_id, c.certification_code
    from staffed as s
    join core.certifications as c
        on c.employee_id = s.employee_id
        and c.certification_code <> 'unmapped'
        and c.valid_from <= s.on_date
        and (c.valid_to is null or c.valid_to > s.on_date)
)

select year, 'certification' as group_kind, certification_code as group_value, cast(count(*) as integer) as people
from held
group by year, certification_code
union all
select year, 'certification', 'any', cast(count(distinct employee_id) as integer)
from held
group by year;
