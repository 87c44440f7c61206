-- one row per year from history's first month to as_of's year: the year's snapshot date (31 December, or as_of in the as_of year) and the share of the year up to it
-- Every yearly stock (people in headcount, pay, technical FTE, the active inventory) is counted on this
-- date; one definition, read by every table that takes a yearly snapshot.
create or replace table core.year_snapshots as
select
    y.year,
    least(make_date(y.year, 12, 31), a.as_of) as on_date,
    (least(make_date(y.year, 12, 31), a.as_of) - make_date(y.year, 1, 1) + 1)
        / (make_date(y.year + 1, 1, 1) - make_date(y.year, 1, 1)) as year_fraction,
    y.year = year(a.as_of) as is_as_of_year
from (select distinct year(month_start) as year from core.months) as y, meta.as_of as a
where make_date(y.year, 1, 1) <= a.as_of
order by y.year;
