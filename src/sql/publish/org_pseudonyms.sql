-- one row per organisation (and 'all'): the org_id a reader sees; for a public audience "Org A", "Org B", … in an order no reader can work out (not by id, name or size): sorted by a hash of the org id keyed with $salt, a secret of this warehouse's data (publish.ts), so one publication's files agree and a reader who knows the organisations cannot tell which letter is which
create or replace table work.org_pseudonyms as
with orgs as (
    select org_id, cast(row_number() over (order by md5($salt || chr(31) || org_id), org_id) - 1 as integer) as i
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
