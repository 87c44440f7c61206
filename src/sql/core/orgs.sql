-- one row per organisation: declared in organizations.csv, referenced by another source, or 'default'
create or replace table core.orgs as
with declared as (
    select org_id, org_name, region, facility_type, cast(staffed_beds as integer) as staffed_beds,
        -- the contract keeps enum values lower-case; reference.market_pay_state writes codes upper-case
        upper(state) as state
    from raw.organizations
),

referenced as (
    select coalesce(org_id, 'default') as org_id from raw.employees
    union select coalesce(org_id, 'default') from raw.requisitions
    union select coalesce(org_id, 'default') from raw.work_orders
    union select coalesce(org_id, 'default') from raw.assets
    -- without organizations.csv there is always one organisation, even before any row names it
    union select 'default' where not exists (select 1 from raw.organizations)
),

-- orphans (org ids no organizations row declares) are kept so every fact has an organisation
undeclared as (
    select
        org_id,
        case when org_id = 'default' then 'Default organisation' else org_id end as org_name,
        cast(null as varchar) as region,
        cast(null as varchar) as facility_type,
        cast(null as integer) as staffed_beds,
        cast(null as varchar) as state
    from referenced
    where org_id not in (select org_id from declared)
)

select * from declared
union all
select * from undeclared
order by org_id;
