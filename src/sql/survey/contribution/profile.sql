-- one row: the contributing organisation's profile in bands (never its exact beds or its name)
create or replace temp table contribution_profile as
select
    cast(o.facility_type as varchar) as facility_type,
    cast(case
        when o.staffed_beds is null then 'unknown'
        when o.staffed_beds = 0 then 'no_beds'
        when o.staffed_beds < 100 then 'under_100'
        when o.staffed_beds < 300 then '100_299'
        when o.staffed_beds < 500 then '300_499'
        else '500_plus'
    end as varchar) as bed_band,
    cast(o.region as varchar) as region
from core.orgs as o
where o.org_id = (select org_id from contribution_scope);
