-- one row per (organisation, peer kind): which peer group each organisation is compared within (not_applicable: staffed beds do not apply, e.g. a dental group), so an internal dashboard can place the selected organisation among its peers; empty for a public audience (a pseudonym's facility type and size would narrow down who it is)
create or replace table publish.benchmark_peer_members as
select p.published_org_id as org_id, b.peer_kind, b.peer_group, b.peer_label
from work.benchmark_peers b
join work.org_pseudonyms p on p.org_id = b.org_id
where (select audience from work.settings) = 'internal'
order by 1, 2;
