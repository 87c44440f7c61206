-- one row per (measure, cell, contributor) of every cell that passes its own rules in a published peer group: who stands behind each statistic the release may publish, for the differencing rules and the release log
-- measure: what is computed, over which people ('pay|2025|role|BMET II|experience_band|under_2');
-- cell: where (the peer group, 'all|500_plus|all'). Two cells of one measure are the same statistic over
-- two sets of organisations, so their difference is a statistic of the organisations in one and
-- not the other.
drop table if exists survey.release_cells;
create table survey.release_cells as
-- the published pay cells, their measure and cell spelled once per cell (about 100,000 at 1,000
-- contributions) rather than once per contributor (about 3 million)
with published as (
    select i.group_no, k.cell_no,
        'pay|' || cast(p.year as varchar(10)) || '|' || p.group_kind || '|' || p.group_value || '|' || p.breakdown_kind
            || '|' || p.breakdown_value as measure,
        p.facility_type || '|' || p.bed_band || '|' || p.region as cell
    from marts.pooled_pay_percentiles as p
    join publish.publication_groups as g
        on g.facility_type = p.facility_type and g.bed_band = p.bed_band and g.region = p.region
    join survey.pooled_group_ids as i
        on i.facility_type = p.facility_type and i.bed_band = p.bed_band and i.region = p.region
    join survey.pay_cell_ids as k
        on k.year = p.year and k.group_kind = p.group_kind and k.group_value = p.group_value
        and k.breakdown_kind = p.breakdown_kind and k.breakdown_value = p.breakdown_value
    where p.percentile = 0.5 and p.suppressed_reason is null and g.suppressed_reason is null
),

contributors as (
    select distinct contributor_no, contributor_id from survey.contribution_units
)

-- the members of each published cell, joined on integer keys (survey.pooled_pay_cell_orgs)
select p.measure, p.cell, o.contributor_id
from survey.pooled_pay_cell_orgs as b
join published as p on p.group_no = b.group_no and p.cell_no = b.cell_no
join contributors as o on o.contributor_no = b.contributor_no
union all
select 'peer_group', g.facility_type || '|' || g.bed_band || '|' || g.region, m.contributor_id
from publish.publication_groups as g
join survey.peer_members as m
    on m.facility_type = g.facility_type and m.bed_band = g.bed_band and m.region = g.region
where g.suppressed_reason is null;
