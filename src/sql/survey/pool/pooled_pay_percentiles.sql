-- one row per (peer group, year, group_kind, group_value, breakdown_kind, breakdown_value, percentile): pay percentile from the summed $1,000-bin histograms, the interval of whole bins that certainly holds the exact value, the cell's organisations and people, and the rule when it may not be published
-- The exact percentile (R type 7, DuckDB quantile_cont) interpolates between order statistics k_lo
-- and k_hi = k_lo + 1 at rank h = (N - 1) p + 1; it lies between the lower edge of the bin holding
-- k_lo and the upper edge of the bin holding k_hi (pay_lower_usd, pay_upper_usd). The estimate
-- spreads a bin's people evenly inside it: an estimate, never a claim about the exact value.
-- Salary-survey participation rules: the median and quartiles need at least min_pay_orgs
-- organisations and min_pay_people people, the 10th and 90th percentiles min_pay_tail_orgs and
-- min_pay_tail_people; no minimum or maximum is ever computed.
drop table if exists marts.pooled_pay_percentiles;
create table marts.pooled_pay_percentiles as
with profile_bins as (
    -- the contributions of one profile summed first (survey.pooled_profiles)
    select c.facility_type, c.bed_band, c.region, r.year, r.group_kind, r.group_value, r.breakdown_kind,
        r.breakdown_value, r.pay_lower_usd, r.pay_upper_usd, sum(r.people) as people
    from survey.contribution_rows as r
    join survey.contributions as c on c.contribution_id = r.contribution_id
    where r.table_name = 'pay_histogram'
    group by c.facility_type, c.bed_band, c.region, r.year, r.group_kind, r.group_value, r.breakdown_kind,
        r.breakdown_value, r.pay_lower_usd, r.pay_upper_usd
),

bins as (
    select g.facility_type, g.bed_band, g.region, b.year, b.group_kind, b.group_value, b.breakdown_kind,
        b.breakdown_value, b.pay_lower_usd, b.pay_upper_usd, sum(b.people) as people
    from profile_bins as b
    join survey.pooled_profiles as g
        on g.profile_facility_type = b.facility_type and g.profile_bed_band = b.bed_band
        and g.profile_region = b.region
    group by g.facility_type, g.bed_band, g.region, b.year, b.group_kind, b.group_value, b.breakdown_kind,
        b.breakdown_value, b.pay_lower_usd, b.pay_upper_usd
),

cells as (
    select facility_type, bed_band, region, year, group_kind, group_value, breakdown_kind, breakdown_value,
        count(*) as orgs, sum(people) as people, max(people) as largest_org_people
    from survey.pooled_pay_cells
    group by facility_type, bed_band, region, year, group_kind, group_value, breakdown_kind, breakdown_value
),

-- the paid staff of the peer group in the year (all titles, no breakdown) and its December headcount
paid_staff as (
    select c.facility_type, c.bed_band, c.region, c.year, c.people as paid_people, h.headcount
    from cells as c
    left join (
        select facility_type, bed_band, region, year, headcount
        from (
            select facility_type, bed_band, region, cast(substr(cast(month_start as varchar(10)), 1, 4) as integer) as year,
                headcount,
                row_number() over (
                    partition by facility_type, bed_band, region, substr(cast(month_start as varchar(10)), 1, 4)
                    order by month_start desc
                ) as latest
            from marts.pooled_headcount_monthly
            where role_family = 'all'
        ) as m
        where latest = 1
    ) as h
        on h.facility_type = c.facility_type and h.bed_band = c.bed_band and h.region = c.region and h.year = c.year
    where c.group_kind = 'all' and c.breakdown_kind = 'all'
),

-- one window pass: each bin's people up to and including it, within its cell
cumulative as (
    select b.*,
        sum(people) over (
            partition by facility_type, bed_band, region, year, group_kind, group_value, breakdown_kind, breakdown_value
            order by pay_lower_usd rows between unbounded preceding and current row
        ) as cum_people
    from bins as b
),

percentiles as (
    select 0.1 as percentile, 1 as is_tail
    union all select 0.25, 0
    union all select 0.5, 0
    union all select 0.75, 0
    union all select 0.9, 1
),

