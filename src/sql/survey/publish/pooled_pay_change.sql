-- one row per (published peer group, year, group_kind, group_value) with a published median this year and last: the change in the median pay estimate, in dollars and as a share of last year's, both estimates
-- Read from the published cells only, so it says nothing the two medians do not; a cell withheld
-- in either year gives no change.
drop table if exists publish.pooled_pay_change;
create table publish.pooled_pay_change as
select
    c.facility_type, c.bed_band, c.region, c.year, c.group_kind, c.group_value,
    c.pay_usd as median_usd,
    p.pay_usd as previous_median_usd,
    c.pay_usd - p.pay_usd as change_usd,
    round((c.pay_usd - p.pay_usd) / p.pay_usd, 3) as change_share
from publish.pooled_pay_percentiles as c
join publish.pooled_pay_percentiles as p
    on p.facility_type = c.facility_type and p.bed_band = c.bed_band and p.region = c.region
    and p.year = c.year - 1 and p.group_kind = c.group_kind and p.group_value = c.group_value
    and p.breakdown_kind = c.breakdown_kind and p.breakdown_value = c.breakdown_value
    and p.percentile = c.percentile
where c.percentile = 0.5 and c.breakdown_kind = 'all' and c.pay_usd is not null and p.pay_usd is not null;
