-- one row per (year of the period, certification code or 'any'): employees holding the certification at the year's snapshot date (people) and employees in post that day (headcount), as marts.certification_coverage counts them
-- Counts of the organisation's own staff; the society pools them into prevalence (holders ÷
-- headcount) and never publishes the counts.
create or replace temp table contribution_certifications_yearly as
select
    cast(c.year as integer) as year,
    'certification' as group_kind,
    cast(c.certification as varchar) as group_value,
    cast(c.holders as integer) as people,
    cast(c.headcount as integer) as headcount
from marts.certification_coverage as c, contribution_scope as s
where c.org_id = s.org_id
    and c.role_family = 'all'
    and c.certification <> 'unmapped'
    and c.year between year(s.period_start) and year(s.period_end)
    and c.headcount > 0;
