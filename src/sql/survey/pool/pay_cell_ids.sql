-- one row per pay cell (year, group_kind, group_value, breakdown_kind, breakdown_value) of the contributed pay histograms: an integer id the pay marts group and join by
drop table if exists survey.pay_cell_ids;
create table survey.pay_cell_ids as
select
    cast(row_number() over (order by year, group_kind, group_value, breakdown_kind, breakdown_value) as integer)
        as cell_no,
    year, group_kind, group_value, breakdown_kind, breakdown_value
from (
    select distinct year, group_kind, group_value, breakdown_kind, breakdown_value
    from survey.contribution_rows
    where table_name = 'pay_histogram'
) as c;
