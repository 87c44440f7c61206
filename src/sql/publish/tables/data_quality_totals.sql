-- one row (internal audience only): the latest load's data rows, rows out of scope and rejected lines, a file feeding several sources counted once and each rejected line once
create or replace table publish.data_quality_totals as
with latest as (
    select load_id from warehouse.meta.load_runs order by started_at desc limit 1
),
per_file as (
    select file, max(data_rows) as data_rows, min(coalesce(out_of_scope_rows, 0)) as out_of_scope_rows
    from warehouse.meta.source_files
    where load_id = (select load_id from latest) and present
    group by file
)
select
    cast(coalesce((select sum(data_rows) from per_file), 0) as integer) as data_rows,
    cast(coalesce((select sum(out_of_scope_rows) from per_file), 0) as integer) as out_of_scope_rows,
    cast((select count(*) from (
        select distinct source_file, line from warehouse.meta.rejected_rows
        where load_id = (select load_id from latest)
    )) as integer) as rejected_rows
where (select audience from work.settings) = 'internal';
