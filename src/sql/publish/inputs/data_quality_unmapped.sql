-- one row per (source, column_name, value) that matched no taxonomy rule, with the input rows carrying it
create or replace table work.data_quality_unmapped_input as
select source, column_name, value, cast(rows as integer) as rows
from warehouse.meta.unmapped_values;
