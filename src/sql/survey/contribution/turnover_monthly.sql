-- one row per (month of the period, role_family or 'all'): first- and last-day headcount and separations, the SHRM inputs marts.turnover_annual uses
-- The organisation's own rows of core.turnover_monthly, the base the hospital's turnover is computed from,
-- so the society pools exactly what the hospital reports. A period starts on history_start or the first of
-- a month and ends on as_of or the last of a month (src/survey/contribute.ts checks it), so its months are
-- whole core months.
create or replace temp table contribution_turnover_monthly as
with scope as (
    select * from contribution_scope
),

families as (
    select distinct role_family from core.staffed_spells where org_id = (select org_id from scope)
    union
    select distinct role_family from core.separations where org_id = (select org_id from scope)
    union
    select 'all'
)

select
    t.month_start,
    t.year,
    t.role_family,
    t.headcount_start,
    t.headcount_end,
    t.separations,
    t.voluntary_separations
from core.turnover_monthly as t, scope as s
where t.org_id = s.org_id
    and t.month_start >= date_trunc('month', s.period_start)
    and t.month_start <= s.period_end
    and t.role_family in (select role_family from families);
