-- one row per organisation: the id and name a reader sees (a pseudonym for both for a public audience), facility type and staffed beds (internal audience only: either would name an organisation behind its pseudonym)
create or replace table publish.orgs as
select
    p.published_org_id as org_id,
    case when s.audience = 'public' then p.published_org_id else coalesce(o.org_name, o.org_id) end as name,
    case when s.audience = 'public' then null else o.facility_type end as facility_type,
    case when s.audience = 'public' then null else o.staffed_beds end as staffed_beds
from warehouse.core.orgs o
join work.org_pseudonyms p on p.org_id = o.org_id
cross join work.settings s
order by name;
