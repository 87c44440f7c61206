-- one row per (domain, role): the roles that do a competency domain's work, for pricing and hiring into it
-- A role does the work of its primary domain. A domain no role names as its primary domain (facilities
-- support in the shipped taxonomy) is done by generalists, so its roles are the generalist roles.
create or replace table core.domain_roles as
select d.domain, r.role, r.role_family, r.primary_domain = d.domain as is_own_role
from taxonomy.domains as d
join taxonomy.roles as r
    on r.primary_domain = d.domain
    or (
        r.role_family = 'generalist'
        and not exists (select 1 from taxonomy.roles as x where x.primary_domain = d.domain)
    )
order by d.domain, r.role;
