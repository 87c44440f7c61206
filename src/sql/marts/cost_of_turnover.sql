-- one row per (org_id, year, role_family) for each year from history_start to as_of; 'all' rows carry totals
create or replace table marts.cost_of_turnover as
with settings as (
    select replacement_cost_factor, min_pay_group from meta.settings
),

leavers as (
    select org_id, year, role_family, annual_pay_usd
    from core.separations
    -- leavers before history_start are incomplete in the export, so none of them count
    where employment_type = 'employee'
        and termination_on >= (select history_start from meta.history_start)
),

totals as (
    select
        year,
        case when grouping(org_id) = 1 then 'all' else org_id end as org_id,
        case when grouping(role_family) = 1 then 'all' else role_family end as role_family,
        count(*) as separations,
        count(annual_pay_usd) as separations_with_pay,
        -- decimals: the same input gives the same bits whatever the threads did
        sum(cast(annual_pay_usd as decimal(38, 6))) as annual_pay_usd
    from leavers
    group by grouping sets ((year, org_id, role_family), (year, org_id), (year, role_family), (year))
),

grid as (
    select y.year, g.org_id, g.role_family
    from (select distinct cast(year(month_start) as integer) as year from core.months) as y
    cross join core.report_groups as g
)

select
    cast(g.org_id as varchar) as org_id,
    cast(g.year as integer) as year,
    cast(g.role_family as varchar) as role_family,
    cast(coalesce(t.separations, 0) as integer) as separations,
    cast(coalesce(t.separations_with_pay, 0) as integer) as separations_with_pay,
    cast(s.replacement_cost_factor as double) as replacement_cost_factor,
    -- null when unknown (no leaver's pay on file) or suppressed: fewer than min_pay_group leavers
    -- with pay would publish (a multiple of) one person's pay
    cast(case
        when coalesce(t.separations, 0) = 0 then 0.0
        when t.separations_with_pay >= s.min_pay_group then s.replacement_cost_factor * t.annual_pay_usd
    end as double) as replacement_cost_usd,
    coalesce(t.separations_with_pay between 1 and s.min_pay_group - 1, false) as is_suppressed
from grid as g
cross join settings as s
left join totals as t on t.year = g.year and t.org_id = g.org_id and t.role_family = g.role_family
order by org_id, year, role_family;
