-- one row per (year, employee_id, hire_on, staffed spell) in headcount at the year's snapshot date (31 December, or as_of in the as_of year) with a pay spell in force then: the people and pay behind marts.pay_position, marts.pay_rollup and marts.fte_cost
create or replace table core.pay_snapshots as
-- per person, so it stays in core; built once here because both pay marts read the same people
-- and pay, and this join is most of their cost on an organisation-wide export
with snapshots as (
    select year, on_date from core.year_snapshots
)

select
    s.year,
    s.on_date,
    p.employee_id,
    p.hire_on,
    p.org_id,
    p.role,
    p.role_family,
    ps.annual_pay_usd,
    ps.range_mid_usd,
    -- read by the HR list of staff below their range minimum (core.action_pay_below)
    ps.range_min_usd
from snapshots as s
-- staffed spells: the people in headcount on the snapshot day (docs/marts.md), employees only
join core.staffed_spells as p
    on p.start_on <= s.on_date and coalesce(p.end_on, date '9999-12-31') > s.on_date
join core.pay_spells as ps
    on ps.employee_id = p.employee_id
    and ps.hire_on = p.hire_on
    and ps.start_on <= s.on_date
    and coalesce(ps.end_on, date '9999-12-31') > s.on_date;
