-- one row per (month of the period, role_family or 'all'): headcount and FTE counted as marts.headcount_monthly counts them (the month's last day, or period_end)
-- The organisation's own rows of marts.headcount_monthly: the society pools exactly the headcount the
-- hospital reports. A period is whole months (or ends on as_of: src/survey/contribute.ts checks it), so the
-- mart's counting day (the month's last day, as_of in its month) is the period's.
create or replace temp table contribution_headcount_monthly as
with scope as (
    select * from contribution_scope
),

families as (
    select distinct role_family from core.staffed_spells where org_id = (select org_id from scope)
    union
    select 'all'
)

select
    cast(date_trunc('month', h.month_end) as date) as month_start,
    cast(year(h.month_end) as integer) as year,
    h.role_family,
    h.headcount,
    cast(h.fte as decimal(38, 6)) as fte
from marts.headcount_monthly as h, scope as s
where h.org_id = s.org_id
    and h.month_end >= s.period_start
    and date_trunc('month', h.month_end) <= s.period_end
    and h.role_family in (select role_family from families);
