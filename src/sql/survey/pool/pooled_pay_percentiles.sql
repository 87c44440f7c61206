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
with bins as (
    -- the units of one profile summed first, then copied to the profile's pooled groups
    select g.group_no, b.cell_no, b.pay_lower_usd, b.pay_upper_usd, cast(sum(b.people) as bigint) as people
    from (
        select profile_no, cell_no, pay_lower_usd, pay_upper_usd, cast(sum(people) as bigint) as people
        from survey.pay_unit_bins
        group by profile_no, cell_no, pay_lower_usd, pay_upper_usd
    ) as b
    join (select distinct group_no, profile_no from survey.pooled_units) as g on g.profile_no = b.profile_no
    group by g.group_no, b.cell_no, b.pay_lower_usd, b.pay_upper_usd
),

-- each cell's organisations, people and largest organisation: those with a single unit counted per
-- profile and copied to the profile's groups, one with units under two profiles summed in each group
unit_cells as (
    select unit_no, profile_no, unit_count, cell_no, cast(sum(people) as bigint) as people
    from survey.pay_unit_bins
    group by unit_no, profile_no, unit_count, cell_no
),

cells as (
    select group_no, cell_no, sum(orgs) as orgs, sum(people) as people, max(largest_org_people) as largest_org_people
    from (
        select g.group_no, p.cell_no, p.orgs, p.people, p.largest_org_people
        from (
            select profile_no, cell_no, count(*) as orgs, cast(sum(people) as bigint) as people,
                max(people) as largest_org_people
            from unit_cells
            where unit_count = 1
            group by profile_no, cell_no
        ) as p
        join (select distinct group_no, profile_no from survey.pooled_units) as g on g.profile_no = p.profile_no
        union all
        select m.group_no, c.cell_no, 1, cast(sum(c.people) as bigint), cast(sum(c.people) as bigint)
        from unit_cells as c
        join survey.pooled_units as m on m.unit_no = c.unit_no
        where c.unit_count > 1
        group by m.group_no, m.contributor_no, c.cell_no
    ) as c
    group by group_no, cell_no
),

-- the peer group's headcount at the last counted month of each year (December)
year_end as (
    select facility_type, bed_band, region, extract(year from month_start) as year,
        max(month_start) as month_start
    from marts.pooled_headcount_monthly
    where role_family = 'all'
    group by facility_type, bed_band, region, extract(year from month_start)
),

year_end_headcount as (
    select g.group_no, e.year, h.headcount
    from year_end as e
    join marts.pooled_headcount_monthly as h
        on h.facility_type = e.facility_type and h.bed_band = e.bed_band and h.region = e.region
        and h.month_start = e.month_start and h.role_family = 'all'
    join survey.pooled_group_ids as g
        on g.facility_type = e.facility_type and g.bed_band = e.bed_band and g.region = e.region
),

-- the paid staff of the peer group in the year (all titles, no breakdown) and its December headcount
paid_staff as (
    select c.group_no, k.year, c.people as paid_people, h.headcount
    from cells as c
    join survey.pay_cell_ids as k on k.cell_no = c.cell_no
    left join year_end_headcount as h on h.group_no = c.group_no and h.year = k.year
    where k.group_kind = 'all' and k.breakdown_kind = 'all'
),

-- one window pass: each bin's people up to and including it, within its cell
cumulative as (
    select b.*,
        sum(people) over (
            partition by group_no, cell_no
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
-- (N - 1) p + 1 can land a hair above a whole rank and move k_hi to the next one). N as an integer
-- keeps the decimals within 64 bits, many times faster than the 128-bit decimals of a sum.
ranks as (
    select c.group_no, c.cell_no, p.percentile, p.is_tail,
        (cast(c.people as integer) - 1) * p.percentile + 1 as h,
        cast(floor((cast(c.people as integer) - 1) * p.percentile + 1) as bigint) as k_lo,
        cast(ceiling((cast(c.people as integer) - 1) * p.percentile + 1) as bigint) as k_hi
    from cells as c
    cross join percentiles as p
),

-- the bin holding rank k_lo and the bin holding rank k_hi (a bin holds the ranks
-- cum_people - people + 1 to cum_people): one join on the cell's integer keys keeps the one or two
-- bins holding either rank, one aggregate puts them on one row
located as (
    select r.group_no, r.cell_no, r.percentile, r.is_tail, r.h,
        max(case when c.cum_people - c.people < r.k_lo and r.k_lo <= c.cum_people then c.pay_lower_usd end) as lo_lower,
        max(case when c.cum_people - c.people < r.k_lo and r.k_lo <= c.cum_people then c.pay_upper_usd end) as lo_upper,
        max(case when c.cum_people - c.people < r.k_lo and r.k_lo <= c.cum_people then c.cum_people - c.people end) as lo_before,
        max(case when c.cum_people - c.people < r.k_lo and r.k_lo <= c.cum_people then c.people end) as lo_people,
        max(case when c.cum_people - c.people < r.k_hi and r.k_hi <= c.cum_people then c.pay_upper_usd end) as hi_upper
    from ranks as r
    join cumulative as c
        on c.group_no = r.group_no and c.cell_no = r.cell_no
        and ((c.cum_people - c.people < r.k_lo and r.k_lo <= c.cum_people)
            or (c.cum_people - c.people < r.k_hi and r.k_hi <= c.cum_people))
    group by r.group_no, r.cell_no, r.percentile, r.is_tail, r.h
)

select
    g.facility_type,
    g.bed_band,
    g.region,
    k.year,
    k.group_kind,
    k.group_value,
    k.breakdown_kind,
    k.breakdown_value,
    cast(l.percentile as double) as percentile,
    cast(c.people as integer) as people,
    cast(c.orgs as integer) as orgs,
    cast(c.people as double) / ps.paid_people as share_of_paid_staff,
    cast(ps.paid_people as double) / nullif(ps.headcount, 0) as paid_staff_coverage,
    greatest(l.lo_lower, least(l.hi_upper,
        l.lo_lower + (l.lo_upper - l.lo_lower) * (l.h - l.lo_before - 0.5) / l.lo_people)) as pay_usd,
    l.lo_lower as pay_lower_usd,
    l.hi_upper as pay_upper_usd,
    l.hi_upper - l.lo_lower as bin_error_usd,
    cast(c.largest_org_people as double) / c.people as max_org_share,
    case
        when l.is_tail = 1 and c.orgs < s.min_pay_tail_orgs
            then '10th and 90th percentiles need at least ' || cast(s.min_pay_tail_orgs as varchar(20)) || ' organisations'
        when l.is_tail = 1 and c.people < s.min_pay_tail_people
            then '10th and 90th percentiles need at least ' || cast(s.min_pay_tail_people as varchar(20)) || ' people'
        when c.orgs < s.min_pay_orgs then 'fewer than ' || cast(s.min_pay_orgs as varchar(20)) || ' organisations'
        when c.people < s.min_pay_people then 'fewer than ' || cast(s.min_pay_people as varchar(20)) || ' people'
    end as suppressed_reason
from located as l
join cells as c on c.group_no = l.group_no and c.cell_no = l.cell_no
join survey.pay_cell_ids as k on k.cell_no = l.cell_no
join paid_staff as ps on ps.group_no = l.group_no and ps.year = k.year
join survey.pooled_group_ids as g on g.group_no = l.group_no
cross join survey.settings as s;
