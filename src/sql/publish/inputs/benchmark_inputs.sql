-- one row per (benchmark statistic, period, organisation): the organisation's value from its mart and its weight in the statistic (average headcount, FTE, devices, inventory value)
create or replace table work.benchmark_inputs as
select 'turnover_rate' as metric, 'Turnover rate' as label, 'average headcount' as weight_label,
    cast(year as varchar) as period, make_date(year, 12, 31) as period_end,
    org_id, turnover_rate as value, avg_headcount as weight
from warehouse.marts.turnover_annual where org_id <> 'all' and role_family = 'all'
union all
select 'voluntary_turnover_rate', 'Voluntary turnover rate', 'average headcount',
    cast(year as varchar), make_date(year, 12, 31), org_id, voluntary_turnover_rate, avg_headcount
from warehouse.marts.turnover_annual where org_id <> 'all' and role_family = 'all'
union all
select 'assets_per_technical_fte', 'Devices per technical FTE', 'technical FTE',
    cast(year as varchar), snapshot_on, org_id, assets_per_technical_fte, technical_fte
from warehouse.marts.inventory_load where org_id <> 'all'
union all
select 'networked_share', 'Networked share of inventory', 'active devices',
    cast(year as varchar), snapshot_on, org_id, networked_share, active_assets
from warehouse.marts.inventory_load where org_id <> 'all'
union all
select 'cost_of_service_ratio', 'Cost of service ratio', 'inventory value (acquisition cost)',
    cast(year as varchar), make_date(year, 12, 31), org_id, cost_of_service_ratio, acquisition_cost_usd
from warehouse.marts.cost_of_service where org_id <> 'all'
union all
select 'vacancy_rate', 'Vacancy rate', 'headcount',
    'as of ' || strftime(as_of, '%Y-%m-%d'), as_of, org_id, vacancy_rate, headcount
from warehouse.marts.vacancy where org_id <> 'all' and role_family = 'all';
