-- one row per org_id ('all' = every organisation), year and domain ('all' = every domain) up to as_of: training hours and spend per technical FTE, and certifications earned, the pipeline behind train-or-hire
-- Training: core.training rows completed in the year, attributed to the employment in force on the
-- completion day (core.employees; courses of people not employed then are left out). domain: the
-- course's domain when it is a taxonomy domain, else 'unmapped'. technical_fte: FTE of staffed spells in
-- the generalist, specialist and engineering families at the year's snapshot date (31 December, or
-- as_of), as in marts.inventory_load. hours_per_fte = training_hours / technical_fte; cost_per_fte the same
-- with training_cost_usd (courses without a cost count as none). certifications_earned: mapped
-- certifications (core.certifications) earned in the year by the org's employees, by the certification's
-- domain (none: 'unmapped').
create or replace table marts.training_investment as
with as_of as (
    select as_of from meta.as_of
),
courses as (
    select
        e.org_id,
        cast(year(t.completed_on) as integer) as year,
        case when d.domain is not null then d.domain else 'unmapped' end as domain,
        t.employee_id,
        t.hours,
        t.cost_usd
    from core.training t
    join core.employees e
        on e.employee_id = t.employee_id
        and e.hire_on <= t.completed_on
        and (e.termination_on is null or e.termination_on > t.completed_on)
    left join taxonomy.domains d on d.domain = t.domain
    where t.completed_on <= (select as_of from as_of)
),
earned as (
    select e.org_id, cast(year(c.valid_from) as integer) as year, coalesce(c.domain, 'unmapped') as domain
    from core.certifications c
    join core.employees e
        on e.employee_id = c.employee_id
        and e.hire_on <= c.valid_from
        and (e.termination_on is null or e.termination_on > c.valid_from)
    where c.certification_code <> 'unmapped' and c.valid_from <= (select as_of from as_of)
),
training as (
    select
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        year,
        case when grouping(domain) = 1 then 'all' else domain end as domain,
        count(*) as courses,
        count(distinct employee_id) as trainees,
        sum(cast(hours as decimal(18, 4))) as training_hours,
        sum(cast(coalesce(cost_usd, 0) as decimal(18, 4))) as training_cost_usd
    from courses
    group by grouping sets ((org_id, year, domain), (org_id, year), (year, domain), (year))
),
certs as (
    select
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        year,
        case when grouping(domain) = 1 then 'all' else domain end as domain,
        count(*) as certifications_earned
    from earned
    group by grouping sets ((org_id, year, domain), (org_id, year), (year, domain), (year))
),
technical as (
    select * from core.technical_fte_snapshots
),
cells as (
    select org_id, year, domain from training
    union
    select org_id, year, domain from certs
)
select
    c.org_id,
    cast(c.year as integer) as year,
    c.domain,
    cast(coalesce(t.courses, 0) as integer) as courses,
    cast(coalesce(t.trainees, 0) as integer) as trainees,
    cast(coalesce(t.training_hours, 0) as double) as training_hours,
    cast(coalesce(t.training_cost_usd, 0) as double) as training_cost_usd,
    cast(coalesce(x.certifications_earned, 0) as integer) as certifications_earned,
    cast(f.technical_fte as double) as technical_fte,
    cast(coalesce(t.training_hours, 0) / nullif(f.technical_fte, 0) as double) as hours_per_fte,
    cast(coalesce(t.training_cost_usd, 0) / nullif(f.technical_fte, 0) as double) as cost_per_fte_usd
from cells c
join core.year_snapshots s on s.year = c.year
left join training t on t.org_id = c.org_id and t.year = c.year and t.domain = c.domain
left join certs x on x.org_id = c.org_id and x.year = c.year and x.domain = c.domain
left join technical f on f.org_id = c.org_id and f.year = c.year
order by 1, 2, 3;
