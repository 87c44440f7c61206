-- one row per distinct (work_type, device_type) pair of work orders: the domain its work counts towards
create or replace table core.work_order_domains as
with pairs as (
    -- distinct pairs, so the rules run on a few hundred values however many work orders there are
    select work_type, device_type, count(*) as work_orders from raw.work_orders group by all
),

work_types as (
    select distinct work_type from pairs
),

work_type_match as (
    select w.work_type, r.domain
    from work_types as w
    join taxonomy.work_type_rules as r on regexp_matches(w.work_type, r.pattern, 'i')
    qualify row_number() over (partition by w.work_type order by r.priority, r.domain) = 1
)

select
    p.work_type,
    p.device_type,
    cast(p.work_orders as bigint) as work_orders,
    w.domain is not null as is_work_type_mapped,
    -- a generic work type (PM, repair) counts towards the domain of the device it was done on
    case
        when w.domain is not null and w.domain <> 'by_device' then w.domain
        else coalesce(d.domain, 'unmapped')
    end as domain
from pairs as p
left join work_type_match as w on w.work_type = p.work_type
left join core.device_type_domains as d on d.device_type = p.device_type;
