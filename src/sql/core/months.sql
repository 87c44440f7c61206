-- one row per calendar month from the month of history_start to the month of as_of
create or replace table core.months as
-- months before history_start would show no leavers only because the export dropped them
with bounds as (
    select
        cast(date_trunc('month', (select history_start from meta.history_start)) as date) as first_month,
        cast(date_trunc('month', (select as_of from meta.as_of)) as date) as last_month
)

select
    cast(m.month_start as date) as month_start,
    cast(last_day(m.month_start) as date) as month_end
from bounds as b,
    generate_series(b.first_month, b.last_month, interval 1 month) as m(month_start)
where b.first_month is not null and b.first_month <= b.last_month
order by month_start;
