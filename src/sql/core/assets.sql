-- one row per asset
-- A view for the same reason as core.work_orders: inventories grow with the work-order volume.
create or replace view core.assets as
select
    a.asset_id,
    coalesce(a.org_id, 'default') as org_id,
    a.device_type,
    coalesce(d.domain, 'unmapped') as domain,
    a.manufacturer,
    a.model,
    cast(a.networked as boolean) as is_networked,
    a.acquisition_cost as acquisition_cost_usd,
    a.in_service_date as in_service_on,
    a.retired_date as retired_on
from raw.assets as a
left join core.device_type_domains as d on d.device_type = a.device_type;
