-- one row per organisation (and 'all'): the org_id a reader sees; for a public audience "Org A", "Org B", … by sorted org_id (not by size, so a pseudonym says nothing about the organisation)
create or replace table work.org_pseudonyms as
with orgs as (
    select org_id, cast(row_number() over (order by org_id) - 1 as integer) as i
    from warehouse.core.orgs
    where org_id <> 'all'
)
select
    org_id,
    case
        when (select audience from work.settings) <> 'public' then org_id
        when i < 26 then 'Org ' || chr(65 + i)
        else 'Org ' || chr(64 + cast(i // 26 as integer)) || chr(65 + cast(i % 26 as integer))
    end as published_org_id
from orgs
union all
select 'all', 'all';
