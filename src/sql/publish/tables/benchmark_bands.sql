-- one row per benchmark statistic: the spread of organisations' values (10th, 25th, 50th, 75th, 90th percentiles) for the latest complete period old enough to publish, only where the multi-organisation rules hold (at least min_orgs_benchmark organisations, none above max_org_share_benchmark of the weight, period ended at least min_benchmark_age_months before publication); otherwise the percentiles are null and suppressed names the rule
-- Organisation values come from the marts (each organisation counted once, percentiles by linear
-- interpolation as R type 7). No organisation's own value is in this table: see publish.benchmark_org_values.
create or replace table publish.benchmark_bands as
with settings as (
    select * from work.settings
),
as_of as (
    select as_of from warehouse.meta.as_of
),
org_values as (
    select * from work.benchmark_inputs
),
periods as (
    -- complete periods (ended by as_of) that ended long enough before publication
    select
        v.metric,
        any_value(v.label) as label,
        any_value(v.weight_label) as weight_label,
        v.period,
        v.period_end,
        v.period_end <= (select as_of from as_of) as is_complete,
        v.period_end <= s.published_on - to_months(s.min_benchmark_age_months) as is_old_enough
    from org_values v, settings s
    group by v.metric, v.period, v.period_end, s.published_on, s.min_benchmark_age_months
),
chosen as (
    select metric, label, weight_label, period, period_end, is_old_enough,
        row_number() over (partition by metric order by is_old_enough desc, period_end desc) as latest
    from periods
    where is_complete
),
stats as (
    select
        c.metric,
        count(v.value) as n_orgs,
        max(case when v.weight > 0 then v.weight end) / nullif(sum(case when v.weight > 0 then v.weight end), 0)
            as max_org_share,
        quantile_cont(v.value, 0.10) as p10,
        quantile_cont(v.value, 0.25) as p25,
        quantile_cont(v.value, 0.50) as p50,
        quantile_cont(v.value, 0.75) as p75,
        quantile_cont(v.value, 0.90) as p90
    from chosen c
    join org_values v on v.metric = c.metric and v.period = c.period and v.value is not null and isfinite(v.value)
    where c.latest = 1
    group by c.metric
),
ruled as (
    select
        c.metric, c.label, c.weight_label, c.period, c.period_end,
        cast(coalesce(t.n_orgs, 0) as integer) as n_orgs,
        cast(t.max_org_share as double) as max_org_share,
        t.p10, t.p25, t.p50, t.p75, t.p90,
        case
            when not c.is_old_enough then format(
                'no complete period ended at least {} months before publication on {} (min_benchmark_age_months)',
                s.min_benchmark_age_months, strftime(s.published_on, '%Y-%m-%d'))
            when coalesce(t.n_orgs, 0) < s.min_orgs_benchmark then format(
                'fewer than {} organisations report this statistic ({}) (min_orgs_benchmark)',
                s.min_orgs_benchmark, coalesce(t.n_orgs, 0))
            when coalesce(t.max_org_share, 1) > s.max_org_share_benchmark then format(
                'one organisation carries more than {}% of the {} (max_org_share_benchmark)',
                cast(round(100 * s.max_org_share_benchmark) as integer), c.weight_label)
        end as suppressed
    from chosen c
    cross join settings s
    left join stats t on t.metric = c.metric
    where c.latest = 1
)
select
    metric, label, weight_label, period, period_end, n_orgs,
    -- the largest share itself would tell how big the largest organisation is: published as under/over the limit only
    suppressed is null as is_published,
    cast(case when suppressed is null then p10 end as double) as p10,
    cast(case when suppressed is null then p25 end as double) as p25,
    cast(case when suppressed is null then p50 end as double) as p50,
    cast(case when suppressed is null then p75 end as double) as p75,
    cast(case when suppressed is null then p90 end as double) as p90,
    suppressed
from ruled
order by metric;
