-- one row (internal audience only): the latest load's data rows, rows out of scope, rejected lines and accepted rows (a file feeding several sources counted once and each rejected line once), rows dated outside every employment and rows carrying an unmapped value
create or replace table publish.data_quality_totals as
with latest as (
    select load_id from warehouse.meta.load_runs order by started_at desc limit 1
),
per_file as (
    select file, max(data_rows) as data_rows, min(coalesce(out_of_scope_rows, 0)) as out_of_scope_rows
    from warehouse.meta.source_files
    where load_id = (select load_id from latest) and present
    group by file
),
counts as (
    select
        coalesce((select sum(data_rows) from per_file), 0) as data_rows,
        coalesce((select sum(out_of_scope_rows) from per_file), 0) as out_of_scope_rows,
        (select count(*) from (
            select distinct source_file, line from warehouse.meta.rejected_rows
            where load_id = (select load_id from latest)
        )) as rejected_rows
)
select
    cast(data_rows as integer) as data_rows,
    cast(out_of_scope_rows as integer) as out_of_scope_rows,
    cast(rejected_rows as integer) as rejected_rows,
    cast(data_rows - rejected_rows - out_of_scope_rows as integer) as accepted_rows,
    -- rejected ÷ (accepted + rejected): rows out of scope are neither
    cast(rejected_rows / nullif(data_rows - out_of_scope_rows, 0) as double) as rejected_share,
    cast((select count(*) from warehouse.meta.rows_outside_employment) as integer) as outside_employment_rows,
    cast(coalesce((select sum(rows) from warehouse.meta.unmapped_values), 0) as integer) as unmapped_rows
from counts
where (select audience from work.settings) = 'internal';
