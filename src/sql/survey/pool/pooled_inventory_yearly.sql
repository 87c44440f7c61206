-- one row per (peer group, year, domain or 'all'): pooled assets in service at year end, of which networked, and their acquisition cost
drop table if exists marts.pooled_inventory_yearly;
create table marts.pooled_inventory_yearly as
with by_domain as (
    select m.facility_type, m.bed_band, m.region, m.contributor_id, r.year, r.domain,
        sum(r.assets) as assets,
        sum(case when r.is_networked then r.assets else 0 end) as networked_assets,
        sum(r.acquisition_cost_usd) as acquisition_cost_usd
    from survey.contribution_rows as r
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    where r.table_name = 'inventory_yearly'
    group by m.facility_type, m.bed_band, m.region, m.contributor_id, r.year, r.domain
),

with_total as (
    select * from by_domain
    union all
    select facility_type, bed_band, region, contributor_id, year, 'all',
        sum(assets), sum(networked_assets), sum(acquisition_cost_usd)
    from by_domain
    group by facility_type, bed_band, region, contributor_id, year
)

select
    t.facility_type,
    t.bed_band,
    t.region,
    t.year,
    t.domain,
    cast(sum(t.assets) as integer) as assets,
    cast(sum(t.networked_assets) as integer) as networked_assets,
    cast(sum(t.networked_assets) as double) / nullif(sum(t.assets), 0) as networked_share,
    cast(sum(t.acquisition_cost_usd) as double) as acquisition_cost_usd,
    cast(count(distinct t.contributor_id) as integer) as orgs,
    cast(max(t.assets) as double) / nullif(sum(t.assets), 0) as max_org_share,
    multi_org_rule(
        count(distinct t.contributor_id), cast(max(t.assets) as double) / nullif(sum(t.assets), 0),
        max(s.min_orgs_benchmark), max(s.max_org_share_benchmark)
    ) as suppressed_reason
from with_total as t
cross join survey.settings as s
group by t.facility_type, t.bed_band, t.region, t.year, t.domain;
