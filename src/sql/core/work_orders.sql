-- one row per work order
-- A view, not a table: a copy of the largest input would cost as much as loading it, and the
-- marts read it in one or two passes each.
create or replace view core.work_orders as
select
    w.work_order_id,
    coalesce(w.org_id, 'default') as org_id,
    w.opened_date as opened_on,
    w.completed_date as completed_on,
    cast(date_trunc('quarter', w.opened_date) as date) as quarter_start,
    cast(year(w.opened_date) as integer) as year,
    w.work_type,
    w.device_type,
    d.domain,
    w.asset_id,
    w.technician_id,
    coalesce(w.service_provider, 'in_house') = 'in_house' as is_in_house,
    w.labor_hours,
    w.vendor_cost as vendor_cost_usd,
    w.parts_cost as parts_cost_usd,
    -- cross-cutting labels (null for most work): a process work type and an equipment system
    d.process,
    d.system,
    w.due_date as due_on
from raw.work_orders as w
join core.work_order_domains as d
    -- coalesce: a missing device type is a value of the pair, and equality must match it
    on d.work_type = w.work_type
    and coalesce(d.device_type, chr(0)) = coalesce(w.device_type, chr(0));
