-- one row per (org_id, age_band) of headcount on as_of; 'all' rows carry totals. Ages from birth year only
create or replace table marts.retirement_exposure as
with as_of as (
    select as_of, cast(year(as_of) as integer) as as_of_year from meta.as_of
),

staff as (
    -- age reached during the year of as_of; birth years never leave this query
    select s.org_id, a.as_of_year - e.birth_year as age
    from core.staffed_spells as s
    cross join as_of as a
    join core.employees as e on e.employee_id = s.employee_id and e.hire_on = s.hire_on
    where s.start_on <= a.as_of and (s.end_on is null or a.as_of < s.end_on)
),

banded as (
    select
        org_id,
        age,
        case
            when age is null then 'unknown'
            when age < 40 then 'under 40'
            when age < 50 then '40-49'
            when age < 55 then '50-54'
            when age < 60 then '55-59'
            else '60 and over'
        end as age_band
    from staff
),

counted as (
    select
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        case when grouping(age_band) = 1 then 'all' else age_band end as age_band,
        count(*) as headcount,
        count(age) as headcount_known_age,
        -- aged 60 or over within 5 years of as_of
        count(*) filter (where age + 5 >= 60) as aged_60_within_5y
    from banded
    group by grouping sets ((org_id, age_band), (org_id), (age_band), ())
),

bands as (
    select *
    from (values
        ('under 40', 1), ('40-49', 2), ('50-54', 3), ('55-59', 4), ('60 and over', 5), ('unknown', 6), ('all', 7)
    ) as b(age_band, band_order)
),

grid as (
    select o.org_id, b.age_band, b.band_order
    from (select org_id from core.orgs union select 'all') as o
    cross join bands as b
)

select
    cast(g.org_id as varchar) as org_id,
    cast(g.age_band as varchar) as age_band,
    cast(g.band_order as integer) as band_order,
    cast(coalesce(c.headcount, 0) as integer) as headcount,
    cast(coalesce(c.headcount_known_age, 0) as integer) as headcount_known_age,
    cast(coalesce(c.aged_60_within_5y, 0) as integer) as aged_60_within_5y,
    -- share of the organisation's headcount in this band
    cast(c.headcount / nullif(t.headcount, 0) as double) as share_of_headcount,
    -- share of the band (of known age) who are 60 or over within 5 years
    cast(c.aged_60_within_5y / nullif(c.headcount_known_age, 0) as double) as retirement_exposure,
    coalesce(
        (select audience from meta.settings) = 'public'
        and c.headcount between 1 and (select min_cell_public from meta.settings) - 1,
        false
    ) as is_suppressed
from grid as g
left join counted as c on c.org_id = g.org_id and c.age_band = g.age_band
left join counted as t on t.org_id = g.org_id and t.age_band = 'all'
order by org_id, band_order;
