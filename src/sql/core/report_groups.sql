-- one row per (org_id or 'all', role_family or 'all'): the groups every per-role-family mart reports on, so an empty group shows as 0, never as a missing row
create or replace table core.report_groups as
select o.org_id, f.role_family
from (select org_id from core.orgs union select 'all') as o
cross join (
    select role_family from core.position_spells
    union select role_family from taxonomy.roles
    union select 'all'
) as f;
