-- one row per (organisation, benchmark statistic) for the period publish.benchmark_bands chose: the organisation's own value, so an internal dashboard can place each of its organisations in the bands; empty for a public audience (other organisations' values are never shipped)
create or replace table publish.benchmark_org_values as
select p.published_org_id as org_id, b.metric, b.period, v.value
from publish.benchmark_bands b
join work.benchmark_inputs v on v.metric = b.metric and v.period = b.period
join work.org_pseudonyms p on p.org_id = v.org_id
where (select audience from work.settings) = 'internal' and v.value is not null
order by 2, 1;