-- the ranks of each cell's percentiles, computed once per cell (exact decimals: in doubles
-- (N - 1) p + 1 can land a hair above a whole rank and move k_hi to the next one)
ranks as (
    select c.facility_type, c.bed_band, c.region, c.year, c.group_kind, c.group_value, c.breakdown_kind,
        c.breakdown_value, c.people, c.orgs, c.largest_org_people, p.percentile, p.is_tail,
        (c.people - 1) * p.percentile + 1 as h,
        floor((c.people - 1) * p.percentile + 1) as k_lo,
        ceiling((c.people - 1) * p.percentile + 1) as k_hi
    from cells as c
    cross join percentiles as p
),

-- the bin holding rank k_lo (a bin holds the ranks cum_people - people + 1 to cum_people): one
-- bin per rank, found by the join itself rather than by aggregating every rank × bin pair
lo as (
    select r.*, c.pay_lower_usd as lo_lower, c.pay_upper_usd as lo_upper,
        c.cum_people - c.people as lo_before, c.people as lo_people
    from ranks as r
    join cumulative as c
        on c.facility_type = r.facility_type and c.bed_band = r.bed_band and c.region = r.region
        and c.year = r.year and c.group_kind = r.group_kind and c.group_value = r.group_value
        and c.breakdown_kind = r.breakdown_kind and c.breakdown_value = r.breakdown_value
        and c.cum_people - c.people < r.k_lo and r.k_lo <= c.cum_people
),

-- and the bin holding rank k_hi
hi as (
    select r.facility_type, r.bed_band, r.region, r.year, r.group_kind, r.group_value, r.breakdown_kind,
        r.breakdown_value, r.percentile, c.pay_upper_usd as hi_upper
    from ranks as r
    join cumulative as c
        on c.facility_type = r.facility_type and c.bed_band = r.bed_band and c.region = r.region
        and c.year = r.year and c.group_kind = r.group_kind and c.group_value = r.group_value
        and c.breakdown_kind = r.breakdown_kind and c.breakdown_value = r.breakdown_value
        and c.cum_people - c.people < r.k_hi and r.k_hi <= c.cum_people
),

located as (
    select l.*, u.hi_upper
    from lo as l
    join hi as u
        on u.facility_type = l.facility_type and u.bed_band = l.bed_band and u.region = l.region
        and u.year = l.year and u.group_kind = l.group_kind and u.group_value = l.group_value
        and u.breakdown_kind = l.breakdown_kind and u.breakdown_value = l.breakdown_value
        and u.percentile = l.percentile
)

select
    l.facility_type,
    l.bed_band,
    l.region,
    l.year,
    l.group_kind,
    l.group_value,
    l.breakdown_kind,
    l.breakdown_value,
    cast(l.percentile as double) as percentile,
    cast(l.people as integer) as people,
    cast(l.orgs as integer) as orgs,
    cast(l.people as double) / ps.paid_people as share_of_paid_staff,
    cast(ps.paid_people as double) / nullif(ps.headcount, 0) as paid_staff_coverage,
    greatest(l.lo_lower, least(l.hi_upper,
        l.lo_lower + (l.lo_upper - l.lo_lower) * (l.h - l.lo_before - 0.5) / l.lo_people)) as pay_usd,
    l.lo_lower as pay_lower_usd,
    l.hi_upper as pay_upper_usd,
    l.hi_upper - l.lo_lower as bin_error_usd,
    cast(l.largest_org_people as double) / l.people as max_org_share,
    case
        when l.is_tail = 1 and l.orgs < s.min_pay_tail_orgs
            then '10th and 90th percentiles need at least ' || cast(s.min_pay_tail_orgs as varchar(20)) || ' organisations'
        when l.is_tail = 1 and l.people < s.min_pay_tail_people
            then '10th and 90th percentiles need at least ' || cast(s.min_pay_tail_people as varchar(20)) || ' people'
        when l.orgs < s.min_pay_orgs then 'fewer than ' || cast(s.min_pay_orgs as varchar(20)) || ' organisations'
        when l.people < s.min_pay_people then 'fewer than ' || cast(s.min_pay_people as varchar(20)) || ' people'
    end as suppressed_reason
from located as l
join paid_staff as ps
    on ps.facility_type = l.facility_type and ps.bed_band = l.bed_band and ps.region = l.region and ps.year = l.year
cross join survey.settings as s;
