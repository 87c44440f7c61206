-- one row per (published peer group, year, group_kind, group_value, percentile): pooled pay percentile rounded to $100 with its bin interval, null with the rule when a cell fails
drop table if exists publish.pooled_pay_percentiles;
create table publish.pooled_pay_percentiles as
select
    p.facility_type, p.bed_band, p.region, p.year, p.group_kind, p.group_value, p.percentile, p.orgs,
    case when p.suppressed_reason is null then round(p.pay_usd / 100) * 100 end as pay_usd,
    case when p.suppressed_reason is null then p.pay_lower_usd end as pay_lower_usd,
    case when p.suppressed_reason is null then p.pay_upper_usd end as pay_upper_usd,
    p.suppressed_reason
from marts.pooled_pay_percentiles as p
join publish.publication_groups as g
    on g.facility_type = p.facility_type and g.bed_band = p.bed_band and g.region = p.region
where g.suppressed_reason is null;
