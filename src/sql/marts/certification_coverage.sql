-- one row per org_id ('all' = every organisation), year, role_family ('all' = every family) and certification (a code, or 'any'): employees holding a valid certification at the year's snapshot date, and those expiring soon
-- Snapshot date: 31 December, or as_of for the as_of year. Headcount as in marts.headcount_monthly:
-- employees (not contractors) with a staffed spell in force then (a leaver is not counted on their
-- termination date), by that spell's family. A certification is valid on d when
-- valid_from <= d < valid_to (valid_to null = never expires; derived from renewal years when the export has
-- no expiry). 'any' = holding at least one mapped certification ('unmapped' has its own row, not in 'any').
-- expiring_90d (as_of year only, else null): holders whose latest valid expiry of that code lies within
-- expiring_window_days (setting, default 90) after as_of and who hold no non-expiring one; for 'any',
-- holders with at least one code expiring so.
create or replace table marts.certification_coverage as
with as_of as (
    select a.as_of, s.expiring_window_days from meta.as_of a, meta.settings s
),
snapshots as (
    select year, on_date, is_as_of_year from core.year_snapshots
),
-- staff who hold a certification, at each snapshot: the only ones whose certifications are looked up
-- (an organisation-wide HR export has many more people than certificate holders)
staff as (
    select distinct s.year, s.on_date, s.is_as_of_year, p.org_id, p.role_family, p.employee_id
    from snapshots s
    join (
        select * from core.staffed_spells
        where employee_id in (select employee_id from core.certifications)
    ) p on p.start_on <= s.on_date and coalesce(p.end_on, date '9999-12-31') > s.on_date
),
held as (
    select
        st.year,
        st.org_id,
        st.role_family,
        st.employee_id,
        c.certification_code as certification,
        st.is_as_of_year
            and not bool_or(c.valid_to is null)
            and max(c.valid_to) <= any_value(a.as_of) + any_value(a.expiring_window_days) as is_expiring
    from staff st
    join core.certifications c
        on c.employee_id = st.employee_id
        and c.valid_from <= st.on_date
        and coalesce(c.valid_to, date '9999-12-31') > st.on_date,
        as_of a
    group by st.year, st.org_id, st.role_family, st.employee_id, c.certification_code, st.is_as_of_year
),
held_with_any as (
    select year, org_id, role_family, employee_id, certification, is_expiring from held
    union all
    select year, org_id, role_family, employee_id, 'any', bool_or(is_expiring)
    from held
    where certification <> 'unmapped'
    group by year, org_id, role_family, employee_id
),
-- headcount at each snapshot, as in marts.headcount_monthly: the sum of the group's changes dated
-- that day or earlier (a running sum in date order, the day after the changes dated on it), for the
-- groups with anyone staffed then
points as (
    select org_id, role_family, on_date, people, 0 as is_day,
        cast(null as bigint) as year, cast(null as boolean) as is_as_of_year
    from core.headcount_changes
    union all
    select g.org_id, g.role_family, s.on_date, 0, 1, s.year, s.is_as_of_year
    from snapshots s
    cross join core.report_groups g
),
headcount as (
    select org_id, year, role_family, is_as_of_year, cast(headcount as bigint) as headcount
    from (
        select
            *,
            sum(people) over (
                partition by org_id, role_family
                order by on_date, is_day rows between unbounded preceding and current row
            ) as headcount
        from points
    ) running
    where is_day = 1 and headcount > 0
),
holders as (
    select
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        year,
        case when grouping(role_family) = 1 then 'all' else role_family end as role_family,
        certification,
        count(distinct employee_id) as holders,
        count(distinct employee_id) filter (where is_expiring) as expiring
    from held_with_any
    group by grouping sets (
        (org_id, year, role_family, certification), (year, role_family, certification),
        (org_id, year, certification), (year, certification)
    )
),
codes as (
    select distinct certification_code as certification from core.certifications
    union
    select 'any' where exists (select 1 from core.certifications where certification_code <> 'unmapped')
)
select
    h.org_id,
    cast(h.year as integer) as year,
    h.role_family,
    c.certification,
    cast(coalesce(k.holders, 0) as integer) as holders,
    cast(h.headcount as integer) as headcount,
    cast(coalesce(k.holders, 0) / h.headcount as double) as coverage,
    cast(case when h.is_as_of_year then coalesce(k.expiring, 0) end as integer) as expiring_90d
from headcount h
cross join codes c
left join holders k
    on k.org_id = h.org_id and k.year = h.year and k.role_family = h.role_family and k.certification = c.certification
order by 1, 2, 3, 4;
