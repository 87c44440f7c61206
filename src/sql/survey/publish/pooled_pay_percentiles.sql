-- one row per (published peer group, year, group_kind, group_value, breakdown_kind, breakdown_value, percentile): the pay percentile as the interval of whole $1,000 bins that holds the exact value and an estimate rounded to $1,000, the cell's organisations, people and share of the paid staff, null with the rule when the cell fails
-- The counts are published on every cell, as salary surveys do: the differencing rules
-- (survey.release_withheld) keep any two published cells of one measure, and a cell and its
-- earlier release, at 0 or at least min_orgs_benchmark organisations apart.
drop table if exists publish.pooled_pay_percentiles;
create table publish.pooled_pay_percentiles as
-- a cell is published whole (its counts with its median) or not at all: its median's rule, and the
-- differencing rule that withholds the cell (release_withheld holds a cell once), found once per
-- cell on the median's row rather than on each of its five rows
with cells as (
    select p.facility_type, p.bed_band, p.region, p.year, p.group_kind, p.group_value, p.breakdown_kind,
        p.breakdown_value, w.reason as withheld, coalesce(p.suppressed_reason, w.reason) as cell_rule
    from marts.pooled_pay_percentiles as p
    join publish.publication_groups as g
        on g.facility_type = p.facility_type and g.bed_band = p.bed_band and g.region = p.region
    left join survey.release_withheld as w
        on w.measure = 'pay|' || cast(p.year as varchar(10)) || '|' || p.group_kind || '|' || p.group_value
            || '|' || p.breakdown_kind || '|' || p.breakdown_value
        and w.cell = p.facility_type || '|' || p.bed_band || '|' || p.region
    where g.suppressed_reason is null and p.percentile = 0.5
),

ruled as (
    select r.*, c.cell_rule, coalesce(r.suppressed_reason, c.withheld) as rule
    from marts.pooled_pay_percentiles as r
    join cells as c
        on c.facility_type = r.facility_type and c.bed_band = r.bed_band and c.region = r.region
        and c.year = r.year and c.group_kind = r.group_kind and c.group_value = r.group_value
        and c.breakdown_kind = r.breakdown_kind and c.breakdown_value = r.breakdown_value
)

select
    r.facility_type, r.bed_band, r.region, r.year, r.group_kind, r.group_value, r.breakdown_kind,
    r.breakdown_value, r.percentile,
    case when r.cell_rule is null then r.orgs end as orgs,
    case when r.cell_rule is null then r.people end as people,
    case when r.cell_rule is null then cast(round(r.share_of_paid_staff, 3) as double) end as share_of_paid_staff,
    case when r.cell_rule is null then cast(round(r.paid_staff_coverage, 3) as double) end as paid_staff_coverage,
    case when r.cell_rule is null and r.rule is null then round(r.pay_usd / 1000) * 1000 end as pay_usd,
    case when r.cell_rule is null and r.rule is null then r.pay_lower_usd end as pay_lower_usd,
    case when r.cell_rule is null and r.rule is null then r.pay_upper_usd end as pay_upper_usd,
    coalesce(r.cell_rule, r.rule) as suppressed_reason
from ruled as r;
