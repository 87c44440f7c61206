-- one row per (source_file, position, treatment): job-history and pay rows dated outside every employment of their person, counted, never listed (published as publish.data_quality_outside_employment)
create or replace table work.data_quality_outside_employment_input as
select source_file, position, treatment, cast(count(*) as integer) as rows
from warehouse.meta.rows_outside_employment
group by all;
