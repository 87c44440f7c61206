-- one row per (peer group, year, group_kind, group_value, percentile): pay percentile estimated from the summed fixed-bin histograms, with the interval that certainly holds the exact value
-- The exact percentile (R type 7, DuckDB quantile_cont) interpolates between order statistics k_lo and
-- k_hi = k_lo + 1 at rank h = (N - 1) p + 1; it lies between the lower edge of the bin holding k_lo
-- and the upper edge of the bin holding k_hi (pay_lower_usd, pay_upper_usd: the stated bin error).
-- The estimate places a bin's people evenly inside it.
drop table if exists marts.pooled_pay_percentiles;
create table marts.pooled_pay_percentiles as
with by_contributor as (
    select m.facility_type, m.bed_band, m.region, m.contributor_id, r.year, r.group_kind, r.group_value,
        r.pay_lower_usd, r.pay_upper_usd, sum(r.people) as people
    from survey.contribution_rows as r
    join survey.pooled_members as m on m.contribution_id = r.contribution_id
    where r.table_name = 'pay_histogram'
    group by m.facility_type, m.bed_band, m.region, m.contributor_id, r.year, r.group_kind, r.group_value,
        r.pay_lower_usd, r.pay_upper_usd
),

bins as (
    select facility_type, bed_band, region, year, group_kind, group_value, pay_lower_usd, pay_upper_usd,
        sum(people) as people
    from by_contributor
    group by facility_type, bed_band, region, year, group_kind, group_value, pay_lower_usd, pay_upper_usd
),

cumulative as (
    select b.*,
        sum(people) over (
            partition by facility_type, bed_band, region, year, group_kind, group_value
            order by pay_lower_usd rows between unbounded preceding and current row
        ) as cum_people,
        sum(people) over (partition by facility_type, bed_band, region, year, group_kind, group_value)
            as total_people
    from bins as b
),

percentiles as (
    select 0.25 as percentile
    union all select 0.5
    union all select 0.75
),

ranks as (
    select distinct c.facility_type, c.bed_band, c.region, c.year, c.group_kind, c.group_value,
        c.total_people, p.percentile,
        (c.total_people - 1) * p.percentile + 1 as h,
        floor((c.total_people - 1) * p.percentile + 1) as k_lo,
        ceiling((c.total_people - 1) * p.percentile + 1) as k_hi
    from cumulative as c
    cross join percentiles as p
),

located as (
    select
        r.facility_type, r.bed_band, r.region, r.year, r.group_kind, r.group_value, r.total_people,
        r.percentile, r.h,
        max(case when c.cum_people - c.people < r.k_lo and r.k_lo <= c.cum_people then c.pay_lower_usd end) as lo_lower,
        max(case when c.cum_people - c.people < r.k_lo and r.k_lo <= c.cum_people then c.pay_upper_usd end) as lo_upper,
        max(case when c.cum_people - c.people < r.k_lo and r.k_lo <= c.cum_people then c.cum_people - c.people end) as lo_before,
        max(case when c.cum_people - c.people < r.k_lo and r.k_lo <= c.cum_people then c.people end) as lo_people,
        max(case when c.cum_people - c.people < r.k_hi and r.k_hi <= c.cum_people then c.pay_upper_usd end) as hi_upper
    from ranks as r
    join cumulative as c
        on c.facility_type = r.facility_type and c.bed_band = r.bed_band and c.region = r.region
        and c.year = r.year and c.group_kind = r.group_kind and c.group_value = r.group_value
    group by r.facility_type, r.bed_band, r.region, r.year, r.group_kind, r.group_value, r.total_people,
        r.percentile, r.h
),

weights as (
    select facility_type, bed_band, region, year, group_kind, group_value,
        count(distinct contributor_id) as orgs,
        max(people) as largest_org_people
    from (
        select facility_type, bed_band, region, year, group_kind, group_value, contributor_id,
            sum(people) as people
        from by_contributor
        group by facility_type, bed_band, region, year, group_kind, group_value, contributor_id
    ) as o
    group by facility_type, bed_band, region, year, group_kind, group_value
)

select
    l.facility_type,
    l.bed_band,
    l.region,
    l.year,
    l.group_kind,
    l.group_value,
    cast(l.percentile as double) as percentile,
    cast(l.total_people as integer) as people,
    greatest(l.lo_lower, least(l.hi_upper,
        l.lo_lower + (l.lo_upper - l.lo_lower) * (l.h - l.lo_before - 0.5) / l.lo_people)) as pay_usd,
    l.lo_lower as pay_lower_usd,
    l.hi_upper as pay_upper_usd,
    l.hi_upper - l.lo_lower as bin_error_usd,
    cast(w.orgs as integer) as orgs,
    cast(w.largest_org_people as double) / l.total_people as max_org_share,
    case
        when w.orgs < s.min_orgs_benchmark then 'fewer than ' || cast(s.min_orgs_benchmark as varchar(20)) || ' organisations'
        when cast(w.largest_org_people as double) / l.total_people > s.max_org_share_benchmark
            then 'one organisation above ' || cast(cast(round(s.max_org_share_benchmark * 100) as integer) as varchar(20)) || '% of the weight'
        when l.total_people < s.min_cell_public then 'fewer than ' || cast(s.min_cell_public as varchar(20)) || ' people'
    end as suppressed_reason
from located as l
join weights as w
    on w.facility_type = l.facility_type and w.bed_band = l.bed_band and w.region = l.region
    and w.year = l.year and w.group_kind = l.group_kind and w.group_value = l.group_value
cross join survey.settings as s;
