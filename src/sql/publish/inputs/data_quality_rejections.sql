-- one row per (source_file, column_name, reason) of the latest load's rejected rows, plus one ('all', 'all') row per file with its rejected rows (so complementary suppression sees the margin the files table publishes)
create or replace table work.data_quality_rejections_input as
with rejected as (
    -- grouped by the rule broken, without the row's values ("hire_date: not a calendar date")
    select source_file, coalesce(column_name, '(whole row)') as column_name, coalesce(rule, reason) as reason
    from warehouse.meta.rejected_rows
    where load_id = (select load_id from warehouse.meta.load_runs order by started_at desc limit 1)
)
select source_file, column_name, reason, cast(count(*) as integer) as rows
from rejected
group by all
union all
select source_file, 'all', 'all', cast(count(*) as integer)
from rejected
group by all;
