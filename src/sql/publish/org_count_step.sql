-- one row: the step public counts of several organisations are rounded up to (null: per-organisation counts withheld): the smallest of 5, 10, 25, 50, 100, 250, 500, 1000 at which every organisation's size (its largest month-end headcount, what a reader who knows it would match) rounds to the same value as another organisation's, so no size singles a pseudonym out. publish.ts runs it when marts.headcount_monthly exists (else the step is 5).
create or replace table work.org_count_step as
with sizes as (
    select org_id, max(headcount) as size
    from warehouse.marts.headcount_monthly
    where org_id <> 'all' and role_family = 'all'
    group by org_id
),
steps as (
    select unnest([5, 10, 25, 50, 100, 250, 500, 1000]) as step
),
fits as (
    select st.step
    from steps st
    where not exists (
        select 1
        from sizes a
        where (select count(*) from sizes b where ceil(b.size / st.step) = ceil(a.size / st.step)) < 2
    )
)
select case when (select count(*) from sizes) < 2 then 5 else (select min(step) from fits) end as step;
