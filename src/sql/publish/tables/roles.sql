-- one row per canonical role of the taxonomy (reference data, describes no person): family, ladder level and primary domain
create or replace table publish.roles as
select role, role_family, ladder_level, primary_domain
from warehouse.taxonomy.roles
order by ladder_level, role;
