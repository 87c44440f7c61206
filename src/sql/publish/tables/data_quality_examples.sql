-- one row per rejected input row shown as an example (the first 3 by line of each file, column and reason; internal audience only): file, line, column, the offending value where the column holds no identifier, pay or birth year, and the reason; never the raw line
create or replace table publish.data_quality_examples as
with latest as (
    select load_id from warehouse.meta.load_runs order by started_at desc limit 1
),
ranked as (
    select
        r.source_file,
        cast(r.line as integer) as line,
        r.column_name,
        r.value,
        -- the rule broken, without the row's values: the value is shown apart, and only where allowed
        coalesce(r.rule, r.reason) as reason,
        row_number() over (partition by r.source_file, r.column_name, coalesce(r.rule, r.reason) order by r.line) as n
    from warehouse.meta.rejected_rows r
    where r.load_id = (select load_id from latest)
)
select
    r.source_file,
    r.line,
    coalesce(r.column_name, '(whole row)') as column_name,
    case when coalesce(e.shown, false) then r.value end as value,
    case
        when r.column_name is null then 'not shown: the whole line was unreadable'
        when not coalesce(e.shown, false) then 'not shown: identifier, pay or birth year'
    end as value_withheld,
    r.reason
from ranked r
left join work.example_columns e on e.file = r.source_file and e.column_name = r.column_name
where r.n <= 3 and (select audience from work.settings) = 'internal'
order by r.source_file, r.column_name, r.reason, r.line;
