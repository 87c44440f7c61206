-- one row per org_id ('all' = every organisation) and year: FTE of the technical staff (generalist, specialist and engineering families) in headcount at the year's snapshot date
-- In headcount: the staffed spells of marts.headcount_monthly (employees, not contractors, not on their
-- termination date); leadership, unmapped and unknown titles are not technical staff. FTE summed as
-- decimals, so the total does not depend on thread order.
create or replace table core.technical_fte_snapshots as
select
    case when grouping(p.org_id) = 1 then 'all' else p.org_id end as org_id,
    s.year,
    sum(cast(p.fte as decimal(38, 9))) as technical_fte
from core.year_snapshots as s
join core.staffed_spells as p on p.start_on <= s.on_date and coalesce(p.end_on, date '9999-12-31') > s.on_date
where p.role_family in ('generalist', 'specialist', 'engineering')
group by grouping sets ((p.org_id, s.year), (s.year));
