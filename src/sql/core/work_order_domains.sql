-- one row per distinct (work_type, device_type) pair of work orders: the domain its work counts towards, its process work type and its equipment system (either may be null)
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
),

-- process work types cut across domains: decided by the work type alone (taxonomy.process_rules)
process_match as (
    select w.work_type, r.process
    from work_types as w
    join taxonomy.process_rules as r on regexp_matches(w.work_type, r.pattern, 'i')
    qualify row_number() over (partition by w.work_type order by r.priority, r.process) = 1
),

-- equipment system: the device type decides, else the work type (work logged without a device)
system_match as (
    select p.work_type, p.device_type, r.system,
        case when regexp_matches(coalesce(p.device_type, ''), r.pattern, 'i') then 0 else 1 end as by_work_type
    from pairs as p
    join taxonomy.system_rules as r
        on regexp_matches(coalesce(p.device_type, ''), r.pattern, 'i')
        or regexp_matches(p.work_type, r.pattern, 'i')
    qualify row_number() over (
        partition by p.work_type, p.device_type order by by_work_type, r.priority, r.system
    ) = 1
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
    end as domain,
    pm.process,
    sm.system
from pairs as p
left join work_type_match as w on w.work_type = p.work_type
left join core.device_type_domains as d on d.device_type = p.device_type
left join process_match as pm on pm.work_type = p.work_type
left join system_match as sm
    on sm.work_type = p.work_type and coalesce(sm.device_type, chr(0)) = coalesce(p.device_type, chr(0));
