-- one row per (benchmark statistic, peer kind, peer group): the spread of the organisations of one peer group (all organisations; a facility type; a staffed-bed band; an HTM staff size band) for the period publish.benchmark_bands chose, under the multi-organisation rules of the audience; otherwise null percentiles, suppressed naming the rule and peers_needed how many more organisations would lift it
-- Rules: at least min_orgs_benchmark organisations in every build (a band of fewer is a few
-- organisations' own values). The public build adds the rules for statistics that leave the
-- organisation: no organisation above max_org_share_benchmark of the weight, and a period old enough
-- (the band's own rule). An internal build shows every organisation's own value already, so those two
-- protect no one there and do not withhold. Organisations in the 'not_applicable' or 'unknown' group
-- of a kind (no staffed beds, facility type not given) are compared on the other kinds only.
create or replace table publish.benchmark_peer_bands as
with settings as (
    select *, audience = 'public' as is_public from work.settings
),
chosen as (
    select metric, label, weight_label, period, suppressed as band_suppressed
    from publish.benchmark_bands
),
peers as (
    select org_id, 'all' as peer_kind, 'all' as peer_group, 'all organisations' as peer_label, 0 as group_order
    from warehouse.core.orgs
    union all
    select * from work.benchmark_peers where peer_group not in ('not_applicable', 'unknown')
),
vals as (
    select c.metric, c.label, c.weight_label, c.period, c.band_suppressed,
        p.peer_kind, p.peer_group, p.peer_label, p.group_order, v.org_id, v.value, v.weight
    from chosen c
    join work.benchmark_inputs v
        on v.metric = c.metric and v.period = c.period and v.value is not null and isfinite(v.value)
    join peers p on p.org_id = v.org_id
),
stats as (
    select
        metric, peer_kind, peer_group,
        any_value(label) as label, any_value(weight_label) as weight_label, any_value(period) as period,
        any_value(band_suppressed) as band_suppressed, any_value(peer_label) as peer_label,
        any_value(group_order) as group_order,
        count(*) as n_orgs,
        max(case when weight > 0 then weight end) as max_weight,
        sum(case when weight > 0 then weight end) as total_weight,
        median(case when weight > 0 then weight end) as median_weight,
        quantile_cont(value, 0.10) as p10,
        quantile_cont(value, 0.25) as p25,
        quantile_cont(value, 0.50) as p50,
        quantile_cont(value, 0.75) as p75,
        quantile_cont(value, 0.90) as p90
    from vals
    group by metric, peer_kind, peer_group
),
ruled as (
    select
        t.*,
        case
            when t.n_orgs < s.min_orgs_benchmark then 'min_orgs_benchmark'
            when s.is_public and t.band_suppressed like '%min_benchmark_age_months%' then 'min_benchmark_age_months'
            when s.is_public and t.max_weight / nullif(t.total_weight, 0) > s.max_org_share_benchmark
                then 'max_org_share_benchmark'
        end as rule,
        s.min_orgs_benchmark, s.max_org_share_benchmark, s.min_benchmark_age_months
    from stats t, settings s
)
select
    metric, label, period, peer_kind, peer_group, peer_label, cast(group_order as integer) as group_order,
    cast(n_orgs as integer) as n_orgs,
    rule is null as is_published,
    cast(case when rule is null then p10 end as double) as p10,
    cast(case when rule is null then p25 end as double) as p25,
    cast(case when rule is null then p50 end as double) as p50,
    cast(case when rule is null then p75 end as double) as p75,
    cast(case when rule is null then p90 end as double) as p90,
    -- how many more organisations would lift the rule: the shortfall below the minimum, or (for the
    -- largest organisation's share) how many more of the group's typical size bring it under the limit
    cast(case rule
        when 'min_orgs_benchmark' then min_orgs_benchmark - n_orgs
        when 'max_org_share_benchmark' then greatest(1, ceil(
            (max_weight / max_org_share_benchmark - total_weight) / nullif(median_weight, 0)))
    end as integer) as peers_needed,
    -- the setting that withholds the band (the page words it; Methodology names it)
    rule as withheld_by,
    case rule
        when 'min_orgs_benchmark' then format(
            'only {} in this group report it; a band needs at least {} (min_orgs_benchmark)',
            case when n_orgs = 1 then '1 organisation' else n_orgs || ' organisations' end, min_orgs_benchmark)
        when 'max_org_share_benchmark' then format(
            'one organisation carries more than {}% of the {} (max_org_share_benchmark)',
            cast(round(100 * max_org_share_benchmark) as integer), weight_label)
        when 'min_benchmark_age_months' then format(
            'the period is less than {} months old (min_benchmark_age_months)', min_benchmark_age_months)
    end as suppressed
from ruled
order by metric, peer_kind = 'all' desc, peer_kind, group_order, peer_group;
