-- one row per distinct raw device type (assets and work orders): its competency domain by the first matching rule
create or replace table core.device_type_domains as
with device_types as (
    select device_type from raw.assets
    union
    select device_type from raw.work_orders
),

first_match as (
    select d.device_type, r.domain
    from device_types as d
    join taxonomy.device_type_rules as r on regexp_matches(d.device_type, r.pattern, 'i')
    qualify row_number() over (partition by d.device_type order by r.priority, r.domain) = 1
)

select d.device_type, m.domain, m.domain is not null as is_mapped
from device_types as d
left join first_match as m on m.device_type = d.device_type
where d.device_type is not null;
