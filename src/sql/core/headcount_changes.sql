-- one row per (org_id or 'all', role_family or 'all', on_date) on which the group's headcount changes: people who start counting that day less people who stop
create or replace table core.headcount_changes as
-- A person counts on day d when start_on <= d < end_on (docs/marts.md), so a group's headcount on d
-- is the sum of its changes dated d or earlier. Marts sum this small table (a few rows per
-- group and day) rather than joining days to spells; summing the per-person spans directly in a
-- window is many times slower on an organisation-wide export than summing them per day first.
select org_id, role_family, on_date, cast(sum(people) as integer) as people
from (
    select org_id, role_family, start_on as on_date, 1 as people
    from core.headcount_spans
    union all
    select org_id, role_family, end_on, -1
    from core.headcount_spans
    where end_on is not null
) as changes
group by org_id, role_family, on_date
having sum(people) <> 0;
