-- one row per (peer group, metric, year, percentile): the percentile across the group's organisations of each organisation's own value (turnover, voluntary turnover, networking + cybersecurity share of hours, networked share of assets), the bands a Benchmarks page draws instead of any organisation's value
-- A percentile of 7, 9 or 13 organisations at R type 7 is one organisation's exact value (h a whole
-- number), which an outside attack read off the bands. Each percentile is therefore the mean of
-- three neighbouring organisations' values, the order statistics k - 1, k and k + 1 around
-- k = round(h), h = (n - 1) p + 1, with k kept within 2..n - 1 (so never the lowest or highest
-- alone), rounded to 3 decimals; the 10th and 90th need at least 10 organisations.
drop table if exists marts.pooled_benchmark_bands;
create table marts.pooled_benchmark_bands as
with turnover_months as (
    select u.contributor_no, r.year, r.month_start,
        sum(r.headcount_start) as headcount_start, sum(r.headcount_end) as headcount_end,
        sum(r.separations) as separations, sum(r.voluntary_separations) as voluntary_separations
    from survey.contribution_rows as r
    join survey.contribution_units as u on u.contribution_id = r.contribution_id
    where r.table_name = 'turnover_monthly' and r.role_family = 'all'
    group by u.contributor_no, r.year, r.month_start
),

org_values as (
    select contributor_no, 'turnover_rate' as metric, year,
        sum(cast(separations as double) / nullif((headcount_start + headcount_end) / 2.0, 0)) as metric_value
    from turnover_months
    group by contributor_no, year
    union all
    select contributor_no, 'voluntary_turnover_rate', year,
        sum(cast(voluntary_separations as double) / nullif((headcount_start + headcount_end) / 2.0, 0))
    from turnover_months
    group by contributor_no, year
    union all
    select u.contributor_no, 'network_cyber_hours_share', r.year,
        cast(sum(case when r.domain in ('networking', 'integration', 'networking_integration', 'cybersecurity') then r.hours else 0 end) as double)
        / nullif(cast(sum(r.hours) as double), 0)
    from survey.contribution_rows as r
    join survey.contribution_units as u on u.contribution_id = r.contribution_id
    where r.table_name = 'workload_quarterly'
    group by u.contributor_no, r.year
    union all
    select u.contributor_no, 'networked_asset_share', r.year,
        cast(sum(case when r.is_networked then r.assets else 0 end) as double) / nullif(sum(r.assets), 0)
    from survey.contribution_rows as r
    join survey.contribution_units as u on u.contribution_id = r.contribution_id
    where r.table_name = 'inventory_yearly'
    group by u.contributor_no, r.year
),

-- the peer groups each contributor belongs to (integer ids, survey.pooled_units)
profiles as (
    select distinct group_no, contributor_no
    from survey.pooled_units
),

ranked as (
    select p.group_no, v.metric, v.year, v.metric_value,
        row_number() over (partition by p.group_no, v.metric, v.year order by v.metric_value) as value_rank,
        count(*) over (partition by p.group_no, v.metric, v.year) as orgs
    from org_values as v
    join profiles as p on p.contributor_no = v.contributor_no
    where v.metric_value is not null
),

percentiles as (
    select 0.1 as percentile, 1 as is_tail
    union all select 0.25, 0
    union all select 0.5, 0
    union all select 0.75, 0
    union all select 0.9, 1
),

-- (the organisations as an integer keep the decimals within 64 bits, many times faster)
located as (
    select r.group_no, r.metric, r.year, r.orgs, p.percentile, p.is_tail,
        avg(r.metric_value) as blended
    from ranked as r
    cross join percentiles as p
    where abs(r.value_rank - least(r.orgs - 1, greatest(2, round((cast(r.orgs as integer) - 1) * p.percentile + 1)))) <= 1
    group by r.group_no, r.metric, r.year, r.orgs, p.percentile, p.is_tail
)

select
    g.facility_type,
    g.bed_band,
    g.region,
    l.metric,
    l.year,
    cast(l.percentile as double) as percentile,
    cast(l.orgs as integer) as orgs,
    round(l.blended, 3) as metric_value,
    case
        when l.orgs < s.min_orgs_benchmark then 'fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
        when l.is_tail = 1 and l.orgs < s.min_pay_tail_orgs
            then '10th and 90th percentiles need at least ' || cast(s.min_pay_tail_orgs as varchar(20)) || ' organisations'
    end as suppressed_reason
from located as l
join survey.pooled_group_ids as g on g.group_no = l.group_no
cross join survey.settings as s;
