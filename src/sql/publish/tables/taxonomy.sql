-- one row per domain, role family and certification of the taxonomy the warehouse was built with (reference data: describes no person), in the CSVs' order, for the site's labels
create or replace table publish.taxonomy_domains as
select domain as code, label, label as noun, is_specialist, rowid as sort_order
from warehouse.taxonomy.domains;

create or replace table publish.taxonomy_role_families as
select role_family as code, label, noun, rowid as sort_order
from warehouse.taxonomy.role_families;

create or replace table publish.taxonomy_certifications as
select code, label, name as noun, rowid as sort_order
from warehouse.taxonomy.certifications;
