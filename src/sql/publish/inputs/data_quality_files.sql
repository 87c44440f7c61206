-- one row per input file of the latest load: data rows, accepted and rejected (published as publish.data_quality_files)
create or replace table work.data_quality_files_input as
select source, file, present, cast(data_rows as integer) as data_rows,
    cast(accepted_rows as integer) as accepted_rows, cast(rejected_rows as integer) as rejected_rows,
    cast(coalesce(out_of_scope_rows, 0) as integer) as out_of_scope_rows
from warehouse.meta.source_files
where load_id = (select load_id from warehouse.meta.load_runs order by started_at desc limit 1);
