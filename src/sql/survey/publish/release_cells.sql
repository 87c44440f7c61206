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
    select p.facility_type, p.bed_band, p.region, p.year, p.group_kind, p.group_value, p.breakdown_kind,
        p.breakdown_value,
        'pay|' || cast(p.year as varchar(10)) || '|' || p.group_kind || '|' || p.group_value || '|' || p.breakdown_kind
            || '|' || p.breakdown_value as measure,
        p.facility_type || '|' || p.bed_band || '|' || p.region as cell
    from marts.pooled_pay_percentiles as p
    join publish.publication_groups as g
        on g.facility_type = p.facility_type and g.bed_band = p.bed_band and g.region = p.region
    where p.percentile = 0.5 and p.suppressed_reason is null and g.suppressed_reason is null
)

select p.measure, p.cell, b.contributor_id
from survey.pooled_pay_cells as b
join published as p
    on p.facility_type = b.facility_type and p.bed_band = b.bed_band and p.region = b.region
    and p.year = b.year and p.group_kind = b.group_kind and p.group_value = b.group_value
    and p.breakdown_kind = b.breakdown_kind and p.breakdown_value = b.breakdown_value
union all
select 'peer_group', g.facility_type || '|' || g.bed_band || '|' || g.region, m.contributor_id
from publish.publication_groups as g
join survey.peer_members as m
    on m.facility_type = g.facility_type and m.bed_band = g.bed_band and m.region = g.region
where g.suppressed_reason is null;
