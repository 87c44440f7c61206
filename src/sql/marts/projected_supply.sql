-- one row per org_id ('all' = every organisation), forecast year and domain ('all' = every domain): today's staff projected to 31 December of the year, less expected leavers (retention curve) and expected retirements (age), against the demand forecast
-- Staff: employees in post at as_of whose role has a primary domain (core.staffed_spells), with their fte.
-- Expected leavers: each person stays to 31 December of year Y with probability S(t_Y) / S(t_now), the
-- conditional Kaplan-Meier survival of marts.retention_curve (org's curve, group 'all', event_kind
-- 'voluntary': retirements and other exits censored), t in whole months since hire (days / 30.4375,
-- floored); beyond the curve's last month the last estimate holds.
-- Expected retirements: the share of the org's staff in post at as_of with a known birth year who are at
-- least retirement_age (settings) on 31 December of Y (year - birth_year >= retirement_age). An org share
-- over fewer than min_pay_group people (public: min_cell_public) would tell one person's age, so the share
-- over all organisations is used instead; no birth years at all -> no retirements are projected
-- (retirement_known false).
-- projected_supply_fte = sum fte x stay x (1 - retiring share); expected_leavers_fte = sum fte x (1 - stay);
-- expected_retirements_fte = sum fte x stay x retiring share. Years and demand: the forecast rows
-- (is_forecast) of marts.specialist_demand; projected_gap_fte = demand_fte - projected_supply_fte.
create or replace table marts.projected_supply as
with settings as (
    select
        retirement_age,
        case when audience = 'public' then greatest(min_pay_group, min_cell_public) else min_pay_group end
            as min_group
    from meta.settings
),
as_of as (
    select as_of from meta.as_of
),
years as (
    select distinct year from marts.specialist_demand where is_forecast
),
in_post as (
    select p.org_id, p.primary_domain as domain, p.fte, p.hire_on, e.birth_year
    from core.staffed_spells p
    join core.employees e on e.employee_id = p.employee_id and e.hire_on = p.hire_on
    cross join as_of a
    where p.start_on <= a.as_of and coalesce(p.end_on, date '9999-12-31') > a.as_of
),
-- each person once per scope: their own organisation, and 'all' (priced on the pooled curve and share)
scoped as (
    select org_id as scope, * from in_post
    union all
    select 'all', * from in_post
),
curve as (
    select org_id, month, survival
    from marts.retention_curve
    where group_kind = 'all' and event_kind = 'voluntary'
),
curve_end as (
    select org_id, max(month) as last_month from curve group by org_id
),
person_years as (
    select
        s.scope,
        s.domain,
        y.year,
        s.fte,
        least(floor((a.as_of - s.hire_on) / 30.4375), c.last_month) as month_now,
        least(floor((make_date(y.year, 12, 31) - s.hire_on) / 30.4375), c.last_month) as month_then
    from scoped s
    cross join years y
    cross join as_of a
    left join curve_end c on c.org_id = s.scope
),
stay as (
    select
        p.scope,
        p.domain,
        p.year,
        p.fte,
        coalesce(c1.survival / nullif(c0.survival, 0), 1) as p_stay
    from person_years p
    left join curve c0 on c0.org_id = p.scope and c0.month = p.month_now
    left join curve c1 on c1.org_id = p.scope and c1.month = p.month_then
),
retiring_by_scope as (
    select
        s.scope,
        y.year,
        count(s.birth_year) as known_age,
        count(*) filter (where y.year - s.birth_year >= st.retirement_age) as retiring
    from scoped s
    cross join years y
    cross join settings st
    group by s.scope, y.year
),
retiring as (
    select
        r.scope,
        r.year,
        case
            when r.known_age >= st.min_group then r.retiring / r.known_age
            when x.known_age > 0 then x.retiring / x.known_age
            else 0
        end as retiring_share,
        coalesce(x.known_age, 0) > 0 as retirement_known
    from retiring_by_scope r
    cross join settings st
    left join retiring_by_scope x on x.scope = 'all' and x.year = r.year
),
projected as (
    select
        s.scope as org_id,
        s.year,
        case when grouping(s.domain) = 1 then 'all' else s.domain end as domain,
        sum(cast(s.fte as decimal(38, 9))) as supply_now_fte,
        sum(s.fte * (1 - s.p_stay)) as expected_leavers_fte,
        sum(s.fte * s.p_stay * r.retiring_share) as expected_retirements_fte,
        sum(s.fte * s.p_stay * (1 - r.retiring_share)) as projected_supply_fte,
        bool_and(r.retirement_known) as retirement_known
    from stay s
    join retiring r on r.scope = s.scope and r.year = s.year
    where s.domain is not null
    group by grouping sets ((s.scope, s.year, s.domain), (s.scope, s.year))
)
select
    d.org_id,
    cast(d.year as integer) as year,
    d.domain,
    cast(coalesce(p.supply_now_fte, 0) as double) as supply_now_fte,
    cast(coalesce(p.expected_leavers_fte, 0) as double) as expected_leavers_fte,
    cast(coalesce(p.expected_retirements_fte, 0) as double) as expected_retirements_fte,
    cast(coalesce(p.projected_supply_fte, 0) as double) as projected_supply_fte,
    coalesce(p.retirement_known, false) as retirement_known,
    cast(d.demand_fte as double) as demand_fte,
    cast(d.lower_80 as double) as demand_lower_80,
    cast(d.upper_80 as double) as demand_upper_80,
    cast(d.demand_fte - coalesce(p.projected_supply_fte, 0) as double) as projected_gap_fte
from marts.specialist_demand d
left join projected p on p.org_id = d.org_id and p.year = d.year and p.domain = d.domain
where d.is_forecast
order by 1, 2, 3;
