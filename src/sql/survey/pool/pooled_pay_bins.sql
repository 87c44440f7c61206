-- one row per (peer group, year, group_kind, group_value, breakdown_kind, breakdown_value, contributor, $1,000 pay bin): people paid in the bin, the one per-contributor pay aggregate the pay mart and its publication rules read
drop table if exists survey.pooled_pay_bins;
create table survey.pooled_pay_bins as
select m.facility_type, m.bed_band, m.region, m.contributor_id, r.year, r.group_kind, r.group_value,
    r.breakdown_kind, r.breakdown_value, r.pay_lower_usd, r.pay_upper_usd, sum(r.people) as people
from survey.contribution_rows as r
join survey.pooled_members as m on m.contribution_id = r.contribution_id
where r.table_name = 'pay_histogram'
group by m.facility_type, m.bed_band, m.region, m.contributor_id, r.year, r.group_kind, r.group_value,
    r.breakdown_kind, r.breakdown_value, r.pay_lower_usd, r.pay_upper_usd;
