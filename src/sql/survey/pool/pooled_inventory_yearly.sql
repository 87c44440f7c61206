-- one row per (peer group, year, domain or 'all'): pooled assets in service at year end, of which networked, and their acquisition cost
drop table if exists marts.pooled_inventory_yearly;
create table marts.pooled_inventory_yearly as
-- Each unit's years summed once (survey.contribution_units), with its 'all' domain. The organisations
-- with a single unit are counted and summed per profile, and those sums copied to the profile's
-- pooled groups; an organisation with units under two profiles is copied unit by unit and summed in
-- each group.
with by_domain as (
    select u.unit_no, u.profile_no, u.unit_count, r.year, r.domain,
        cast(sum(r.assets) as bigint) as assets,
        cast(sum(case when r.is_networked then r.assets else 0 end) as bigint) as networked_assets,
        sum(r.acquisition_cost_usd) as acquisition_cost_usd
    from survey.contribution_rows as r
    join survey.contribution_units as u on u.contribution_id = r.contribution_id
    where r.table_name = 'inventory_yearly'
    group by u.unit_no, u.profile_no, u.unit_count, r.year, r.domain
),

with_total as (
    select * from by_domain
    union all
    select unit_no, profile_no, unit_count, year, 'all',
        cast(sum(assets) as bigint), cast(sum(networked_assets) as bigint), sum(acquisition_cost_usd)
    from by_domain
    group by unit_no, profile_no, unit_count, year
),

by_profile as (
    select profile_no, year, domain,
        cast(sum(assets) as bigint) as assets,
        cast(sum(networked_assets) as bigint) as networked_assets,
        sum(acquisition_cost_usd) as acquisition_cost_usd,
        count(*) as orgs,
        max(assets) as largest_org_assets
    from with_total
    where unit_count = 1
    group by profile_no, year, domain
),

split_orgs as (
    select m.group_no, t.year, t.domain,
        cast(sum(t.assets) as bigint) as assets,
        cast(sum(t.networked_assets) as bigint) as networked_assets,
        sum(t.acquisition_cost_usd) as acquisition_cost_usd
    from with_total as t
    join survey.pooled_units as m on m.unit_no = t.unit_no
    where t.unit_count > 1
    group by m.group_no, m.contributor_no, t.year, t.domain
),

pooled as (
    select group_no, year, domain,
        sum(assets) as assets,
        sum(networked_assets) as networked_assets,
        sum(acquisition_cost_usd) as acquisition_cost_usd,
        sum(orgs) as orgs,
        max(largest_org_assets) as largest_org_assets
    from (
        select g.group_no, p.year, p.domain, p.assets, p.networked_assets, p.acquisition_cost_usd, p.orgs,
            p.largest_org_assets
        from by_profile as p
        join (select distinct group_no, profile_no from survey.pooled_units) as g on g.profile_no = p.profile_no
        union all
        select group_no, year, domain, assets, networked_assets, acquisition_cost_usd, 1, assets
        from split_orgs
    ) as c
    group by group_no, year, domain
)

select
    g.facility_type,
    g.bed_band,
    g.region,
    p.year,
    p.domain,
    cast(p.assets as integer) as assets,
    cast(p.networked_assets as integer) as networked_assets,
    cast(p.networked_assets as double) / nullif(p.assets, 0) as networked_share,
    cast(p.acquisition_cost_usd as double) as acquisition_cost_usd,
    cast(p.orgs as integer) as orgs,
    cast(p.largest_org_assets as double) / nullif(p.assets, 0) as max_org_share,
    multi_org_rule(
        p.orgs, cast(p.largest_org_assets as double) / nullif(p.assets, 0),
        s.min_orgs_benchmark, s.max_org_share_benchmark
    ) as suppressed_reason
from pooled as p
join survey.pooled_group_ids as g on g.group_no = p.group_no
cross join survey.settings as s;
