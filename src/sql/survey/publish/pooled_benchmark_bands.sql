-- one row per (published peer group, metric, year, percentile) resting on at least min_orgs_benchmark organisations: the percentile bands a public Benchmarks page draws
drop table if exists publish.pooled_benchmark_bands;
create table publish.pooled_benchmark_bands as
select b.facility_type, b.bed_band, b.region, b.metric, b.year, b.percentile, b.orgs, b.metric_value
from marts.pooled_benchmark_bands as b
join publish.publication_groups as g
    on g.facility_type = b.facility_type and g.bed_band = b.bed_band and g.region = b.region
where g.suppressed_reason is null and b.suppressed_reason is null;
