-- one row per (contributor unit, pay cell, $1,000 bin): the unit's people in the bin, the narrow integer-keyed projection of the pay histograms every pay mart reads
-- Read from survey.contribution_rows once: the pay marts copy these rows to peer groups, which is
-- cheaper the fewer and narrower they are. Counts are stored as bigint: a sum is a 128-bit integer,
-- which DuckDB stores bit-packed and reads back about a hundred times slower.
drop table if exists survey.pay_unit_bins;
create table survey.pay_unit_bins as
select u.unit_no, u.profile_no, u.unit_count, k.cell_no, r.pay_lower_usd, r.pay_upper_usd,
    cast(sum(r.people) as bigint) as people
from survey.contribution_rows as r
join survey.contribution_units as u on u.contribution_id = r.contribution_id
-- null-safe: a null key is a cell of its own, as it was when the marts grouped by the keys
join survey.pay_cell_ids as k
    on k.year is not distinct from r.year and k.group_kind is not distinct from r.group_kind
    and k.group_value is not distinct from r.group_value and k.breakdown_kind is not distinct from r.breakdown_kind
    and k.breakdown_value is not distinct from r.breakdown_value
where r.table_name = 'pay_histogram'
group by u.unit_no, u.profile_no, u.unit_count, k.cell_no, r.pay_lower_usd, r.pay_upper_usd;
